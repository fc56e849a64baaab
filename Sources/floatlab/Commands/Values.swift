import ArgumentParser
import FloatFormats
import FormatReport

struct Values: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Every encoding of a format of up to 16 bits: fields, class, shortest and exact value.")

    @Option(help: "The format to enumerate (at most 16 bits).", transform: parseFormat)
    var format: FloatFormat

    @OptionGroup var output: OutputOptions

    func run() throws {
        do {
            try output.write(try EncodingReport.values(of: format))
        } catch let error as ReportError {
            throw CommandError(error.message)
        }
    }
}
