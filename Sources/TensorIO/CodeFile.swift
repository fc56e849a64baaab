import Foundation
import FloatFormats

/// Encodings of one format in a file, as `floatlab check` reads someone
/// else's inputs and outputs: `.npy` (an array of the format itself, as
/// ml_dtypes writes it, or of unsigned integers of its width), raw packed
/// little-endian elements (`.bin`, `.raw`, or `raw: true`), or text, one
/// element per line: a `0x…` bit pattern or a decimal (rounded to nearest
/// even into the format); anything after the first word of a line, blank
/// lines and `#` comments are ignored.
///
/// ```swift
/// try CodeFile.codes(text: "0x38\n1.125\n# done\n", in: .float8_e4m3fn)   // [56, 57]
/// ```
public enum CodeFile {
    public enum Kind: Sendable { case npy, raw, text }

    public static func kind(of path: String, raw: Bool = false) -> Kind {
        if raw { return .raw }
        switch (path as NSString).pathExtension.lowercased() {
        case "npy": return .npy
        case "bin", "raw": return .raw
        default: return .text
        }
    }

    /// Reads a file (opened read-only) of encodings of `format`.
    public static func read(_ path: String, in format: FloatFormat, raw: Bool = false) throws(TensorIOError) -> [UInt64] {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe) } catch {
            throw TensorIOError("cannot read \(path): \(ReadFailure.reason(error)).")
        }
        return try codes(data, kind: kind(of: path, raw: raw), in: format, name: path)
    }

    /// Encodings from bytes in one of the kinds; `name` names the source in errors.
    public static func codes(_ data: Data, kind: Kind, in format: FloatFormat, name: String = "the input") throws(TensorIOError) -> [UInt64] {
        switch kind {
        case .raw:
            guard data.count % format.storageBytes == 0 else {
                throw TensorIOError("\(name): \(data.count) bytes are not a whole number of \(format.storageBytes)-byte \(format.name) elements.")
            }
            return try fitting(try RawElements.decode(data, width: format.storageBytes), format, name)
        case .npy:
            let array: NPYArray
            do { array = try NPYArray(decoding: data, assuming: format) } catch { throw TensorIOError("\(name): \(error.message)") }
            switch array.dtype {
            case .float(let f) where f.storageBytes == format.storageBytes:
                break
            case .unsigned(let bytes) where bytes == format.storageBytes:
                break
            default:
                throw TensorIOError("\(name): the array holds \(array.dtype), not \(format.name) bit patterns; save it as \(format.name) (ml_dtypes) or as uint\(format.storageBytes * 8).")
            }
            return try fitting(try RawElements.decode(array.data, width: format.storageBytes), format, name)
        case .text:
            guard data.count <= TextTensors.maximumBytes else {
                throw TensorIOError("\(name) is \(data.count) bytes of text, more than the \(TextTensors.maximumBytes >> 20) MiB FloatLab reads as text; write the codes as raw elements or .npy instead.")
            }
            return try codes(text: String(decoding: data, as: UTF8.self), in: format, name: name)
        }
    }

    /// The codes, refused at the first one with bits outside the format (a
    /// 6-bit format stored in bytes leaves two bits that must be zero).
    static func fitting(_ codes: [UInt64], _ format: FloatFormat, _ name: String) throws(TensorIOError) -> [UInt64] {
        let mask = ~format.encodingMask
        guard let bad = codes.firstIndex(where: { $0 & mask != 0 }) else { return codes }
        let count = codes.reduce(0) { $0 + ($1 & mask != 0 ? 1 : 0) }
        throw TensorIOError("\(name): element \(bad) is 0x\(String(codes[bad], radix: 16)), which does not fit in the \(format.bitWidth) bits of \(format.name) (\(count) of \(codes.count) elements do not); write each code in the low \(format.bitWidth) bits with the rest zero.")
    }

    /// Encodings from text lines.
    public static func codes(text: String, in format: FloatFormat, name: String = "the input") throws(TensorIOError) -> [UInt64] {
        var out: [UInt64] = []
        for (n, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let item = line.trimmingCharacters(in: .whitespaces)
            if item.isEmpty || item.hasPrefix("#") { continue }
            let word = String(item.split(separator: " ", maxSplits: 1)[0].split(separator: "\t")[0])
            do throws(FormatError) {
                switch try NumberLiteral(word) {
                case .bitPattern:
                    out.append(try NumberLiteral(word).encoding(in: format)!)
                case .value(let number):
                    out.append(format.round(number).code)
                }
            } catch {
                throw TensorIOError("\(name), line \(n + 1): \(error.message)")
            }
        }
        return out
    }

    /// Encodings as text lines of `0x…` bit patterns, the format's width in hex digits.
    public static func text(_ codes: [UInt64], in format: FloatFormat) -> String {
        let digits = (format.bitWidth + 3) / 4
        return codes.map { c in
            let h = String(c, radix: 16)
            return "0x" + String(repeating: "0", count: max(0, digits - h.count)) + h + "\n"
        }.joined()
    }
}
