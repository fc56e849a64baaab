import ArgumentParser
import FloatFormats
import FormatReport

struct Spacing: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The spacing of a format binade by binade, subnormals included.")

    @Option(help: "The format.", transform: parseFormat)
    var format: FloatFormat

    @Option(help: "How values are written: decimal, exact, power, shortest.")
    var notation: ValueNotation = .decimal

    @Flag(help: "List every binade even when there are more than 4096.")
    var all = false

    @OptionGroup var output: OutputOptions

    func run() throws {
        try output.write(SpacingReport.table(format, notation: notation, limit: all ? nil : 4096), notation: notation)
    }
}
