import FloatFormats

/// ggml's k-quants `q4_K` and `q6_K`: super-blocks of 256 along each row,
/// quantized by ggml's reference algorithms (`quantize_row_q4_K_ref`,
/// `quantize_row_q6_K_ref` in ggml-quants.c) in float32, operation for
/// operation. Their scales come from a search (weighted least squares over
/// candidate scales), not from one division, so the exact scale arithmetic
/// of the other schemes does not apply: these follow ggml as written.
///
/// - q4_K: 8 sub-blocks of 32, each x ≈ d·sc_j · q − dmin·m_j with q in 0…15,
///   sc_j and m_j 6-bit, d and dmin float16; 144 bytes per 256 (4.5 bits).
/// - q6_K: 16 sub-blocks of 16, each x ≈ d·sc_j · (q − 32) with q in 0…63,
///   sc_j int8, d float16; 210 bytes per 256 (6.5625 bits).
enum KQuants {
    static let superBlock = 256
    static let groupMaxEps: Float = 1e-15

    /// ggml's `nearest_int`: round to nearest even through 1.5 · 2^23.
    @inline(__always)
    static func nearestInt(_ f: Float) -> Int32 {
        let v = (f + 12_582_912).bitPattern
        return Int32(bitPattern: v & 0x007F_FFFF) - 0x0040_0000
    }

    static func half(_ x: Float) -> (bits: UInt16, value: Float) {
        let h = HalfBits.encode(x)
        return (h, Float(HalfBits.decode(h)))
    }

    /// `make_qkx2_quants`: scale and (negated) minimum of a sub-block, and its levels.
    static func makeQKX2(_ x: ArraySlice<Float>, nmax: Int32, weights: [Float], rmin: Float, rdelta: Float, nstep: Int,
                         levels L: inout [UInt8], at base: Int) -> (scale: Float, theMin: Float) {
        let n = x.count
        let xs = Array(x)
        var mn = xs[0], mx = xs[0]
        var sumW = weights[0]
        var sumX = sumW * xs[0]
        for i in 1..<n {
            if xs[i] < mn { mn = xs[i] }
            if xs[i] > mx { mx = xs[i] }
            let w = weights[i]
            sumW += w
            sumX += w * xs[i]
        }
        if mn > 0 { mn = 0 }
        if mx == mn {
            for i in 0..<n { L[base + i] = 0 }
            return (0, -mn)
        }
        var iscale = Float(nmax) / (mx - mn)
        var scale = 1 / iscale
        var bestError: Float = 0
        for i in 0..<n {
            let l = nearestInt(iscale * (xs[i] - mn))
            L[base + i] = UInt8(Swift.max(0, Swift.min(nmax, l)))
            var diff = scale * Float(L[base + i]) + mn - xs[i]
            diff = diff * diff
            bestError += weights[i] * diff
        }
        var laux = [UInt8](repeating: 0, count: n)
        for step in 0...nstep {
            iscale = (rmin + rdelta * Float(step) + Float(nmax)) / (mx - mn)
            var sumL: Float = 0, sumL2: Float = 0, sumXL: Float = 0
            for i in 0..<n {
                let l = Swift.max(0, Swift.min(nmax, nearestInt(iscale * (xs[i] - mn))))
                laux[i] = UInt8(l)
                let w = weights[i]
                let lf = Float(l)
                sumL += w * lf
                sumL2 += w * lf * lf
                sumXL += w * lf * xs[i]
            }
            let D = sumW * sumL2 - sumL * sumL
            if D > 0 {
                var thisScale = (sumW * sumXL - sumX * sumL) / D
                var thisMin = (sumL2 * sumX - sumL * sumXL) / D
                if thisMin > 0 {
                    thisMin = 0
                    thisScale = sumXL / sumL2
                }
                var curError: Float = 0
                for i in 0..<n {
                    var diff = thisScale * Float(laux[i]) + thisMin - xs[i]
                    diff = diff * diff
                    curError += weights[i] * diff
                }
                if curError < bestError {
                    for i in 0..<n { L[base + i] = laux[i] }
                    bestError = curError
                    scale = thisScale
                    mn = thisMin
                }
            }
        }
        return (scale, -mn)
    }

