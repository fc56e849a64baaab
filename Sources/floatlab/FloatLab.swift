import ArgumentParser

@main
struct FloatLab: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "floatlab",
        abstract: "A floating-point format lab: ranges, spacing and exact values of low-precision formats.",
        discussion: "Formats are named as in ml_dtypes (float8_e4m3fn), by alias (bf16, e4m3), by spec (e5m10, e4m3fnuz, e3m2b2) or by P3109 name (binary8p3se). `floatlab formats` lists them.",
        version: "0.1.0",
        subcommands: [Formats.self, TableCommand.self, Decode.self, Values.self, Spacing.self, Memory.self, Inspect.self, Convert.self, Verify.self, Quantize.self, Bench.self]
    )
}
