import ArgumentParser
import FloatFormats
import FormatReport

struct Formats: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the catalogue: names, aliases, layouts and one-line descriptions.")

    @OptionGroup var output: OutputOptions

    func run() throws {
        try output.write(CatalogueReport.table())
        if output.format == .markdown && output.output == nil {
            print("")
            print(CatalogueReport.grammar)
        }
    }
}
