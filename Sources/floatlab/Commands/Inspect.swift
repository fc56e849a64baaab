import ArgumentParser
import FloatFormats
import FormatReport
import Foundation

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "What a value becomes in a format: bits, exact stored value, error, neighbours, ulp, every rounding mode.",
        discussion: "VALUE is a decimal (0.1, -1.5e-3), a hex float (0x1.8p-3) or a bit pattern of the format (0x3dcd). Example: floatlab inspect 0.1 --format bf16")

    @Argument(help: "The value.")
    var value: String

    @Option(help: "The format.", transform: parseFormat)
    var format: FloatFormat

    @OptionGroup var rounding: RoundingArguments

    @Option(name: .customLong("as"), help: "Output of the mode table: markdown, csv, json, latex, html.")
    var tableFormat: OutputFormat = .markdown

    @Flag(help: "Colour the bit fields even when the output is not a terminal.")
    var color = false

    func run() throws {
        let inspection: Inspection
        do {
            inspection = try Inspection(value, format: format, options: rounding.options,
                                        random: UInt64(RoundingNoise(seed: rounding.seed)[0]))
        } catch {
            throw CommandError(error.message)
        }
        let useColor = color || (isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
        var text = inspection.lines(color: useColor).joined(separator: "\n") + "\n"
        if !inspection.byMode.isEmpty {
            text += "\n" + tableFormat.render(inspection.modeTable)
        }
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
