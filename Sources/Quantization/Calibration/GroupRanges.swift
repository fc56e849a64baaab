#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The clipped range [min, max] of every group (min ≤ 0 ≤ max), by a calibration method.
struct GroupRanges {
    var min: [Float]
    var max: [Float]

    /// `error(mn, mx, values)`: the quantization error of `values` clipped to [mn, mx], for `mse`.
    init(_ tensor: Tensor, layout: GroupLayout, calibration: Calibration,
         error: (Float, Float, [Float]) -> Double) throws(QuantizationError) {
        var mn = [Float](repeating: 0, count: layout.groupCount)
        var mx = [Float](repeating: 0, count: layout.groupCount)
        tensor.values.withUnsafeBufferPointer { x in
            layout.forEachRun { g, run in
                let (lo, hi) = Self.minMax(x.baseAddress!, run)
                mn[g] = Swift.min(mn[g], lo)
                mx[g] = Swift.max(mx[g], hi)
            }
        }
        min = mn
        max = mx
        if calibration == .minmax { return }
        let groups = Self.gather(tensor, layout: layout)
        for g in 0..<layout.groupCount {
            let amax = Swift.max(-mn[g], mx[g])
            guard amax > 0 else { continue }
            let clip: Float
            switch calibration {
            case .minmax: clip = amax
            case .percentile(let p): clip = Self.percentile(p, of: groups[g])
            case .entropy: clip = Self.entropyClip(groups[g], amax: amax, levels: 128)
            case .mse:
                var best = amax, bestError = Double.infinity
                for k in 0..<100 {
                    let c = Float(Double(100 - k) / 100 * Double(amax))
                    let e = error(Swift.max(mn[g], -c), Swift.min(mx[g], c), groups[g])
                    if e < bestError { bestError = e; best = c }
                }
                clip = best
            }
            min[g] = Swift.max(mn[g], -clip)
            max[g] = Swift.min(mx[g], clip)
        }
    }

    /// The least and greatest of x[range] and 0 (finite values), four at a time.
    @inline(__always)
    static func minMax(_ x: UnsafePointer<Float>, _ range: Range<Int>) -> (Float, Float) {
        let (lo, hi, _) = minMaxFinite(x, range)
        return (lo, hi)
    }

    /// The least and greatest of x[range] and 0, and whether every value is finite (exponent bits not all ones).
    @inline(__always)
    static func minMaxFinite(_ x: UnsafePointer<Float>, _ range: Range<Int>) -> (Float, Float, Bool) {
        var lo4 = SIMD4<Float>(repeating: 0), hi4 = SIMD4<Float>(repeating: 0)
        var seen = SIMD4<UInt32>(repeating: 0)
        let exponent = SIMD4<UInt32>(repeating: 0x7F80_0000)
        var i = range.lowerBound
        let raw = UnsafeRawPointer(x)
        while i + 4 <= range.upperBound {
            let v = raw.loadUnaligned(fromByteOffset: 4 * i, as: SIMD4<Float>.self)
            let bits = unsafeBitCast(v, to: SIMD4<UInt32>.self)
            seen |= SIMD4<UInt32>(repeating: 1) & unsafeBitCast((bits & exponent) .== exponent, to: SIMD4<UInt32>.self)
            lo4.replace(with: v, where: v .< lo4)
            hi4.replace(with: v, where: v .> hi4)
            i += 4
        }
        var lo = lo4.min(), hi = hi4.max()
        var finite = seen == SIMD4<UInt32>(repeating: 0)
        while i < range.upperBound {
            finite = finite && x[i].isFinite
            lo = Swift.min(lo, x[i])
            hi = Swift.max(hi, x[i])
            i += 1
        }
        return (lo, hi, finite)
    }

    /// The values of each group.
    static func gather(_ tensor: Tensor, layout: GroupLayout) -> [[Float]] {
        var groups = [[Float]](repeating: [], count: layout.groupCount)
        layout.forEachRun { g, run in groups[g].append(contentsOf: tensor.values[run]) }
        return groups
    }

