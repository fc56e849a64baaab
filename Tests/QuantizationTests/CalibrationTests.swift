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

    /// The definition spelled out, one threshold at a time (O(i) per
    /// threshold): P, Q, their totals and the KL sum exactly as
    /// pytorch-quantization's `_compute_amax_entropy` computes them.
    static func referenceEntropyClip(_ values: [Float], amax: Float, levels: Int, bins binCount: Int = 2048) -> Float {
        var bins = [Double](repeating: 0, count: binCount)
        let width = Double(amax) / Double(binCount)
        for v in values {
            let b = Int(Double(v.magnitude) / width)
            bins[Swift.min(b, binCount - 1)] += 1
        }
        bins[0] = bins[1]      // as pytorch-quantization does: the spike at zero is left out
        let start = Swift.min(levels, binCount)
        var bestI = binCount, best = Double.infinity
        var tail = bins[start...].reduce(0, +)
        var q = [Double](repeating: 0, count: levels), nonzero = [Int](repeating: 0, count: levels)
        for i in start...binCount {
            if i > start { tail -= bins[i - 1] }
            // P: the first i bins, the tail folded into the last.
            var pTotal = tail
            for j in 0..<i { pTotal += bins[j] }
            // Q: P's bins (before folding) merged into `levels` buckets, spread back over the non-empty bins.
            for k in 0..<levels { q[k] = 0; nonzero[k] = 0 }
            for j in 0..<i where bins[j] != 0 {
                let k = j * levels / i
                q[k] += bins[j]
                nonzero[k] += 1
            }
            var qTotal = 0.0
            for j in 0..<i where bins[j] != 0 { let k = j * levels / i; qTotal += q[k] / Double(nonzero[k]) }
            var kl = 0.0
            for j in 0..<i {
                let p = bins[j] + (j == i - 1 ? tail : 0)
                guard p > 0 else { continue }
                let k = j * levels / i
                let qj = bins[j] != 0 ? q[k] / Double(nonzero[k]) : 0
                if qj == 0 { kl = .infinity; break }
                kl += p / pTotal * log((p / pTotal) / (qj / qTotal))
            }
            if kl <= best { best = kl; bestI = i }
        }
        return Float(Double(bestI) * width)
    }

    @Test("entropy: the prefix-sum form picks the same threshold as the definition spelled out, on 300 seeded distributions")
    func entropyFastFormAgreesWithTheDefinition() {
        var g = SplitMix64(seed: 11)
        func uniform() -> Double { Double(g.next() >> 11) * 0x1p-53 }
        var differences: [String] = []
        for trial in 0..<300 {
            let n = [50, 500, 5000][trial % 3]
            var values: [Float] = []
            for _ in 0..<n {
                let u = uniform(), v = uniform()
                switch trial % 5 {
                case 0: values.append(Float(sqrt(-2 * log(u + 1e-300)) * cos(2 * .pi * v)))     // normal
                case 1: values.append(Float((v < 0.5 ? -1 : 1) * -log(u + 1e-300)))           // Laplace
                case 2: values.append(Float(u * 2 - 1))                                          // uniform
                case 3: values.append(Float(u < 0.01 ? 40 * (v - 0.5) : (u - 0.5)))              // rare outliers
                default: values.append(Float((u * 20).rounded(.down)) * (v < 0.5 ? -1 : 1))    // few levels, empty bins
                }
            }
            let amax = values.map(\.magnitude).max()!
            guard amax > 0 else { continue }
            let fast = GroupRanges.entropyClip(values, amax: amax, levels: 128)
            let reference = Self.referenceEntropyClip(values, amax: amax, levels: 128)
            if fast != reference { differences.append("trial \(trial): \(fast) against \(reference)") }
        }
        #expect(differences.isEmpty, "\(differences.prefix(5))")
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