    /// `make_qx_quants` with rmse_type 1 and no weights: the scale of a q6_K sub-block and its levels (0…2·nmax−1).
    static func makeQX(_ x: ArraySlice<Float>, nmax: Int32, levels L: inout [UInt8], at base: Int) -> Float {
        let xs = Array(x)
        let n = xs.count
        var mx: Float = 0, amax: Float = 0
        for v in xs where v.magnitude > amax { amax = v.magnitude; mx = v }
        if amax < groupMaxEps {
            for i in 0..<n { L[base + i] = 0 }
            return 0
        }
        var iscale = -Float(nmax) / mx
        var sumLX: Float = 0, sumL2: Float = 0
        for i in 0..<n {
            let l = Swift.max(-nmax, Swift.min(nmax - 1, nearestInt(iscale * xs[i])))
            L[base + i] = UInt8(l + nmax)
            let w = xs[i] * xs[i]
            sumLX += w * xs[i] * Float(l)
            sumL2 += w * Float(l) * Float(l)
        }
        var scale: Float = sumL2 != 0 ? sumLX / sumL2 : 0
        var best = scale * sumLX
        for step in -9...9 where step != 0 {
            iscale = -(Float(nmax) + 0.1 * Float(step)) / mx
            sumLX = 0; sumL2 = 0
            for i in 0..<n {
                let l = Swift.max(-nmax, Swift.min(nmax - 1, nearestInt(iscale * xs[i])))
                let w = xs[i] * xs[i]
                sumLX += w * xs[i] * Float(l)
                sumL2 += w * Float(l) * Float(l)
            }
            if sumL2 > 0 && sumLX * sumLX > best * sumL2 {
                for i in 0..<n {
                    L[base + i] = UInt8(nmax + Swift.max(-nmax, Swift.min(nmax - 1, nearestInt(iscale * xs[i]))))
                }
                scale = sumLX / sumL2
                best = scale * sumLX
            }
        }
        return scale
    }

    /// `get_scale_min_k4`.
    static func scaleMin(_ j: Int, _ q: [UInt8], _ at: Int) -> (UInt8, UInt8) {
        if j < 4 { return (q[at + j] & 63, q[at + j + 4] & 63) }
        return ((q[at + j + 4] & 0xF) | ((q[at + j - 4] >> 6) << 4), (q[at + j + 4] >> 4) | ((q[at + j] >> 6) << 4))
    }

    /// One q4_K super-block: levels into `codes`, per-sub-block scale d·sc and offset −dmin·m, the 144 bytes.
    static func q4K(_ x: ArraySlice<Float>, codes: UnsafeMutablePointer<UInt8>, scales: inout [Double], offsets: inout [Double],
                    group: Int, bytes: inout [UInt8], byteAt o: Int) {
        var L = [UInt8](repeating: 0, count: superBlock)
        var mins = [Float](repeating: 0, count: 8), subScales = [Float](repeating: 0, count: 8)
        var maxScale: Float = 0, maxMin: Float = 0
        let xs = Array(x)
        for j in 0..<8 {
            var sumX2: Float = 0
            for l in 0..<32 { sumX2 += xs[32 * j + l] * xs[32 * j + l] }
            let avX = (sumX2 / 32).squareRoot()
            let weights = (0..<32).map { avX + xs[32 * j + $0].magnitude }
            let r = makeQKX2(xs[(32 * j)..<(32 * j + 32)], nmax: 15, weights: weights, rmin: -1, rdelta: 0.1, nstep: 20, levels: &L, at: 32 * j)
            subScales[j] = r.scale
            mins[j] = r.theMin
            if r.scale > maxScale { maxScale = r.scale }
            if r.theMin > maxMin { maxMin = r.theMin }
        }
        let invScale: Float = maxScale > 0 ? 63 / maxScale : 0
        let invMin: Float = maxMin > 0 ? 63 / maxMin : 0
        var sc = [UInt8](repeating: 0, count: 12)
        for j in 0..<8 {
            let ls = UInt8(truncatingIfNeeded: Swift.min(63, UInt8(truncatingIfNeeded: nearestInt(invScale * subScales[j]))))
            let lm = UInt8(truncatingIfNeeded: Swift.min(63, UInt8(truncatingIfNeeded: nearestInt(invMin * mins[j]))))
            if j < 4 {
                sc[j] = ls
                sc[j + 4] = lm
            } else {
                sc[j + 4] = (ls & 0xF) | ((lm & 0xF) << 4)
                sc[j - 4] |= (ls >> 4) << 6
                sc[j] |= (lm >> 4) << 6
            }
        }
        let (dBits, d16) = half(maxScale / 63)
        let (mBits, dmin16) = half(maxMin / 63)
        for j in 0..<8 {
            let (s, m) = scaleMin(j, sc, 0)
            let d = d16 * Float(s)
            let dm = dmin16 * Float(m)
            scales[group + j] = Double(d)
            offsets[group + j] = -Double(dm)
            if d == 0 { continue }
            for ii in 0..<32 {
                L[32 * j + ii] = UInt8(Swift.max(0, Swift.min(15, nearestInt((xs[32 * j + ii] + dm) / d))))
            }
        }
        for i in 0..<superBlock { codes[i] = L[i] }
        bytes[o] = UInt8(dBits & 0xFF); bytes[o + 1] = UInt8(dBits >> 8)
        bytes[o + 2] = UInt8(mBits & 0xFF); bytes[o + 3] = UInt8(mBits >> 8)
        for k in 0..<12 { bytes[o + 4 + k] = sc[k] }
        var q = o + 16
        for j in stride(from: 0, to: superBlock, by: 64) {
            for l in 0..<32 { bytes[q + l] = L[j + l] | (L[j + l + 32] << 4) }
            q += 32
        }
    }

