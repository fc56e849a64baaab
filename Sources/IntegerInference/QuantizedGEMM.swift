import FloatFormats
import Quantization
import Simulation

/// A quantized matrix product done the way integer inference engines do it
/// (gemmlowp, TFLite, PyTorch's fbgemm/qnnpack): Y = X·Wᵀ + b with X (M×K)
/// activations and W (N×K) weights, beside the float32 product and the
/// "dequantize, then compute in float32" product, each against the exact one.
///
/// The integer path:
/// - activations: B-bit affine per tensor, q_x = clamp(round(x/s_x) + z_x);
/// - weights: B-bit symmetric (narrow range, z_w = 0), per output channel or per tensor;
/// - bias: int32 at scale s_x·s_w, q_b = round(b / (s_x·s_w)) (ties away, as TFLite);
/// - accumulation in int32: acc = Σ q_x·q_w − z_w·Σ q_x − z_x·Σ q_w + K·z_x·z_w + q_b,
///   the zero-point cross terms as engines precompute them (wrapping as int32 does);
/// - requantization to B-bit affine output (s_y, z_y from the float32 result's range):
///   q_y = clamp(z_y + MultiplyByQuantizedMultiplier(acc, s_x·s_w/s_y)).
public struct QuantizedGEMM: Sendable {
    public struct Path: Sendable {
        public let name: String
        public let values: [Double]
        public let absError: Double
        public let relError: Double
        public let maxAbsError: Double
    }

    public let m: Int, k: Int, n: Int
    public let bits: Int
    public let perChannel: Bool
    /// The exact Y (the float32 operands multiplied and summed without rounding, then the bias).
    public let exact: [Double]
    public let paths: [Path]
    /// Activation scale and zero point, output scale and zero point.
    public let activationScale: Double, activationZeroPoint: Int
    public let outputScale: Double, outputZeroPoint: Int
    public let weightScales: [Double]
    /// Outputs whose int32 accumulator overflowed (and wrapped).
    public let accumulatorOverflows: Int
    /// The largest magnitude of an activation code minus its zero point, and of a weight code.
    public let activationMagnitude: Int, weightMagnitude: Int

    /// The largest K for which K products of these operands cannot overflow a `width`-bit accumulator:
    /// ⌊(2^(width−1) − 1) / (max |q_x − z_x| · max |q_w|)⌋ (bias left out).
    public func maxSafeK(accumulatorBits width: Int) -> Int {
        QuantizedGEMM.maxSafeK(activationMagnitude: activationMagnitude, weightMagnitude: weightMagnitude, accumulatorBits: width)
    }

    public static func maxSafeK(activationMagnitude a: Int, weightMagnitude w: Int, accumulatorBits width: Int) -> Int {
        let product = Int64(a) * Int64(w)
        guard product > 0 else { return Int.max }
        return Int(((Int64(1) << (width - 1)) - 1) / product)
    }

    /// `x` is M×K row-major, `w` N×K row-major, `bias` N values (or empty).
    /// With `floatAlternatives`, the fp8, fp4, MXFP8 and NVFP4 paths of `FloatAlternatives` follow the integer ones.
    public init(x: [Float], w: [Float], bias: [Float] = [], m: Int, k: Int, n: Int, bits: Int = 8, perChannel: Bool = true,
                floatAlternatives: Bool = false) throws {
        precondition(x.count == m * k && w.count == n * k && (bias.isEmpty || bias.count == n), "shapes: x M×K, w N×K, bias N")
        guard (2...16).contains(bits) else { throw QuantizationError("the integer path takes 2…16-bit operands, not \(bits).") }
        self.m = m; self.k = k; self.n = n; self.bits = bits; self.perChannel = perChannel
        let b = bias.isEmpty ? [Float](repeating: 0, count: n) : bias

        // Exact reference and the float32 path.
        var exact = [Double](repeating: 0, count: m * n), f32 = [Double](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var acc = ExactAccumulator(values: [.float32], products: [.float32])
                var s: Float = 0
                for t in 0..<k {
                    _ = acc.addProduct(UInt64(x[i * k + t].bitPattern), UInt64(w[j * k + t].bitPattern), in: .float32)
                    s = s + x[i * k + t] * w[j * k + t]
                }
                _ = acc.add(UInt64(b[j].bitPattern), in: .float32)
                exact[i * n + j] = acc.doubleValue
                f32[i * n + j] = Double(s + b[j])
            }
        }
        self.exact = exact

