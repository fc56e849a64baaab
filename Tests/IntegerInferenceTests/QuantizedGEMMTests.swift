import Testing
import Quantization
import FloatFormats
import FloatLabTestSupport
@testable import IntegerInference

/// The integer path bit for bit against a straightforward reference, and the float paths.
@Suite struct QuantizedGEMMTests {
    static func data(_ count: Int, seed: UInt64, scale: Float = 1) -> [Float] {
        var g = SplitMix64(seed: seed)
        return (0..<count).map { _ in (Float(g.next() >> 40) / Float(1 << 24) * 2 - 1) * scale }
    }

    @Test(arguments: [8, 4])
    func integerPathEqualsAStraightforwardReference(bits: Int) throws {
        let (m, k, n) = (5, 37, 7)
        let x = Self.data(m * k, seed: 1, scale: 3), w = Self.data(n * k, seed: 2, scale: 0.5), b = Self.data(n, seed: 3, scale: 0.2)
        let q = try QuantizedGEMM(x: x, w: w, bias: b, m: m, k: k, n: n, bits: bits)
        // The reference: quantize with the same quantizer, multiply (q_x − z_x)·q_w directly, add the bias, requantize.
        var ao = QuantizationOptions(); ao.mode = .affine; ao.granularity = .tensor
        let qx = try Quantizer(scheme: .integer(bits: bits, signed: true), options: ao).quantize(Tensor(name: "x", shape: [m, k], values: x))
        var wo = QuantizationOptions(); wo.granularity = .channel(axis: 0)
        let qw = try Quantizer(scheme: .integer(bits: bits, signed: true), options: wo).quantize(Tensor(name: "w", shape: [n, k], values: w))
        let zx = Int64(qx.offsets[0])
        let lo = -(Int64(1) << (bits - 1)), hi = (Int64(1) << (bits - 1)) - 1
        let integer = try #require(q.paths.first { $0.name == "int\(bits)-integer" })
        for i in 0..<m {
            for j in 0..<n {
                var acc: Int64 = 0
                for t in 0..<k { acc += (Int64(qx.codes[i * k + t]) - zx) * Int64(qw.codes[j * k + t]) }
                acc += Int64((Double(b[j]) / (qx.scales[0] * qw.scales[j])).rounded(.toNearestOrAwayFromZero))
                let mult = FixedPointMultiplier(qx.scales[0] * qw.scales[j] / q.outputScale)
                let qy = min(hi, max(lo, Int64(q.outputZeroPoint) + Int64(mult.apply(Int32(acc)))))
                #expect(integer.values[i * n + j] == Double(qy - Int64(q.outputZeroPoint)) * q.outputScale, "(\(i), \(j))")
            }
        }
        #expect(q.accumulatorOverflows == 0)
    }

    /// float32 and the exact product agree to float32 accuracy; at 8 bits the integer path is close, at 4 bits it is not.
    @Test func errorsAreOrdered() throws {
        let (m, k, n) = (8, 256, 16)
        let x = Self.data(m * k, seed: 4), w = Self.data(n * k, seed: 5, scale: 0.1)
        let q8 = try QuantizedGEMM(x: x, w: w, m: m, k: k, n: n, bits: 8)
        let q4 = try QuantizedGEMM(x: x, w: w, m: m, k: k, n: n, bits: 4)
        func err(_ q: QuantizedGEMM, _ name: String) -> Double { q.paths.first { $0.name == name }!.relError }
        #expect(err(q8, "float32") < 1e-6)
        #expect(err(q8, "int8-dequantized") < 0.03 && err(q8, "int8-integer") < 0.05)
        #expect(err(q4, "int4-integer") > err(q8, "int8-integer") * 4)
        // The int32 accumulator scaled back is the dequantized product up to float32 rounding of the latter.
        #expect(abs(err(q8, "int8-integer-accumulator") - err(q8, "int8-dequantized")) < 1e-4)
    }

