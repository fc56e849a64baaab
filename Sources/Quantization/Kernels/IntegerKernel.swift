import FloatFormats

/// The inner loop of integer quantization: q = clamp(R((x − m) / s + c), lo, hi)
/// over a run of float32 values, R a rounding mode, exact.
///
/// It computes y = (x − m) · (1/s) + c in float64, within 2^-31 of the exact
/// value for |y| < 2^20 (three roundings of relative error 2^-53 each), and
/// rounds y with the magic-number trick. Only a y within 2^-24 of a
/// critical point (a half-integer for the nearest modes, an integer for
/// the directed ones) can round differently from the exact quotient, and
/// those few go to `IntegerRounding`, which decides exactly. |y| ≥ 2^20
/// is beyond every clamp. Odd and stochastic rounding take the exact path
/// for every element.
struct IntegerKernel {
    let mode: RoundingMode
    /// Added before rounding (ggml's 8.5 for q4_0 is c = 8 with ⌊· + ½⌋ = the floor mode with c = 8.5).
    let offset: Double
    /// ⌊·⌋ instead of `mode` (ggml's `(int)(x/d + c)`).
    let floorMode: Bool
    let lower: Double, upper: Double
    let seed: UInt64

    /// Whether the loop handles the mode without the exact path for every element.
    var isFast: Bool {
        if floorMode { return true }
        switch mode {
        case .nearestEven, .nearestAway, .towardZero, .up, .down: return true
        default: return false
        }
    }

    /// The exact result for one element.
    @inline(__always)
    func exact(_ numerator: Double, _ s: Double, index: Int) -> Double {
        if floorMode {
            return IntegerRounding.floor(numerator, dividedBy: s, plus: offset, lower: lower, upper: upper)
        }
        let random: UInt64
        if case .stochastic = mode { random = UInt64(RoundingNoise(seed: seed)[UInt64(index)]) } else { random = 0 }
        let r = IntegerRounding.round(numerator, dividedBy: s, mode: mode, random: random, limit: 0x1p40)
        return Swift.min(Swift.max(r + offset, lower), upper)
    }

    /// Codes for x[run] with scale s, minimum m subtracted first (0 for most schemes);
    /// `negated` divides by −s (ggml's q4_0 and q5_0 have negative scales).
    /// `bound`, when given, is at least every |x[i]| of the run: a run whose
    /// codes cannot leave the range then skips the clamps.
    @inline(__always)
    func run<C: CodeElement>(_ x: UnsafePointer<Float>, _ range: Range<Int>, scale s: Double, minimum m: Float = 0, negated: Bool = false,
                             bound: Float? = nil, into codes: UnsafeMutablePointer<C>) {
        let sign = negated ? -1.0 : 1.0
        guard isFast else {
            for i in range { codes[i] = C(truncatingIfNeeded: Int32(exact(sign * Double(x[i]) - Double(m), s, index: i))) }
            return
        }
        if floorMode { loop(Floor.self, x, range, s, m, sign, bound, codes); return }
        switch mode {
        case .nearestEven, .nearestAway: loop(Nearest.self, x, range, s, m, sign, bound, codes)
        case .towardZero: loop(TowardZero.self, x, range, s, m, sign, bound, codes)
        case .up: loop(Up.self, x, range, s, m, sign, bound, codes)
        default: loop(Down.self, x, range, s, m, sign, bound, codes)
        }
    }

