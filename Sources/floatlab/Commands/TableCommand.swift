import Foundation
import ArgumentParser
import FloatFormats
import FormatReport

struct TableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "table",
        abstract: "The format comparison table.",
        discussion: """
        Without options: float32, float16 and bfloat16 with sign, exponent and mantissa bits, \
        the smallest normal, the largest value and the resolution. --formats all gives the whole \
        catalogue with more columns; --columns all gives every column. JSON always carries every column \
        unless --columns is given.
        """)

    @Option(help: "Comma-separated formats or groups (all, p3109).", transform: parseFormatList)
    var formats: [FloatFormat] = [.float32, .float16, .bfloat16]

    @Option(help: "Comma-separated column keys, or the sets default, wide, all. Keys: \(FormatColumn.all.map(\.key).joined(separator: ", ")).")
    var columns: String?

    @Option(help: "How values are written: decimal (shortest in float64), exact (every digit), power (m×2^e), shortest (shortest in the value's own format).")
    var notation: ValueNotation = .decimal

    @OptionGroup var output: OutputOptions

    func validateOptions() throws {
        _ = try chosenColumns()
    }

    func chosenColumns() throws -> [FormatColumn] {
        let keys: [String]
        if let columns {
            keys = columns.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
        } else if output.format == .json {
            keys = ["all"]
        } else {
            keys = formats.count > 3 ? ["wide"] : ["default"]
        }
        do { return try FormatColumn.columns(keys) } catch { throw ValidationError(error.message) }
    }

    func run() throws {
        try validateOptions()
        try output.write(FormatComparison.table(formats: formats, columns: try chosenColumns()), notation: notation)
    }
}
