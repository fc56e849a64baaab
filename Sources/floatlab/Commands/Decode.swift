import Foundation
import ArgumentParser
import FloatFormats
import FormatReport

struct Decode: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fields, class and exact value of bit patterns.",
        discussion: "Example: floatlab decode --format e4m3 0x7e 0x7f 0x01")

    @Option(help: "The format the patterns belong to.", transform: parseFormat)
    var format: FloatFormat

    @Argument(help: "Bit patterns in hex (0x7e) or binary (0b01111110).", transform: parseBitPattern)
    var bits: [UInt64]

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard !bits.isEmpty else { throw ValidationError("give at least one bit pattern, e.g. floatlab decode --format e4m3 0x7e.") }
    }

    func run() throws {
        do {
            try output.write(try EncodingReport.decode(bits, in: format))
        } catch let error as EncodingError {
            throw CommandError(error.message)
        }
    }
}

/// `0x…` hex or `0b…` binary, up to 64 bits.
func parseBitPattern(_ text: String) throws -> UInt64 {
    let t = text.lowercased().replacingOccurrences(of: "_", with: "")
    let (radix, digits): (Int, Substring)
    if t.hasPrefix("0x") { (radix, digits) = (16, t.dropFirst(2)) }
    else if t.hasPrefix("0b") { (radix, digits) = (2, t.dropFirst(2)) }
    else {
        throw ValidationError("'\(text)' is not a bit pattern: write it in hex with 0x (0x7e) or in binary with 0b (0b01111110).")
    }
    guard !digits.isEmpty, let v = UInt64(digits, radix: radix) else {
        throw ValidationError("'\(text)' is not a valid \(radix == 16 ? "hex" : "binary") bit pattern of at most 64 bits.")
    }
    return v
}
