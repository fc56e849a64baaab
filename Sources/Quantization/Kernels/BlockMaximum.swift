/// The largest magnitude of a run of float32 values, four lanes at a time.
///
/// Magnitudes come from clearing the sign bit; the maximum is kept with a
/// compare and select (x86's baseline has no float max that Swift emits).
/// The finite variant also sums v − v, which is 0 for every finite v and
/// NaN as soon as one v is ±∞ or NaN.
enum BlockMaximum {
    @inline(__always)
    static func magnitude(_ x: UnsafePointer<Float>, _ range: Range<Int>) -> Float {
        magnitudeAndFinite(x, range, checkFinite: false).0
    }

    /// The largest magnitude, and whether every value is finite.
    @inline(__always)
    static func magnitudeAndFinite(_ x: UnsafePointer<Float>, _ range: Range<Int>, checkFinite: Bool = true) -> (Float, Bool) {
        let raw = UnsafeRawPointer(x)
        let clear = SIMD4<UInt32>(repeating: 0x7FFF_FFFF)
        var m4 = SIMD4<Float>(repeating: 0), nan4 = SIMD4<Float>(repeating: 0)
        var i = range.lowerBound
        while i + 4 <= range.upperBound {
            let v = raw.loadUnaligned(fromByteOffset: 4 * i, as: SIMD4<Float>.self)
            let a = unsafeBitCast(unsafeBitCast(v, to: SIMD4<UInt32>.self) & clear, to: SIMD4<Float>.self)
            m4.replace(with: a, where: a .> m4)
            if checkFinite { nan4 += v - v }
            i += 4
        }
        var m = Swift.max(Swift.max(m4[0], m4[1]), Swift.max(m4[2], m4[3]))
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
            if any(a .== a4) { break }
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
    static func appendIndices(_ x: UnsafePointer<Float>, _ range: Range<Int>, magnitudeAbove limit: Double, to out: inout [Int]) {
        var t = Float(limit)
        if Double(t) > limit { t = t.nextDown }
        let t4 = SIMD4<Float>(repeating: t), clear = SIMD4<UInt32>(repeating: 0x7FFF_FFFF)
        let raw = UnsafeRawPointer(x)
        var i = range.lowerBound
        while i + 4 <= range.upperBound {
            let a = unsafeBitCast(raw.loadUnaligned(fromByteOffset: 4 * i, as: SIMD4<UInt32>.self) & clear, to: SIMD4<Float>.self)
            if any(a .> t4) { for j in i..<(i + 4) where x[j].magnitude > t { out.append(j) } }
            i += 4
        }
        while i < range.upperBound { if x[i].magnitude > t { out.append(i) }; i += 1 }
    }
}