    /// The branch-free loop for one rule, then the exact path for the
    /// elements it flagged (none, almost always).
    @inline(__always)
    private func loop<R: KernelRule, C: CodeElement>(_: R.Type, _ x: UnsafePointer<Float>, _ range: Range<Int>, _ s: Double, _ m: Float,
                                                     _ sign: Double, _ bound: Float?, _ codes: UnsafeMutablePointer<C>) {
        // (sign · x − m) · (1/s) = (x − sign · m) · (sign/s): the sign folds into the reciprocal.
        let inv = sign / s
        let magic = 6_755_399_441_055_744.0        // 1.5 · 2^52: (y + magic) − magic rounds to nearest even
        let md = sign * Double(m)
        let before = floorMode ? offset : 0, after = floorMode ? 0 : offset
        let lo = lower, hi = upper
        var flagged = false
        var i0 = range.lowerBound
        if R.self == Nearest.self && m == 0 && !floorMode && hi - lo <= 65536 {
            // float32, four at a time: y = x · float32(1/s) is within |y| · 2^-22.9 of x / s; results beyond
            // qmax + 2 clamp whatever their error, so a distance of (qmax + 2) · 2^-19 from every
            // half-integer is enough to be sure of the nearest integer.
            let reach = Swift.max(hi.magnitude, lo.magnitude) + Swift.max(after.magnitude, 0) + 2
            let edge = Float(0.5 - reach * 0x1p-19)
            let inv32 = Float(inv)
            if edge > 0.25 && inv32.isNormal {
                // With every |y| ≤ ymax (2^-20 above the bound: the float32 product errs by less) and
                // after ± ymax inside (lo − ½, hi + ½), no code reaches past an end: no clamps, no far values.
                let ymax = bound.map { Double($0) * Double(inv32.magnitude) * (1 + 0x1p-20) } ?? .infinity
                let clampFree = after + ymax < hi + 0.5 && after - ymax > lo - 0.5
                // The last few (fewer than 16) go through the loops below.
                i0 = clampFree ? nearestFloat32(x, range, inv32, Float(after), edge, clamp: nil, sign: sign, scale: s, codes)
                               : nearestFloat32(x, range, inv32, Float(after), edge, clamp: (Float(lo), Float(hi)), sign: sign, scale: s, codes)
            }
        }
        if R.self == Floor.self && floorMode && hi - lo <= 256 && before.magnitude <= 256 {
            // ggml's ⌊(x − m) / d + c⌋ in float32, sixteen at a time: x − m, the product by float32(1/d) and
            // the sum with c err by at most reach · 2^-21 for results within reach of 0; further results
            // clamp whatever their error. A result within reach · 2^-18 of an integer is redone exactly.
            let reach = Swift.max(hi.magnitude, lo.magnitude) + before.magnitude + 2
            let inv32 = Float(inv)
            if inv32.isNormal {
                i0 = floorFloat32(x, range, inv32, Float(md), Float(before), edge: Float(reach * 0x1p-18), Float(lo), Float(hi),
                                  sign: sign, scale: s, minimum: md, codes)
            }
        }
        if i0 + 4 <= range.upperBound {
            // Four at a time: the same arithmetic in SIMD registers.
            let inv4 = SIMD4<Double>(repeating: inv), magic4 = SIMD4<Double>(repeating: magic)
            let before4 = SIMD4<Double>(repeating: before), after4 = SIMD4<Double>(repeating: after)
            let lo4 = SIMD4<Double>(repeating: lo), hi4 = SIMD4<Double>(repeating: hi)
            let far = SIMD4<Double>(repeating: 0x1p20)
            let raw = UnsafeRawPointer(x)
            let md4 = SIMD4<Double>(repeating: md)
            while i0 + 4 <= range.upperBound {
                let xf = raw.loadUnaligned(fromByteOffset: 4 * i0, as: SIMD4<Float>.self)
                let y = (SIMD4<Double>(xf) - md4) * inv4 + before4
                let r = (y + magic4) - magic4
                let d = y - r
                let ay = y.replacing(with: -y, where: y .< 0)
                let critical = R.critical4(d) .& (ay .< far)
                var q = R.pick4(r, d, y) + after4
                q.replace(with: lo4, where: q .< lo4)
                q.replace(with: hi4, where: q .> hi4)
                let bits = unsafeBitCast(q + magic4, to: SIMD4<Int64>.self)
                UnsafeMutableRawPointer(codes).storeBytes(of: SIMD4<C>(truncatingIfNeeded: bits), toByteOffset: MemoryLayout<C>.stride * i0, as: SIMD4<C>.self)
                if any(critical) {
                    for k in 0..<4 where critical[k] {
                        codes[i0 + k] = C(truncatingIfNeeded: Int32(exact(sign * (Double(x[i0 + k]) - md), s, index: i0 + k)))
                    }
                }
                i0 += 4
            }
        }
        let tail = i0
        for i in tail..<range.upperBound {
            let y = (Double(x[i]) - md) * inv + before
            let r = (y + magic) - magic
            let d = y - r                          // in [−½, ½]
            flagged = flagged || (R.critical(d) && y.magnitude < 0x1p20)
            let q = Swift.min(Swift.max(R.pick(r, d, y) + after, lo), hi)
            // q is an integer of magnitude below 2^31: its two's complement sits in the low bits of q + magic.
            codes[i] = C(truncatingIfNeeded: Int64(bitPattern: (q + magic).bitPattern))
        }
        guard flagged else { return }
        for i in tail..<range.upperBound {
            let y = (Double(x[i]) - md) * inv + before
            let d = y - ((y + magic) - magic)
            if R.critical(d) && y.magnitude < 0x1p20 { codes[i] = C(truncatingIfNeeded: Int32(exact(sign * (Double(x[i]) - md), s, index: i))) }
        }
    }
}