    /// One q6_K super-block: levels into `codes`, per-sub-block scale d·sc, the 210 bytes.
    static func q6K(_ x: ArraySlice<Float>, codes: UnsafeMutablePointer<UInt8>, scales: inout [Double],
                    group: Int, bytes: inout [UInt8], byteAt o: Int) {
        var L = [UInt8](repeating: 0, count: superBlock)
        var subScales = [Float](repeating: 0, count: 16)
        var maxScale: Float = 0, maxAbsScale: Float = 0
        let xs = Array(x)
        for ib in 0..<16 {
            let s = makeQX(xs[(16 * ib)..<(16 * ib + 16)], nmax: 32, levels: &L, at: 16 * ib)
            subScales[ib] = s
            if s.magnitude > maxAbsScale { maxAbsScale = s.magnitude; maxScale = s }
        }
        if maxAbsScale < groupMaxEps {
            for k in 0..<210 { bytes[o + k] = 0 }
            for i in 0..<superBlock { codes[i] = 0 }      // every level 0, every scale 0: the value 0
            for ib in 0..<16 { scales[group + ib] = 0 }
            return
        }
        let iscale = -128 / maxScale
        let (dBits, d16) = half(1 / iscale)
        var sc = [Int8](repeating: 0, count: 16)
        for ib in 0..<16 { sc[ib] = Int8(truncatingIfNeeded: Swift.min(127, nearestInt(iscale * subScales[ib]))) }
        for j in 0..<16 {
            let d = d16 * Float(sc[j])
            scales[group + j] = Double(d)
            if d == 0 { continue }
            for ii in 0..<16 {
                L[16 * j + ii] = UInt8(Swift.max(-32, Swift.min(31, nearestInt(xs[16 * j + ii] / d))) + 32)
            }
        }
        for i in 0..<superBlock { codes[i] = L[i] }
        var ql = o, qh = o + 128
        for j in stride(from: 0, to: superBlock, by: 128) {
            for l in 0..<32 {
                let q1 = L[j + l] & 0xF, q2 = L[j + l + 32] & 0xF, q3 = L[j + l + 64] & 0xF, q4 = L[j + l + 96] & 0xF
                bytes[ql + l] = q1 | (q3 << 4)
                bytes[ql + l + 32] = q2 | (q4 << 4)
                bytes[qh + l] = (L[j + l] >> 4) | ((L[j + l + 32] >> 4) << 2) | ((L[j + l + 64] >> 4) << 4) | ((L[j + l + 96] >> 4) << 6)
            }
            ql += 64
            qh += 32
        }
        for k in 0..<16 { bytes[o + 192 + k] = UInt8(bitPattern: sc[k]) }
        bytes[o + 208] = UInt8(dBits & 0xFF); bytes[o + 209] = UInt8(dBits >> 8)
    }
}
