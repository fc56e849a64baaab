import ArgumentParser
import FloatFormats
import Foundation
import TensorIO

struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert values into a format: text lines, packed raw elements or .npy arrays.",
        discussion: """
        Text (default): one input per line from standard input or --input: a 0x… bit pattern of --from, \
        or a decimal taken at its exact value and rounded once, straight into --to. One output per line: \
        the 0x… bit pattern of --to, then the flags (v z o u x, or -) with --flags.
        --raw: packed little-endian elements of --from (1, 2, 4 or 8 bytes each) in, of --to out.
        .npy (an --input ending in .npy): unsigned integers are bit patterns of --from; float16/32/64 \
        arrays are values; the output (--output, required) holds unsigned bit patterns of --to.
        """)

    @Option(help: "Source format of bit patterns (for decimals it is not needed).", transform: parseFormat)
    var from: FloatFormat?

    @Option(help: "Target format.", transform: parseFormat)
    var to: FloatFormat

    @OptionGroup var rounding: RoundingArguments

    @Flag(help: "Print the exception flags after each result (text), or their union on standard error.")
    var flags = false

    @Option(help: "Read this file instead of standard input.")
    var input: String?

    @Option(name: .shortAndLong, help: "Write this file (atomically) instead of standard output.")
    var output: String?

    @Flag(help: "Packed little-endian binary elements instead of text lines.")
    var raw = false

    func run() throws {
        if let input, input.hasSuffix(".npy") {
            try convertNPY(path: input)
            return
        }
        let data = try readInput()
        if raw {
            guard let from else { throw ValidationError("--raw needs --from: the format of the input elements.") }
            try write(try convertBytes(data, from: from, label: "--raw input"))
            return
        }
        let text = String(decoding: data, as: UTF8.self)
        var out = ""
        let conversion = from.map { Conversion(from: $0, to: to, options: rounding.options, seed: rounding.seed) }
        let noise = RoundingNoise(seed: rounding.seed)
        let digits = (to.bitWidth + 3) / 4
        var index: UInt64 = 0
        for (lineNumber, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let item = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if item.isEmpty || item.hasPrefix("#") { continue }
            let result: RoundedResult
            do {
                result = try convertItem(item, conversion: conversion, random: UInt64(noise[index]), index: index)
            } catch {
                throw CommandError("line \(lineNumber + 1): \(error)")
            }
            index += 1
            let hex = String(result.code, radix: 16)
            out += "0x" + String(repeating: "0", count: max(0, digits - hex.count)) + hex
            out += flags ? " \(result.flags.letters)\n" : "\n"
        }
        try write(Data(out.utf8))
    }

    private func convertItem(_ item: String, conversion: Conversion?, random: UInt64, index: UInt64) throws -> RoundedResult {
        let lower = item.lowercased()
        if lower.hasPrefix("0x") && !lower.contains(".") && !lower.contains("p") {
            guard let conversion else {
                throw CommandError("'\(item)' is a bit pattern, so --from must say its format (or write the value as a decimal).")
            }
            guard let code = UInt64(lower.dropFirst(2), radix: 16) else {
                throw CommandError("'\(item)' is not a hex bit pattern.")
            }
            do { try conversion.source.validate(code: code) } catch { throw CommandError(error.message) }
            return conversion.convert(code, index: index)
        }
        do {
            return to.round(try DecimalNumber(item), options: rounding.options, random: random)
        } catch {
            throw CommandError(error.message)
        }
    }

    private func convertNPY(path: String) throws {
        guard let output else {
            throw ValidationError(".npy input needs --output FILE.npy for the converted array.")
        }
        let array: NPYArray
        do {
            array = try NPYArray(decoding: try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch let error as TensorIOError {
            throw CommandError("\(path): \(error.message)")
        } catch {
            throw CommandError("cannot read \(path): \(error.localizedDescription)")
        }
        let source: FloatFormat
        switch array.element {
        case .float16: source = .float16
        case .float32: source = .float32
        case .float64: source = .float64
        default:
            guard let from else {
                throw ValidationError("\(path) holds unsigned integers: --from must say which format's bit patterns they are.")
            }
            guard RawElements.width(of: from) == array.element.size else {
                throw CommandError("\(path) holds \(array.element.size)-byte integers but \(from.name) elements take \(RawElements.width(of: from)) bytes.")
            }
            source = from
        }
        if array.element.isFloat, let from, from != source {
            throw ValidationError("\(path) holds \(source.name) values, not \(from.name) bit patterns; drop --from or pass an unsigned array.")
        }
        let width = RawElements.width(of: to)
        let out = NPYArray(element: .unsigned(bytes: width), shape: array.shape,
                           data: try convertBytes(array.data, from: source, label: path))
        try AtomicFile.write(out.encoded(), to: output)
    }

    /// Arrays go through the bulk kernels on every core; with --flags, through
    /// the core element by element, to collect the flags (printed on standard error).
    private func convertBytes(_ data: Data, from source: FloatFormat, label: String) throws -> Data {
        do {
            if flags {
                let codes = try RawElements.decode(data, width: RawElements.width(of: source))
                let result = Conversion(from: source, to: to, options: rounding.options, seed: rounding.seed).convert(codes)
                FileHandle.standardError.write(Data("flags: \(result.flags.letters)\n".utf8))
                return RawElements.encode(result.codes, width: RawElements.width(of: to))
            }
            let bulk = BulkConverter(from: source, to: to, options: rounding.options, seed: rounding.seed)
            return try RawElements.convert(data, with: bulk, threads: ProcessInfo.processInfo.activeProcessorCount)
        } catch {
            throw CommandError("\(label): \(error.message)")
        }
    }

    private func readInput() throws -> Data {
        guard let input else { return FileHandle.standardInput.readDataToEndOfFile() }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: input))
        } catch {
            throw CommandError("cannot read \(input): \(error.localizedDescription)")
        }
    }

    private func write(_ data: Data) throws {
        if let output { try AtomicFile.write(data, to: output) } else { FileHandle.standardOutput.write(data) }
    }
}
