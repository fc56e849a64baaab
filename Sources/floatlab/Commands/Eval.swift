import ArgumentParser
import FloatFormats
import FormatReport
import MPFRReference
import Simulation

struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate an expression with every operation rounded into a format, step by step beside the exact result.",
        discussion: """
        The expression takes numbers (decimal, hex float such as 0x1.8p-3, or a 0x… bit pattern of --format), \
        variables (given with --let x=VALUE, repeated), + − × ÷ (or * and /), unary minus, parentheses, sqrt(x) \
        and fma(a, b, c). Each literal is rounded into the format, each operation computed on the bits and \
        rounded once; the exact values come from MPFR at 4096 bits. Errors are in ulps of the exact value. \
        Example: floatlab eval --format bfloat16 "(a + b) * a" --let a=0.1 --let b=1e3
        """)

    @Option(help: "The format every operation rounds into.", transform: parseFormat)
    var format: FloatFormat

    @Argument(help: "The expression.")
    var expression: String

    @Option(name: .customLong("let"), help: "A variable's value: NAME=VALUE (repeat for more).")
    var bindings: [String] = []

    @OptionGroup var rounding: RoundingArguments

    @OptionGroup var output: OutputOptions

    func run() throws {
        var variables: [String: String] = [:]
        for b in bindings {
            let parts = b.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ValidationError("--let '\(b)' is not NAME=VALUE, as in --let x=0.1.")
            }
            guard variables[parts[0]] == nil else { throw ValidationError("--let gives '\(parts[0])' twice.") }
            variables[parts[0].trimmingCharacters(in: .whitespaces)] = parts[1].trimmingCharacters(in: .whitespaces)
        }
        do {
            let e = try Expression(parsing: expression)
            let evaluation = try e.evaluate(in: format, options: ArithmeticOptions(rounding: rounding.options), seed: rounding.seed,
                                            variables: variables, exact: MPFRExactArithmetic())
            try output.write(EvaluationReport.table(evaluation))
        } catch let error as SimulationError {
            throw CommandError(error.message)
        }
    }
}
