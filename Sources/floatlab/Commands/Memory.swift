import ArgumentParser
import FloatFormats
import FormatReport

struct Memory: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Memory to hold a model's parameters in each format (bits/8 bytes each).",
        discussion: "Example: floatlab memory --params 70B --formats bf16,e4m3,fp4")

    @Option(help: "Parameter count: 7B, 70e9, 1.5T, 350M.", transform: parseParameterCount)
    var params: ParameterCount

    @Option(help: "Comma-separated formats or groups.", transform: parseFormatList)
    var formats: [FloatFormat] = MemoryReport.defaultFormats

    @OptionGroup var output: OutputOptions

    func run() throws {
        try output.write(MemoryReport.table(parameters: params, formats: formats))
    }
}

func parseParameterCount(_ text: String) throws -> ParameterCount {
    do { return try ParameterCount(parsing: text) } catch { throw ValidationError(error.message) }
}