extension IntegerKernel {
    /// Floor codes of y = (x − m) · inv + c in float32, sixteen at a time,
    /// clamped to [lo, hi]; elements whose y lies within `edge` of an
    /// integer, beyond 2^22, or whose x − m is not finite are redone exactly.
    /// Returns where it stopped.
    @inline(__always)
    func floorFloat32<C: CodeElement>(_ x: UnsafePointer<Float>, _ range: Range<Int>, _ inv: Float, _ m: Float, _ c: Float, edge: Float,
                                      _ lo: Float, _ hi: Float, sign: Double, scale s: Double, minimum md: Double,
                                      _ codes: UnsafeMutablePointer<C>) -> Int {
        typealias V = SIMD16<Float>
        let inv16 = V(repeating: inv), m16 = V(repeating: m), c16 = V(repeating: c), magic16 = V(repeating: 12_582_912)
        let edge16 = V(repeating: edge), far16 = V(repeating: 0x1p22), one16 = V(repeating: 1), zero16 = V(repeating: 0)
        let lo16 = V(repeating: lo), hi16 = V(repeating: hi)
        let magicBits = SIMD16<Int32>(repeating: 0x4B40_0000), clearSign = SIMD16<UInt32>(repeating: 0x7FFF_FFFF)
        let raw = UnsafeRawPointer(x), out = UnsafeMutableRawPointer(codes)
        let stride = MemoryLayout<C>.stride
        var i0 = range.lowerBound
        while i0 + 16 <= range.upperBound {
            let y = (raw.loadUnaligned(fromByteOffset: 4 * i0, as: V.self) - m16) * inv16 + c16
            let r = (y + magic16) - magic16
            let d = y - r
            let ad = unsafeBitCast(unsafeBitCast(d, to: SIMD16<UInt32>.self) & clearSign, to: V.self)
            let ay = unsafeBitCast(unsafeBitCast(y, to: SIMD16<UInt32>.self) & clearSign, to: V.self)
            let critical = (ad .< edge16) .| .!(ay .< far16)
            var q = r - zero16.replacing(with: one16, where: d .< zero16)
            q.replace(with: lo16, where: q .< lo16)
            q.replace(with: hi16, where: q .> hi16)
            let bits = unsafeBitCast(q + magic16, to: SIMD16<Int32>.self) &- magicBits
            out.storeBytes(of: SIMD16<C>(truncatingIfNeeded: bits), toByteOffset: stride * i0, as: SIMD16<C>.self)
            if any(critical) {
                for k in 0..<16 where critical[k] {
                    codes[i0 + k] = C(truncatingIfNeeded: Int32(exact(sign * (Double(x[i0 + k]) - md), s, index: i0 + k)))
                }
            }
            i0 += 16
        }
        return i0
    }

    /// Nearest-even codes of y = x · inv in float32, sixteen at a time, from
    /// range.lowerBound to the last whole sixteen; returns where it stopped.
    /// y is within |y| · 2^-22.9 of x / s, so a y whose distance from every
    /// half-integer exceeds 1/2 − edge rounds as x / s does; the others are
    /// redone exactly. Results beyond 2^22 or overflowed also take the exact path.
    @inline(__always)
    func nearestFloat32<C: CodeElement>(_ x: UnsafePointer<Float>, _ range: Range<Int>, _ inv: Float, _ after: Float, _ edge: Float,
                                        clamp: (Float, Float)?, sign: Double, scale s: Double, _ codes: UnsafeMutablePointer<C>) -> Int {
        typealias V = SIMD16<Float>
        let inv16 = V(repeating: inv), magic16 = V(repeating: 12_582_912)   // 1.5 · 2^23
        let after16 = V(repeating: after), edge16 = V(repeating: edge), far16 = V(repeating: 0x1p22)
        let lo16 = V(repeating: clamp?.0 ?? 0), hi16 = V(repeating: clamp?.1 ?? 0)
        let magicBits = SIMD16<Int32>(repeating: 0x4B40_0000), clearSign = SIMD16<UInt32>(repeating: 0x7FFF_FFFF)
        let raw = UnsafeRawPointer(x), out = UnsafeMutableRawPointer(codes)
        let stride = MemoryLayout<C>.stride
        var i0 = range.lowerBound
        while i0 + 16 <= range.upperBound {
            let y = raw.loadUnaligned(fromByteOffset: 4 * i0, as: V.self) * inv16
            let r = (y + magic16) - magic16
            let ad = unsafeBitCast(unsafeBitCast(y - r, to: SIMD16<UInt32>.self) & clearSign, to: V.self)
            var critical = ad .> edge16
            var q = r + after16
            if clamp != nil {
                let ay = unsafeBitCast(unsafeBitCast(y, to: SIMD16<UInt32>.self) & clearSign, to: V.self)
                critical = critical .| .!(ay .< far16)
                q.replace(with: lo16, where: q .< lo16)
                q.replace(with: hi16, where: q .> hi16)
            }
            // q is an integer below 2^22 in magnitude: its value sits in the low bits of q + 1.5 · 2^23.
            let bits = unsafeBitCast(q + magic16, to: SIMD16<Int32>.self) &- magicBits
            out.storeBytes(of: SIMD16<C>(truncatingIfNeeded: bits), toByteOffset: stride * i0, as: SIMD16<C>.self)
            if any(critical) {
                for k in 0..<16 where critical[k] {
                    codes[i0 + k] = C(truncatingIfNeeded: Int32(exact(sign * Double(x[i0 + k]), s, index: i0 + k)))
                }
            }
            i0 += 16
        }
        return i0
    }
}

