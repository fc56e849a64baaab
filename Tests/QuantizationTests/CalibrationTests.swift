import Foundation
import Testing
import FloatFormats
import FloatLabTestSupport
import TensorIO
@testable import Quantization

@Suite("Calibration of the clipping range")
struct CalibrationTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("TensorIOTests/Fixtures")

    @Test("entropy: the threshold bin of pytorch-quantization's _compute_amax_entropy (a NumPy transcription wrote the expected value)")
    func entropyAgainstTheReference() throws {
        let file = try TensorFile(path: Self.fixtures.appendingPathComponent("laplace-20000.npy").path)
        let values = try #require(try file.read(0).floatValues())
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.fixtures.appendingPathComponent("expected.json"))) as? [String: Any]
        let entry = try #require(expected?["entropy:laplace-20000.npy"] as? [String: Any])
        let want = try #require(entry["values"] as? [Double])
        let amax = values.map(\.magnitude).max()!
        let clip = GroupRanges.entropyClip(values, amax: amax, levels: 128)
        let bin = Int((Double(clip) / (Double(amax) / 2048)).rounded())
        #expect(bin == Int(want[0]))
        #expect(abs(Double(clip) - want[1]) < Double(amax) / 2048 / 2)
    }

    @Test("mse: the clip ratio with the least error, below amax when one outlier dominates the range")
    func mse() throws {
        var g = SplitMix64(seed: 3)
        var values = (0..<4000).map { _ in Float(Double(g.next() >> 11) * 0x1p-53 * 2 - 1) }
        values[17] = 8
        var o = QuantizationOptions()
        o.granularity = .tensor
        let minmax = try Quantizer(scheme: .integer(bits: 4, signed: true), options: o).statistics(Tensor(values))
        o.calibration = .mse
        let q = try Quantizer(scheme: .integer(bits: 4, signed: true), options: o)
        let calibrated = try q.statistics(Tensor(values))
        #expect(calibrated.mse < minmax.mse)
        // The chosen clip beats every other candidate: recompute each candidate's error with explicit ranges.
        let iq = try IntegerQuantizer(bits: 4, signed: true, options: o)
        let chosen = try q.quantize(Tensor(values)).scales[0]
        var best = Double.infinity, bestScale = 0.0
        for k in 0..<100 {
            let c = Float(Double(100 - k) / 100 * 8)
            let p = iq.parameters(min: -c, max: c)
            var e = 0.0
            for (i, x) in values.enumerated() { let d = Double(x) - Double(iq.dequantized(x, p, index: i).value); e += d * d }
            if e < best { best = e; bestScale = p.scale }
        }
        #expect(chosen == bestScale)
    }

    @Test("percentile: the nearest-rank magnitude; values more than half a step beyond it are clipped")
    func percentile() throws {
        let values = (1...1000).map { Float($0) }
        var o = QuantizationOptions()
        o.granularity = .tensor
        o.calibration = .percentile(99)
        let q = try Quantizer(scheme: .integer(bits: 8, signed: true), options: o).quantize(Tensor(values))
        #expect(q.scales == [990.0 / 127])
        // 990 is the 990th smallest of 1000. x / s rounds past 127 from x ≥ 127.5 · 990/127 = 993.9: 994 … 1000.
        #expect(q.clippedIndices == Array(993..<1000))
    }
}