    /// The largest safe K against a brute count: K products of the largest magnitudes fit, K + 1 do not.
    @Test func maxSafeK() throws {
        for (a, w, width) in [(128, 128, 16), (255, 127, 32), (128, 127, 32), (8, 7, 16), (255, 127, 16)] {
            let k = QuantizedGEMM.maxSafeK(activationMagnitude: a, weightMagnitude: w, accumulatorBits: width)
            let limit = (Int64(1) << (width - 1)) - 1
            #expect(Int64(k) * Int64(a * w) <= limit && Int64(k + 1) * Int64(a * w) > limit, "\(a)·\(w) in \(width) bits")
        }
        #expect(QuantizedGEMM.maxSafeK(activationMagnitude: 128, weightMagnitude: 128, accumulatorBits: 16) == 1)
        #expect(QuantizedGEMM.maxSafeK(activationMagnitude: 255, weightMagnitude: 127, accumulatorBits: 32) == 66311)
        let q = try QuantizedGEMM(x: Self.data(4 * 8, seed: 6), w: Self.data(2 * 8, seed: 7), m: 4, k: 8, n: 2)
        #expect(q.weightMagnitude == 127 && q.activationMagnitude >= 128)
    }

    /// Long enough products wrap the int32 accumulator at 16 bits; the overflows are counted.
    @Test func int32OverflowIsCounted() throws {
        let (m, k, n) = (2, 4096, 2)
        let x = [Float](repeating: 1, count: m * k), w = [Float](repeating: 1, count: n * k)
        let q = try QuantizedGEMM(x: x, w: w, m: m, k: k, n: n, bits: 16)
        #expect(q.maxSafeK(accumulatorBits: 32) < k)
        #expect(q.accumulatorOverflows == m * n)
    }

    /// The scaled-fp8/fp4 paths with float32 accumulation equal a float32 loop over the element values
    /// (their products are exact in float32), then × s_x·s_w, then + b.
    @Test func floatAlternativesAgainstAFloat32Loop() throws {
        let (m, k, n) = (3, 64, 4)
        let x = Self.data(m * k, seed: 8, scale: 2), w = Self.data(n * k, seed: 9, scale: 0.3), b = Self.data(n, seed: 10, scale: 0.1)
        let q = try QuantizedGEMM(x: x, w: w, bias: b, m: m, k: k, n: n, floatAlternatives: true)
        for element in [FloatFormat.float8_e4m3fn, .float8_e5m2, .float4_e2m1fn] {
            var xo = QuantizationOptions(); xo.granularity = .tensor
            var wo = QuantizationOptions(); wo.granularity = .channel(axis: 0)
            let qx = try Quantizer(scheme: .float(element), options: xo).quantize(Tensor(name: "x", shape: [m, k], values: x))
            let qw = try Quantizer(scheme: .float(element), options: wo).quantize(Tensor(name: "w", shape: [n, k], values: w))
            func value(_ c: Int32) -> Float { Float(element.decodeUnchecked(UInt64(UInt32(bitPattern: c))).value!.doubleValue) }
            let a = qx.codes.map(value)
            // The codes are the quantizer's: each element value times the scale is its dequantized value, to float32 rounding.
            for (v, d) in zip(a, qx.dequantized) { #expect(Float(Double(v) * qx.scales[0]) == d) }
            let path = try #require(q.paths.first { $0.name == "\(element.name)-fp32acc" })
            for i in 0..<m {
                for j in 0..<n {
                    var acc: Float = 0
                    for t in 0..<k {
                        let bv = value(qw.codes[j * k + t])
                        acc += a[i * k + t] * bv
                    }
                    let want = Double(acc * (Float(qx.scales[0]) * Float(qw.scales[j])) + b[j])
                    #expect(path.values[i * n + j] == want, "\(element.name) (\(i), \(j))")
                }
            }
        }
        #expect(q.paths.contains { $0.name == "mxfp8_e4m3-fp32acc" } && q.paths.contains { $0.name == "nvfp4-fp32acc" })
        // fp8 E4M3 carries one more significand bit than E5M2: its error is smaller; fp4's is the largest.
        func err(_ name: String) -> Double { q.paths.first { $0.name == name }!.relError }
        #expect(err("float8_e4m3fn-fp32acc") < err("float8_e5m2-fp32acc") && err("float8_e5m2-fp32acc") < err("float4_e2m1fn-fp32acc"))
    }
}
