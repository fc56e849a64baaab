import ArgumentParser
import FloatFormats
import FormatReport
import Simulation
import TensorIO
import Quantization

/// `floatlab simulate`: the reductions (sum, dot, matvec, gemm: the default) and `qgemm`.
struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Simulated computations: sum, dot, matvec and gemm in simulated formats, and qgemm, a quantized matrix product done the way integer inference engines do it.",
        subcommands: [SimulateReduction.self, SimulateQGEMM.self],
        defaultSubcommand: SimulateReduction.self)
}

struct SimulateReduction: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reduction",
        abstract: "What a sum, dot product, matrix-vector or matrix product gives in simulated formats, against the exact result (floatlab simulate sum|dot|matvec|gemm …).",
        discussion: """
        Operands are rounded into --format (to nearest even); each product is rounded once into --accumulator \
        (exact when it holds it: the fp8-inputs, float32-accumulator pattern of tensor cores), each addition \
        in the order of --algorithm. The exact result is accumulated without rounding. n is the length of the \
        reductions; matvec multiplies an m×n matrix by an n-vector, gemm an m×n by an n×p matrix. \
        --sweep N1..N2 runs n = N1, 2·N1, 4·N1, …, N2 on the leading terms of the same data. \
        Examples: floatlab simulate sum --format bfloat16 --distribution positive --sweep 16..65536; \
        floatlab simulate dot --format e4m3fn --accumulator float32 --n 4096 --as json
        """)

    @Argument(help: "What to compute: sum, dot, matvec or gemm.")
    var kind: SimulationKind

    @Option(help: "The format of the operands.", transform: parseFormat)
    var format: FloatFormat

    @Option(help: "The format of products and additions (default: --format).", transform: parseFormat)
    var accumulator: FloatFormat?

    @Option(help: "The length of the reductions (default 1024, or the data's length).")
    var n: Int?

    @Option(help: "Rows of the matrix (matvec, gemm; default 8).")
    var m: Int = 8

    @Option(help: "Columns of the second matrix (gemm; default 8).")
    var p: Int = 8

    @Option(help: "Summation order: recursive, pairwise, kahan, blocked:K.", transform: parseAlgorithm)
    var algorithm: SummationAlgorithm = .recursive

    @OptionGroup var rounding: RoundingArguments

    @Option(help: "Operands from these files (.npy, .safetensors, text), repeated for a second operand; see the discussion of each kind.")
    var data: [String] = []

    @Option(help: "Seeded operands: normal, uniform (on [−1, 1)) or positive (on (0, 1]); --seed seeds them (and stochastic rounding).")
    var distribution: InputDistribution = .normal

    @Option(help: "Lengths N1..N2: N1, 2·N1, 4·N1, …, N2.", transform: parseSweep)
    var sweep: ClosedRange<Int>?

    @Option(help: "NaN or ±Inf in --data: error (default), propagate, or zero.")
    var nonfinite: NonfinitePolicy = .error

    @OptionGroup var output: OutputOptions

    func run() throws {
        let setup = SimulationSetup(kind: kind, inputFormat: format, accumulator: accumulator, algorithm: algorithm,
                                    options: ArithmeticOptions(rounding: rounding.options), seed: rounding.seed)
        do {
            let longest = sweep?.upperBound ?? n
            var operands: SimulationOperands
            if data.isEmpty {
                operands = try .random(kind: kind, format: format, n: longest ?? 1024, rows: m, columns: p,
                                       distribution: distribution, seed: rounding.seed)
            } else {
                let arrays = try data.map { path throws -> (values: [Double], shape: [Int]) in
                    let tensor = try TensorFile(path: path).read(0)
                    var values = tensor.doubleValues()
                    try screenNonfinite(&values, policy: nonfinite, name: "\(path), tensor '\(tensor.name)'")
                    return (values, tensor.shape)
                }
                operands = try SimulationOperands(kind: kind, format: format, arrays: arrays, names: data)
                if let longest {
                    guard longest <= operands.n else {
                        throw SimulationError("n = \(longest) is longer than the data's reductions (\(operands.n)); give a smaller --n or --sweep.")
                    }
                    operands = operands.prefix(longest)
                }
            }
            let results = try sweep.map { try setup.sweep(operands, lengths: SimulationSetup.sweepLengths(from: $0.lowerBound, to: $0.upperBound)) }
                ?? [setup.run(operands)]
            if output.format == .json {
                try output.emit(SimulationReport.json(results, sweep: sweep != nil))
            } else {
                try output.write(SimulationReport.table(results))
            }
        } catch let error as SimulationError {
            throw CommandError(error.message)
        } catch let error as TensorIOError {
            throw CommandError(error.message)
        }
    }
}

extension SimulationKind: ExpressibleByArgument {}
extension InputDistribution: ExpressibleByArgument {}

func parseAlgorithm(_ text: String) throws -> SummationAlgorithm {
    do { return try SummationAlgorithm(name: text) } catch { throw ValidationError(error.message) }
}

func parseSweep(_ text: String) throws -> ClosedRange<Int> {
    let parts = text.components(separatedBy: "..")
    guard parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]), a >= 1, b >= a else {
        throw ValidationError("'\(text)' is not a sweep; write N1..N2 with 1 ≤ N1 ≤ N2, as in 16..65536.")
    }
    return a...b
}
