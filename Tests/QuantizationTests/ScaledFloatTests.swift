import Testing
import FloatFormats
import FloatLabTestSupport
@testable import Quantization

@Suite("Scaled float elements")
struct ScaledFloatTests {
    @Test("e4m3 per channel: s = amax / 448 in float32, q = x / s rounded once by the rounding core")
    func perChannel() throws {
        var g = SplitMix64(seed: 21)
        let values = (0..<32 * 48).map { _ in Float(Double(g.next() % 2_000_001) / 1_000 - 1_000) }
        let t = Tensor(name: "w", shape: [32, 48], values: values)
        let q = try Quantizer(scheme: try QuantizationScheme(name: "e4m3")).quantize(t)
        #expect(q.scales.count == 32)
        for row in 0..<32 {
            let amax = values[(row * 48)..<(row * 48 + 48)].map(\.magnitude).max()!
            #expect(q.scales[row] == Double(amax / 448))    // float32 division is correctly rounded
            for j in 0..<48 {
                let x = values[row * 48 + j]
                // x / s exactly, as a Dyadic quotient, through the core's Dyadic entry point.
                let s = ScaleRounding.dyadic(q.scales[row])
                let want = FloatFormat.float8_e4m3fn.round(SourceValue(ScaleRounding.dyadic(Double(x))), dividedBy: s,
                                                           options: RoundingOptions(overflow: .saturate)).code
                #expect(UInt64(q.codes[row * 48 + j]) == want)
            }
        }
        #expect(q.storedBits == 32 * 48 * 8 + 32 * 32)
    }

    @Test("no scale: the values rounded into the format, saturating")
    func unscaled() throws {
        var o = QuantizationOptions()
        o.floatScale = .none
        let q = try Quantizer(scheme: .float(.float4_e2m1fn), options: o).quantize(Tensor([0.7, 9, -2.4]))
        #expect(q.dequantized == [0.5, 6, -2])
        #expect(q.storedBits == 3 * 4)
    }

    @Test("an unknown scheme lists the accepted names; a 32-bit element is refused")
    func names() throws {
        let e = #expect(throws: QuantizationError.self) { try QuantizationScheme(name: "int99") }
        #expect(e?.message.contains("mxfp4") == true && e?.message.contains("q4_0") == true)
        #expect(throws: QuantizationError.self) { try QuantizationScheme(name: "float32") }
        #expect(try QuantizationScheme(name: "e3m2b2").name.contains("e3m2"))
        for s in QuantizationScheme.all { #expect(try QuantizationScheme(name: s.name) == s) }
    }

    @Test("non-finite values: refused with the tensor, count and first index; zeroed or propagated on request")
    func nonfinite() throws {
        let t = Tensor(name: "layer.w", shape: [2, 2], values: [1, .nan, .infinity, 2])
        let e = #expect(throws: QuantizationError.self) { try Quantizer(scheme: .integer(bits: 8, signed: true)).quantize(t) }
        #expect(e?.message.contains("'layer.w'") == true && e?.message.contains("2 non-finite") == true && e?.message.contains("[0, 1]") == true)
        var o = QuantizationOptions()
        o.nonfinite = .zero
        #expect(try Quantizer(scheme: .integer(bits: 8, signed: true), options: o).quantize(t).dequantized[1] == 0)
        o.nonfinite = .propagate
        let p = try Quantizer(scheme: .integer(bits: 8, signed: true), options: o).quantize(t)
        #expect(p.dequantized[1].isNaN)
        #expect(p.dequantized[2] == 2)      // +Inf saturates to the largest finite magnitude of the tensor
    }

    @Test("every scheme quantizes a tensor of subnormal magnitudes (scales that would underflow to 0) without failing, within its amax")
    func subnormalTensor() throws {
        let tiny = Float.leastNonzeroMagnitude
        let values = (0..<256).map { Float(($0 % 7) - 3) * tiny }
        let t = Tensor(name: "tiny", shape: [256], values: values)
        for scheme in QuantizationScheme.all {
            let d = try Quantizer(scheme: scheme).quantize(t).dequantized
            #expect(d.allSatisfy { $0.isFinite && $0.magnitude <= 3 * tiny }, "\(scheme.name)")
        }
    }

    @Test("every block family (MX, NVFP4, ggml legacy and K-quants) refuses, zeroes and propagates non-finite values the same way",
          arguments: ["mxfp4", "mxfp8_e4m3", "nvfp4", "q8_0", "q4_0", "q4_1", "q5_0", "q4_K", "q6_K"])
    func nonfiniteBlocks(name: String) throws {
        let scheme = try QuantizationScheme(name: name)
        // 256 elements (one K-quant super-block); a NaN in the second block, -Inf in the last.
        var values = (0..<256).map { Float(($0 % 17) - 8) / 4 }
        values[40] = .nan
        values[255] = -.infinity
        let t = Tensor(name: "blk", shape: [256], values: values)
        let e = #expect(throws: QuantizationError.self) { try Quantizer(scheme: scheme).quantize(t) }
        #expect(e?.message.contains("'blk'") == true && e?.message.contains("2 non-finite") == true && e?.message.contains("[40]") == true)
        var o = QuantizationOptions()
        o.nonfinite = .zero
        var zeroed = values
        zeroed[40] = 0
        zeroed[255] = 0
        let z = try Quantizer(scheme: scheme, options: o).quantize(t).dequantized
        // Zeroing first and quantizing the finite tensor gives the same codes.
        let reference = try Quantizer(scheme: scheme).quantize(Tensor(name: "blk", shape: [256], values: zeroed)).dequantized
        #expect(z == reference)
        o.nonfinite = .propagate
        let p = try Quantizer(scheme: scheme, options: o).quantize(t).dequantized
        #expect(p[40].isNaN)
        #expect(p.enumerated().allSatisfy { $0.offset == 40 || $0.element.isFinite })
    }
}
