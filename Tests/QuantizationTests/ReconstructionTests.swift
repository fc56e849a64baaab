import Testing
import FloatFormats
import FloatLabTestSupport
@testable import Quantization

@Suite("Dequantizing from codes and scales alone")
struct ReconstructionTests {
    @Test("reconstructed() gives the dequantized values bit for bit, for every scheme", arguments: QuantizationScheme.all + [
        .integer(bits: 8, signed: false), .integer(bits: 3, signed: true), .float(.float6_e3m2fn),
    ])
    func everyScheme(_ scheme: QuantizationScheme) throws {
        var g = SplitMix64(seed: 6)
        let values = (0..<(48 * 64)).map { _ in Float(Double(Int64(bitPattern: g.next()) >> 11) * 0x1p-52 * 3) }
        let t = Tensor(name: "w", shape: [12, 256], values: values)
        for mode in [IntegerMode.symmetric, .affine] {
            var o = QuantizationOptions()
            if case .integer = scheme { o.mode = mode } else if mode == .affine { continue }
            let q = try Quantizer(scheme: scheme, options: o).quantize(t)
            let r = q.reconstructed()
            #expect(r.map(\.bitPattern) == q.dequantized.map(\.bitPattern), "\(scheme) \(mode)")
        }
    }
}
