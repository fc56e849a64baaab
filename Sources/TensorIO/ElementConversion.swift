import FloatFormats
import Foundation

/// `floatlab convert` as library calls: text lines, packed raw elements and
/// `.npy` arrays into a target format, with fixed rounding options.
///
/// ```swift
/// let c = ElementConversion(to: .float8_e4m3fn, withFlags: true)
/// try c.convert(lines: "464\n465\n")   // "0x7e x\n0x7f ox\n"
/// ```
public struct ElementConversion: Sendable {
    /// The format of bit-pattern inputs (values need none).
    public let source: FloatFormat?
    public let target: FloatFormat
    public let options: RoundingOptions
    public let seed: UInt64
    /// Whether results carry their flags: after each text line, or (arrays)
    /// their union, computed by the core element by element.
    public let withFlags: Bool
    public let threads: Int

    public init(from source: FloatFormat? = nil, to target: FloatFormat, options: RoundingOptions = .default,
                seed: UInt64 = 0, withFlags: Bool = false, threads: Int = 1) {
        self.source = source
        self.target = target
        self.options = options
        self.seed = seed
        self.withFlags = withFlags
        self.threads = threads
    }

    /// Text: one input per line (`NumberLiteral`: a bit pattern of the source,
    /// or a value taken exactly and rounded once); blank lines and `#`
    /// comments skipped. One output per line: the target's bit pattern in hex
    /// with its width in digits, then the flags (`v z o u x` or `-`) when asked.
    /// Input i (counting inputs, not lines) takes the stochastic random integer i.
    public func convert(lines text: String) throws(TensorIOError) -> String {
        let conversion = source.map { Conversion(from: $0, to: target, options: options, seed: seed) }
        let noise = RoundingNoise(seed: seed)
        let digits = (target.bitWidth + 3) / 4
        var out = ""
        var index: UInt64 = 0
        for (lineNumber, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let item = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if item.isEmpty || item.hasPrefix("#") { continue }
            let result: RoundedResult
            do throws(FormatError) {
                switch try NumberLiteral(item) {
                case .bitPattern:
                    guard let conversion else {
                        throw FormatError("'\(item)' is a bit pattern, so --from must say its format (or write the value as a decimal).")
                    }
                    let code = try NumberLiteral(item).encoding(in: conversion.source)!
                    result = conversion.convert(code, index: index)
                case .value(let number):
                    result = target.round(number, options: options, random: UInt64(noise[index]))
                }
            } catch {
                throw TensorIOError("line \(lineNumber + 1): \(error.message)")
            }
            index += 1
            let hex = String(result.code, radix: 16)
            out += "0x" + String(repeating: "0", count: max(0, digits - hex.count)) + hex
            out += withFlags ? " \(result.flags.letters)\n" : "\n"
        }
        return out
    }

    /// Packed little-endian elements of `source` (its storage width each) into
    /// the target's; with flags, also their union.
    public func convert(bytes data: Data, from source: FloatFormat) throws(TensorIOError) -> (data: Data, flags: ExceptionFlags?) {
        guard withFlags else {
            let bulk = BulkConverter(from: source, to: target, options: options, seed: seed)
            return (try RawElements.convert(data, with: bulk, threads: threads), nil)
        }
        let codes = try RawElements.decode(data, width: source.storageBytes)
        let result = Conversion(from: source, to: target, options: options, seed: seed).convert(codes)
        return (RawElements.encode(result.codes, width: target.storageBytes), result.flags)
    }

    /// An `.npy` array (values, or bit patterns of `source`) into an array of
    /// the target's bit patterns, same shape.
    public func convert(array: NPYArray) throws(TensorIOError) -> (array: NPYArray, flags: ExceptionFlags?) {
        let from = try array.elementFormat(bitPatternsOf: source)
        let (data, flags) = try convert(bytes: array.data, from: from)
        return (NPYArray(dtype: TensorDType(bitPatternsOf: target), shape: array.shape, data: data), flags)
    }
}
