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

    @OptionGroup var named: ConventionArgument

    @Flag(help: "Print the exception flags after each result (text), or their union on standard error.")
    var flags = false

    @Option(help: "Read this file instead of standard input.")
    var input: String?

    @Option(name: .shortAndLong, help: "Write this file (atomically) instead of standard output.")
    var output: String?

    @Flag(help: "Packed little-endian binary elements instead of text lines.")
    var raw = false

    func run() throws {
        let conversion = ElementConversion(from: from, to: to, options: named.options(rounding, for: to), seed: rounding.seed,
                                           withFlags: flags, threads: ProcessInfo.processInfo.activeProcessorCount)
        if let input, input.hasSuffix(".npy") {
            guard let output else {
                throw ValidationError(".npy input needs --output FILE.npy for the converted array.")
            }
            let array: NPYArray
            do {
                array = try NPYArray(decoding: try readInput())
            } catch let error as TensorIOError {
                throw CommandError("\(input): \(error.message)")
            }
            let (converted, union) = try describing(input) { try conversion.convert(array: array) }
            report(union)
            try AtomicFile.write(converted.encoded(), to: output)
            return
        }
        let data = try readInput()
        if raw {
            guard let from else { throw ValidationError("--raw needs --from: the format of the input elements.") }
            let (converted, union) = try describing("--raw input") { try conversion.convert(bytes: data, from: from) }
            report(union)
            try write(converted)
            return
        }
        let text = try describing(nil) { try conversion.convert(lines: String(decoding: data, as: UTF8.self)) }
        try write(Data(text.utf8))
    }

    /// The union of an array's flags, on standard error.
    private func report(_ union: ExceptionFlags?) {
        if let union { FileHandle.standardError.write(Data("flags: \(union.letters)\n".utf8)) }
    }

    /// Runs a library call, its error prefixed with what was being read.
    private func describing<T>(_ label: String?, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as TensorIOError {
            throw CommandError(label.map { "\($0): \(error.message)" } ?? error.message)
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
