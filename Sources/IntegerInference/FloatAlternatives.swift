import FloatFormats
import Quantization
import Simulation

/// The float alternatives to the integer path, on the same operands: fp8 and
/// fp4 elements with a float32 scale (per tensor for X, per output channel
/// for W) whose products are accumulated in float32 or bfloat16 by the
/// arithmetic simulator, and the block formats MXFP8 (E4M3, E8M0 scales per
/// 32) and NVFP4 (E2M1, E4M3 scales per 16 and a float32 tensor scale), whose
/// block dot products are formed in float32 and scaled per block, as block
/// tensor cores do.
public enum FloatAlternatives {
    /// The scaled element formats and the accumulators each is tried with.
    public static let scaled: [(element: FloatFormat, accumulators: [FloatFormat])] = [
        (.float8_e4m3fn, [.float32, .bfloat16]), (.float8_e5m2, [.float32, .bfloat16]), (.float4_e2m1fn, [.float32, .bfloat16]),
    ]

    static func values(_ codes: Codes, _ f: FloatFormat) -> [Double] {
        codes.map { f.decodeUnchecked(UInt64(UInt32(bitPattern: $0))).value?.doubleValue ?? .nan }
    }

    /// Y for each alternative, named `ELEMENT-ACCacc` (`float8_e4m3fn-fp32acc`, `mxfp8_e4m3-fp32acc`, `nvfp4-fp32acc`).
    public static func products(x: [Float], w: [Float], bias: [Float], m: Int, k: Int, n: Int) throws -> [(name: String, values: [Double])] {
        var out: [(String, [Double])] = []
        let tx = Tensor(name: "x", shape: [m, k], values: x), tw = Tensor(name: "w", shape: [n, k], values: w)
        for (element, accumulators) in scaled {
            var xo = QuantizationOptions(); xo.granularity = .tensor
            var wo = QuantizationOptions(); wo.granularity = .channel(axis: 0)
            let qx = try Quantizer(scheme: .float(element), options: xo).quantize(tx)
            let qw = try Quantizer(scheme: .float(element), options: wo).quantize(tw)
            let a = values(qx.codes, element), bw = values(qw.codes, element)
            var b = [Double](repeating: 0, count: k * n)            // Wᵀ, K×N
            for j in 0..<n { for t in 0..<k { b[t * n + j] = bw[j * k + t] } }
            let operands = try SimulationOperands(kind: .gemm, format: element, n: k, rows: m, columns: n, a: a, b: b)
            for acc in accumulators {
                let r = try SimulationSetup(kind: .gemm, inputFormat: element, accumulator: acc).run(operands)
                var y = [Double](repeating: 0, count: m * n)
                for i in 0..<m {
                    for j in 0..<n {
                        let scale = Float(qx.scales[0]) * Float(qw.scales[j])
                        y[i * n + j] = Double(Float(r.values[i * n + j]) * scale + bias[j])
                    }
                }
                out.append(("\(element.name)-\(acc == .float32 ? "fp32" : "bf16")acc", y))
            }
        }
        for (name, scheme, element, block) in [("mxfp8_e4m3", QuantizationScheme.mx(.fp8E4M3), FloatFormat.float8_e4m3fn, 32),
                                               ("nvfp4", QuantizationScheme.nvfp4, FloatFormat.float4_e2m1fn, 16)] where k % block == 0 {
            let qx = try Quantizer(scheme: scheme).quantize(tx), qw = try Quantizer(scheme: scheme).quantize(tw)
            let a = values(qx.codes, element).map(Float.init), bw = values(qw.codes, element).map(Float.init)
            let blocks = k / block
            var y = [Double](repeating: 0, count: m * n)
            for i in 0..<m {
                for j in 0..<n {
                    var acc: Float = 0
                    for g in 0..<blocks {
                        var partial: Float = 0
                        for t in (g * block)..<((g + 1) * block) { partial += a[i * k + t] * bw[j * k + t] }
                        acc += partial * (Float(qx.scales[i * blocks + g]) * Float(qw.scales[j * blocks + g]))
                    }
                    y[i * n + j] = Double(acc + bias[j])
                }
            }
            out.append(("\(name)-fp32acc", y))
        }
        return out
    }
}
