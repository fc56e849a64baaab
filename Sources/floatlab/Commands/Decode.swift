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

    func validateOptions() throws {
        guard !bits.isEmpty else { throw ValidationError("give at least one bit pattern, e.g. floatlab decode --format e4m3 0x7e.") }
    }

    func run() throws {
        try validateOptions()
        do {
            try output.write(try EncodingReport.decode(bits, in: format))
        } catch let error as EncodingError {
            throw CommandError(error.message)
        }
    }
}

/// `0x…` hex or `0b…` binary, up to 64 bits (`NumberLiteral`'s grammar).
func parseBitPattern(_ text: String) throws -> UInt64 {
    do { return try NumberLiteral.bitPattern(text) } catch { throw ValidationError(error.message) }
}
