#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

/// The largest magnitude of a run of float32 values, sixteen lanes at a time.
///
/// Magnitudes come from clearing the sign bit; the maximum is x86's `maxps`
/// (which Swift's generic SIMD code does not emit; elsewhere a compare and
/// select). `maxps` passes its second operand on a NaN, so a NaN may be lost
/// from the maximum: the finite variant therefore also sums v − v, which is
/// 0 for every finite v and NaN as soon as one v is ±∞ or NaN.
enum BlockMaximum {
    /// The lane-wise maximum of two vectors of magnitudes (no NaN is relied on).
    @inline(__always)
    static func maximum(_ a: SIMD4<Float>, _ b: SIMD4<Float>) -> SIMD4<Float> {
        #if arch(x86_64)
        return unsafeBitCast(_mm_max_ps(unsafeBitCast(a, to: __m128.self), unsafeBitCast(b, to: __m128.self)), to: SIMD4<Float>.self)
        #else
        return a.replacing(with: b, where: b .> a)
        #endif
    }

    /// The largest lane.
    @inline(__always)
    static func largestLane(_ m: SIMD4<Float>) -> Float {
        let h = maximum(m, SIMD4(m[2], m[3], m[0], m[1]))
        return maximum(h, SIMD4(h[1], h[0], h[3], h[2]))[0]
    }

    /// Lane i of a sixteen-lane comparison's mask as bit i.
    @inline(__always)
    static func bits(_ m: SIMDMask<SIMD16<Int32>>) -> Int {
        #if arch(x86_64)
        let q = unsafeBitCast(m, to: (__m128, __m128, __m128, __m128).self)
        return Int(_mm_movemask_ps(q.0)) | Int(_mm_movemask_ps(q.1)) << 4 | Int(_mm_movemask_ps(q.2)) << 8
            | Int(_mm_movemask_ps(q.3)) << 12
        #else
        var r = 0
        for k in 0..<16 where m[k] { r |= 1 << k }
        return r
        #endif
    }

    /// Lane i of a comparison's mask as bit i.
    @inline(__always)
    static func bits(_ m: SIMDMask<SIMD4<Int32>>) -> Int {
        #if arch(x86_64)
        return Int(_mm_movemask_ps(unsafeBitCast(m, to: __m128.self)))
        #else
        return (m[0] ? 1 : 0) | (m[1] ? 2 : 0) | (m[2] ? 4 : 0) | (m[3] ? 8 : 0)
        #endif
    }

    @inline(__always)
    static func magnitude(_ x: UnsafePointer<Float>, _ range: Range<Int>) -> Float {
        magnitudeAndFinite(x, range, checkFinite: false).0
    }

    /// The largest magnitude, and whether every value is finite.
    @inline(__always)
    static func magnitudeAndFinite(_ x: UnsafePointer<Float>, _ range: Range<Int>, checkFinite: Bool = true) -> (Float, Bool) {
        let raw = UnsafeRawPointer(x)
        let clear = SIMD4<UInt32>(repeating: 0x7FFF_FFFF)
        @inline(__always) func load(_ i: Int) -> (SIMD4<Float>, SIMD4<Float>) {
            let v = raw.loadUnaligned(fromByteOffset: 4 * i, as: SIMD4<Float>.self)
            return (unsafeBitCast(unsafeBitCast(v, to: SIMD4<UInt32>.self) & clear, to: SIMD4<Float>.self), v)
        }
        var m0 = SIMD4<Float>(repeating: 0), m1 = m0, nan4 = m0
        var i = range.lowerBound
        while i + 16 <= range.upperBound {
            let (a0, v0) = load(i), (a1, v1) = load(i + 4), (a2, v2) = load(i + 8), (a3, v3) = load(i + 12)
            m0 = maximum(m0, maximum(a0, a2))
            m1 = maximum(m1, maximum(a1, a3))
            if checkFinite { nan4 += ((v0 - v0) + (v1 - v1)) + ((v2 - v2) + (v3 - v3)) }
            i += 16
        }
        while i + 4 <= range.upperBound {
            let (a, v) = load(i)
            m0 = maximum(m0, a)
            if checkFinite { nan4 += v - v }
            i += 4
        }
        var m = largestLane(maximum(m0, m1))
        var finite = !checkFinite || !nan4.sum().isNaN
        while i < range.upperBound {
            m = Swift.max(m, x[i].magnitude)
            finite = finite && x[i].isFinite
            i += 1
        }
        return (m, finite)
    }

    /// The first x[i] of the run whose magnitude is `amax` (the block's
    /// largest magnitude), with its sign: ggml's q4_0 and q5_0 scale by it.
    /// 0 if there is none.
    @inline(__always)
    static func firstOfMagnitude(_ amax: Float, _ x: UnsafePointer<Float>, _ range: Range<Int>) -> Float {
        let raw = UnsafeRawPointer(x)
        let clear = SIMD4<UInt32>(repeating: 0x7FFF_FFFF)
        let a4 = SIMD4<Float>(repeating: amax)
        var i = range.lowerBound
        while i + 4 <= range.upperBound {
            let a = unsafeBitCast(raw.loadUnaligned(fromByteOffset: 4 * i, as: SIMD4<UInt32>.self) & clear, to: SIMD4<Float>.self)
            let hits = bits(a .== a4)
            if hits != 0 { return x[i + hits.trailingZeroBitCount] }
            i += 4
        }
        while i < range.upperBound {
            if x[i].magnitude == amax { return x[i] }
            i += 1
        }
        return 0
    }

    /// Appends the indices i of x[range] with |x[i]| > limit (exactly: the
    /// float32 comparison is made with the largest float32 at or below limit).
    @inline(__always)
    static func appendIndices(_ x: UnsafePointer<Float>, _ range: Range<Int>, magnitudeAbove limit: Double, to out: inout IndexCollector) {
        var t = Float(limit)
        if Double(t) > limit { t = t.nextDown }
        let t4 = SIMD4<Float>(repeating: t), clear = SIMD4<UInt32>(repeating: 0x7FFF_FFFF)
        let raw = UnsafeRawPointer(x)
        var i = range.lowerBound
        while i + 4 <= range.upperBound {
            let a = unsafeBitCast(raw.loadUnaligned(fromByteOffset: 4 * i, as: SIMD4<UInt32>.self) & clear, to: SIMD4<Float>.self)
            var above = bits(a .> t4)
            while above != 0 {
                out.append(i + above.trailingZeroBitCount)
                above &= above - 1
            }
            i += 4
        }
        while i < range.upperBound { if x[i].magnitude > t { out.append(i) }; i += 1 }
    }
}