        // Quantize activations (affine, per tensor) and weights (symmetric, per channel or tensor).
        var ao = QuantizationOptions()
        ao.mode = .affine
        ao.granularity = .tensor
        let qx = try Quantizer(scheme: .integer(bits: bits, signed: true), options: ao).quantize(Tensor(name: "x", shape: [m, k], values: x))
        var wo = QuantizationOptions()
        wo.granularity = perChannel ? .channel(axis: 0) : .tensor
        let qw = try Quantizer(scheme: .integer(bits: bits, signed: true), options: wo).quantize(Tensor(name: "w", shape: [n, k], values: w))
        let sx = qx.scales[0], zx = Int(qx.offsets.first ?? 0)
        let sw = perChannel ? qw.scales : [Double](repeating: qw.scales[0], count: n)
        activationScale = sx; activationZeroPoint = zx; weightScales = sw
        let cx = qx.codes.map(Int64.init), cw = qw.codes.map(Int64.init)
        let lo = -(1 << (bits - 1)), hi = (1 << (bits - 1)) - 1
        activationMagnitude = max(abs(lo - zx), abs(hi - zx))
        weightMagnitude = hi

        // Dequantize, then compute in float32.
        let xd = qx.dequantized, wd = qw.dequantized
        var deq = [Double](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var s: Float = 0
                for t in 0..<k { s = s + xd[i * k + t] * wd[j * k + t] }
                deq[i * n + j] = Double(s + b[j])
            }
        }

        // Output quantization from the float32 result's range (which always holds zero).
        let ymin = min(0, f32.min() ?? 0), ymax = max(0, f32.max() ?? 0)
        let sy = ymax > ymin ? (ymax - ymin) / Double(hi - lo) : 1
        let zy = min(hi, max(lo, lo - Int((ymin / sy).rounded(.toNearestOrAwayFromZero))))
        outputScale = sy; outputZeroPoint = zy

        // The integer path.
        var integer = [Double](repeating: 0, count: m * n), accumulated = [Double](repeating: 0, count: m * n)
        var overflows = 0
        let zw: Int64 = 0
        let rowSums = (0..<m).map { i in (0..<k).reduce(Int64(0)) { $0 + cx[i * k + $1] } }
        let columnSums = (0..<n).map { j in (0..<k).reduce(Int64(0)) { $0 + cw[j * k + $1] } }
        for j in 0..<n {
            let qb = Int64((Double(b[j]) / (sx * sw[j])).rounded(.toNearestOrAwayFromZero))
            let multiplier = FixedPointMultiplier(sx * sw[j] / sy)
            for i in 0..<m {
                var dot: Int64 = 0
                for t in 0..<k { dot += cx[i * k + t] * cw[j * k + t] }
                let full = dot - zw * rowSums[i] - Int64(zx) * columnSums[j] + Int64(k) * Int64(zx) * zw + qb
                if full < Int64(Int32.min) || full > Int64(Int32.max) { overflows += 1 }
                let acc = Int32(truncatingIfNeeded: full)
                accumulated[i * n + j] = Double(acc) * sx * sw[j]
                let qy = min(Int64(hi), max(Int64(lo), Int64(zy) + Int64(multiplier.apply(acc))))
                integer[i * n + j] = Double(qy - Int64(zy)) * sy
            }
        }
        accumulatorOverflows = overflows

        func path(_ name: String, _ v: [Double]) -> Path {
            var sumAbs = 0.0, sumSq = 0.0, ref = 0.0, worst = 0.0
            for (a, e) in zip(v, exact) {
                let d = abs(a - e)
                sumAbs += d; sumSq += d * d; ref += e * e; worst = max(worst, d)
            }
            return Path(name: name, values: v, absError: sumAbs / Double(max(v.count, 1)),
                        relError: ref > 0 ? (sumSq / ref).squareRoot() : (sumSq > 0 ? .infinity : 0), maxAbsError: worst)
        }
        var all = [path("float32", f32), path("int\(bits)-integer", integer), path("int\(bits)-integer-accumulator", accumulated),
                   path("int\(bits)-dequantized", deq)]
        if floatAlternatives {
            all += try FloatAlternatives.products(x: x, w: w, bias: b, m: m, k: k, n: n).map { path($0.name, $0.values) }
        }
        paths = all
    }
}