/// One rounding rule of the fast loop: the result from the nearest-even
/// integer r and the remainder d = y − r, and whether y is near a point
/// where the rule changes its answer.
protocol KernelRule {
    static func pick(_ r: Double, _ d: Double, _ y: Double) -> Double
    static func critical(_ d: Double) -> Bool
    static func pick4(_ r: SIMD4<Double>, _ d: SIMD4<Double>, _ y: SIMD4<Double>) -> SIMD4<Double>
    static func critical4(_ d: SIMD4<Double>) -> SIMDMask<SIMD4<Int64>>
}

private let criticalDistance = 0x1p-24
private let one4 = SIMD4<Double>(repeating: 1), zero4 = SIMD4<Double>(repeating: 0)

@inline(__always) private func magnitude4(_ d: SIMD4<Double>) -> SIMD4<Double> { d.replacing(with: -d, where: d .< 0) }
@inline(__always) private func nearInteger4(_ d: SIMD4<Double>) -> SIMDMask<SIMD4<Int64>> {
    magnitude4(d) .< SIMD4<Double>(repeating: criticalDistance)
}

enum Nearest: KernelRule {
    @inline(__always) static func pick(_ r: Double, _ d: Double, _ y: Double) -> Double { r }
    @inline(__always) static func critical(_ d: Double) -> Bool { d.magnitude > 0.5 - criticalDistance }
    @inline(__always) static func pick4(_ r: SIMD4<Double>, _ d: SIMD4<Double>, _ y: SIMD4<Double>) -> SIMD4<Double> { r }
    @inline(__always) static func critical4(_ d: SIMD4<Double>) -> SIMDMask<SIMD4<Int64>> {
        magnitude4(d) .> SIMD4<Double>(repeating: 0.5 - criticalDistance)
    }
}
enum Floor: KernelRule {
    @inline(__always) static func pick(_ r: Double, _ d: Double, _ y: Double) -> Double { d < 0 ? r - 1 : r }
    @inline(__always) static func critical(_ d: Double) -> Bool { d.magnitude < criticalDistance }
    @inline(__always) static func pick4(_ r: SIMD4<Double>, _ d: SIMD4<Double>, _ y: SIMD4<Double>) -> SIMD4<Double> {
        r - zero4.replacing(with: one4, where: d .< zero4)
    }
    @inline(__always) static func critical4(_ d: SIMD4<Double>) -> SIMDMask<SIMD4<Int64>> { nearInteger4(d) }
}
typealias Down = Floor
enum Up: KernelRule {
    @inline(__always) static func pick(_ r: Double, _ d: Double, _ y: Double) -> Double { d > 0 ? r + 1 : r }
    @inline(__always) static func critical(_ d: Double) -> Bool { d.magnitude < criticalDistance }
    @inline(__always) static func pick4(_ r: SIMD4<Double>, _ d: SIMD4<Double>, _ y: SIMD4<Double>) -> SIMD4<Double> {
        r + zero4.replacing(with: one4, where: d .> zero4)
    }
    @inline(__always) static func critical4(_ d: SIMD4<Double>) -> SIMDMask<SIMD4<Int64>> { nearInteger4(d) }
}
enum TowardZero: KernelRule {
    @inline(__always) static func pick(_ r: Double, _ d: Double, _ y: Double) -> Double {
        y < 0 ? (d > 0 ? r + 1 : r) : (d < 0 ? r - 1 : r)
    }
    @inline(__always) static func critical(_ d: Double) -> Bool { d.magnitude < criticalDistance }
    @inline(__always) static func pick4(_ r: SIMD4<Double>, _ d: SIMD4<Double>, _ y: SIMD4<Double>) -> SIMD4<Double> {
        let negative = y .< zero4
        let up = zero4.replacing(with: one4, where: negative .& (d .> zero4))
        let down = zero4.replacing(with: one4, where: .!negative .& (d .< zero4))
        return r + up - down
    }
    @inline(__always) static func critical4(_ d: SIMD4<Double>) -> SIMDMask<SIMD4<Int64>> { nearInteger4(d) }
}