    /// The P-th percentile of |x| by nearest rank.
    ///
    /// ```swift
    /// GroupRanges.percentile(50, of: [4, -1, 3, 2])   // 2: the 2nd smallest magnitude of 4
    /// ```
    static func percentile(_ p: Double, of values: [Float]) -> Float {
        let sorted = values.map(\.magnitude).sorted()
        let rank = Swift.max(1, Int((p / 100 * Double(sorted.count)).rounded(.up)))
        return sorted[Swift.min(rank, sorted.count) - 1]
    }

    /// TensorRT's entropy calibration (pytorch-quantization's
    /// `_compute_amax_entropy`, start bin 128, stride 1): the threshold whose
    /// clipped distribution P and its `levels`-level quantization Q have the
    /// least KL(P‖Q), the last one on ties.
    ///
    /// For threshold i, P is bins 0..<i with the tail Σ_{j≥i} folded into bin
    /// i − 1, so its total is every count, T; Q spreads each of `levels`
    /// buckets' counts q_k evenly over the bucket's n_k non-empty bins, so its
    /// total is S_i = Σ_{j<i} bins. With p_j, q_j the unnormalized masses,
    ///
    ///     KL = (Σ p_j log p_j − Σ p_j log q_j) / T + log(S_i / T),
    ///     Σ p_j log q_j = Σ_k q_k log(q_k / n_k) + tail · log q_{i−1},
    ///
    /// and prefix sums of bins, of non-empty bins and of bins · log bins make
    /// each threshold cost O(levels) instead of O(i): the loop the definition
    /// spells out is the test suite's reference, and both pick the same bin.
    static func entropyClip(_ values: [Float], amax: Float, levels: Int, bins binCount: Int = 2048) -> Float {
        var bins = [Double](repeating: 0, count: binCount)
        let width = Double(amax) / Double(binCount)
        for v in values {
            let b = Int(Double(v.magnitude) / width)
            bins[Swift.min(b, binCount - 1)] += 1
        }
        bins[0] = bins[1]      // as pytorch-quantization does: the spike at zero is left out
        // Prefix sums over bins 0..<j: counts, non-empty bins, and counts · log counts.
        var count = [Double](repeating: 0, count: binCount + 1)
        var nonEmpty = [Int](repeating: 0, count: binCount + 1)
        var entropyTerms = [Double](repeating: 0, count: binCount + 1)
        for j in 0..<binCount {
            count[j + 1] = count[j] + bins[j]
            nonEmpty[j + 1] = nonEmpty[j] + (bins[j] != 0 ? 1 : 0)
            entropyTerms[j + 1] = entropyTerms[j] + (bins[j] != 0 ? bins[j] * log(bins[j]) : 0)
        }
        let total = count[binCount]
        let start = Swift.min(levels, binCount)
        var bestI = binCount, best = Double.infinity
        for i in start...binCount {
            let tail = total - count[i]
            let last = bins[i - 1] + tail
            // A tail folded into an empty bin has no mass in Q: KL is infinite.
            if bins[i - 1] == 0 && tail > 0 { continue }
            var pLogP = entropyTerms[i - 1]
            if last > 0 { pLogP += last * log(last) }
            var pLogQ = 0.0
            var lastQ = 0.0
            for k in 0..<levels {
                let lo = (k * i + levels - 1) / levels, hi = ((k + 1) * i + levels - 1) / levels
                let n = nonEmpty[hi] - nonEmpty[lo]
                guard n > 0 else { continue }
                let q = count[hi] - count[lo]
                let perBin = q / Double(n)
                pLogQ += q * log(perBin)
                if lo <= i - 1 && i - 1 < hi { lastQ = perBin }
            }
            if tail > 0 { pLogQ += tail * log(lastQ) }
            let kl = (pLogP - pLogQ) / total + log(count[i] / total)
            if kl <= best { best = kl; bestI = i }
        }
        return Float(Double(bestI) * width)
    }
}
