import ArgumentParser
import FloatFormats
import FormatReport
import IntegerInference
import Quantization
import Simulation
import TensorIO

struct SimulateQGEMM: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qgemm",
        abstract: "A quantized matrix product Y = X·Wᵀ + b done the way integer inference engines do it, beside float32 and dequantize-then-float32.",
        discussion: """
        Activations X (M×K) int-B affine per tensor, weights W (N×K) int-B symmetric per output channel \
        (--per-tensor for one scale), the bias quantized to int32 at scale s_x·s_w, an int32 accumulator with \
        the zero-point cross terms, and requantization to int-B output with a 31-bit fixed-point multiplier \
        and a rounding right shift (gemmlowp / TFLite). Each path's error is against the exact product. \
        Also: the largest K whose sum of products cannot overflow an int16 or int32 accumulator. \
        Docs/IntegerInference.md writes out the formulas.

        Examples:
          floatlab simulate qgemm --m 16 --k 512 --n 32
          floatlab simulate qgemm --weights model.safetensors --tensor encoder.layer.0.attention.self.query.weight --as json
        """)

    @Option(help: "Rows of X (default 16).") var m: Int = 16
    @Option(help: "The reduction length (default 256, or the weights' columns).") var k: Int?
    @Option(help: "Rows of W, output channels (default 16, or the weights' rows).") var n: Int?
    @Option(help: "Weights W from a .npy or .safetensors file (a 2-D tensor, N×K).") var weights: String?
    @Option(help: "With a .safetensors --weights: the tensor's name (default: the first 2-D float tensor).") var tensor: String?
    @Option(help: "Activations X from a .npy or .safetensors file (a 2-D tensor, M×K); default seeded standard normal values.") var activations: String?
    @Option(help: "Operand bits (2…16; default 8).") var bits: Int = 8
    @Flag(help: "One weight scale for the tensor instead of one per output channel.") var perTensor = false
    @Option(help: "Seed of the generated operands.") var seed: UInt64 = 1
    @Option(help: "NaN or ±Inf in --weights or --activations: error (default), propagate, or zero.") var nonfinite: NonfinitePolicy = .error
    @Flag(inversion: .prefixedNo, help: "The float alternatives too: fp8 E4M3/E5M2 and fp4 with float32 and bfloat16 accumulation, MXFP8 and NVFP4 blocks.")
    var floats = true
    @OptionGroup var output: OutputOptions

    func validateOptions() throws {
        guard (2...16).contains(bits) else { throw ValidationError("--bits must be 2…16, not \(bits).") }
        guard m >= 1, m <= 4096 else { throw ValidationError("--m must be 1…4096.") }
        if let k { guard k >= 1, k <= 1 << 20 else { throw ValidationError("--k must be 1…1048576.") } }
        if let n { guard n >= 1, n <= 1 << 16 else { throw ValidationError("--n must be 1…65536.") } }
    }

    /// A 2-D float tensor from a file: the named one, or the first 2-D float tensor.
    static func matrix(_ path: String, named name: String?, nonfinite: NonfinitePolicy) throws -> (values: [Float], rows: Int, columns: Int) {
        let file = try TensorFile(path: path)
        guard let index = file.entries.firstIndex(where: { e in name.map { e.name == $0 } ?? (e.shape.count == 2 && e.dtype.isFloat) }) else {
            throw CommandError(name.map { "\(path) has no tensor '\($0)'; its tensors: \(file.entries.prefix(8).map(\.name).joined(separator: ", "))\(file.entries.count > 8 ? ", …" : "")." }
                               ?? "\(path) has no 2-D float tensor; give one with --tensor NAME.")
        }
        let t = try file.read(index)
        guard t.shape.count == 2, var values = t.floatValues() else {
            throw CommandError("tensor '\(t.name)' in \(path) has shape \(t.shape) and dtype \(t.dtype); qgemm needs a 2-D float tensor.")
        }
        try screenNonfinite(&values, policy: nonfinite, name: "\(path), tensor '\(t.name)'")
        return (values, t.shape[0], t.shape[1])
    }

    func run() throws {
        try validateOptions()
        do {
            var w: [Float], rows: Int, columns: Int
            if let weights {
                (w, rows, columns) = try Self.matrix(weights, named: tensor, nonfinite: nonfinite)
                if let n, n < rows { w = Array(w.prefix(n * columns)); rows = n }
                if let k, k != columns { throw CommandError("--k \(k) differs from the weights' \(columns) columns.") }
            } else {
                rows = n ?? 16; columns = k ?? 256
                w = InputDistribution.normal.values(count: rows * columns, seed: seed, stream: 1).map { Float($0 * 0.05) }
            }
            var x: [Float], mm = m
            if let activations {
                let a = try Self.matrix(activations, named: nil, nonfinite: nonfinite)
                guard a.columns == columns else { throw CommandError("the activations in \(activations) have \(a.columns) columns; the weights have K = \(columns).") }
                x = a.values; mm = a.rows
            } else {
                x = InputDistribution.normal.values(count: m * columns, seed: seed, stream: 2).map(Float.init)
            }
            let bias = InputDistribution.normal.values(count: rows, seed: seed, stream: 3).map { Float($0 * 0.01) }
            let q = try QuantizedGEMM(x: x, w: w, bias: bias, m: mm, k: columns, n: rows, bits: bits, perChannel: !perTensor,
                                    floatAlternatives: floats)
            if output.format == .json {
                try output.emit(IntegerInferenceReport.json(q))
            } else {
                try output.write(IntegerInferenceReport.table(q))
            }
        } catch let e as TensorIOError {
            throw CommandError(e.message)
        } catch let e as QuantizationError {
            throw CommandError(e.message)
        }
    }
}
