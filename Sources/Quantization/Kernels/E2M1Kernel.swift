import FloatFormats

/// E2M1 (fp4) codes of x / S to nearest, by comparing |x| with the seven
/// midpoints between neighbouring E2M1 values scaled by S: no division, no
/// critical points to redo, and sixteen elements per step.
///
/// The magnitudes 0, 0.5, 1, 1.5, 2, 3, 4, 6 are codes 0…7; the midpoints
/// are 0.25, 0.75, 1.25, 1.75, 2.5, 3.5, 5, and |x| / S above midpoint k
/// adds one to the code. A tie goes to the even code (nearest-even: up at
/// 0.75, 1.75, 3.5, down at the others) or up (nearest-away). Saturation is
/// automatic: beyond 5 every magnitude is code 7. The sign bit of x becomes
/// bit 3, so −0 and negative values that round to zero give 0x8, as the
/// rounding core does.
///
/// Each comparison is exact in float32: with T = t · S (exact in float64),
/// |x| > T ⟺ |x| > RD(T) and |x| ≥ T ⟺ |x| > pred(RU(T)), RD and RU the
/// float32 roundings down and up. So the thresholds are seven float32 values
/// per scale.
///
/// ```swift
/// E2M1Kernel.midpoints   // [0.25, 0.75, 1.25, 1.75, 2.5, 3.5, 5.0]
/// ```
struct E2M1Kernel {
    static let midpoints: [Double] = [0.25, 0.75, 1.25, 1.75, 2.5, 3.5, 5]

    /// Whether a tie at each midpoint goes to the larger code.
    let tiesUp: [Bool]

    /// The kernel for a rounding mode, if it is one of the two nearest modes.
    init?(mode: RoundingMode) {
        switch mode {
        case .nearestEven: tiesUp = [false, true, false, true, false, true, false]
        case .nearestAway: tiesUp = [Bool](repeating: true, count: 7)
        default: return nil
        }
    }

    /// Whether the format is E2M1 as the kernel encodes it (sign bit 3, no NaN, no infinity).
    static func applies(to format: FloatFormat) -> Bool { format == .float4_e2m1fn }

    /// The seven float32 thresholds for a scale S > 0; nil when some t · S is
    /// not exact in float64 (S with more than 50 significant bits).
    func thresholds(scale S: Double) -> SIMD8<Float>? {
        var c = SIMD8<Float>(repeating: .infinity)
        for (k, t) in Self.midpoints.enumerated() {
            let T = t * S
            guard T.isFinite, T.addingProduct(-t, S) == 0 else { return nil }
            // RD(T) and RU(T) in float32 (beyond float32's range: its largest finite value and ∞).
            let f = Float(T)
            if f.isInfinite { c[k] = .greatestFiniteMagnitude; continue }   // T beyond every float: no |x| passes
            let down = Double(f) > T ? f.nextDown : f
            let up = Double(f) < T ? f.nextUp : f
            c[k] = tiesUp[k] ? up.nextDown : down
        }
        return c
    }

    /// Codes for x[range] with the thresholds of one scale.
    @inline(__always)
    func run(_ x: UnsafePointer<Float>, _ range: Range<Int>, thresholds c: SIMD8<Float>, into codes: UnsafeMutablePointer<UInt8>) {
        var none = IndexCollector()
        run(x, range, thresholds: c, clipAbove: nil, into: codes, clipped: &none)
    }

    /// Codes for x[range], and with `clipAbove` the indices of the |x[i]| above it appended to
    /// `clipped` (compared in the same pass, on the loaded values).
    @inline(__always)
    func run(_ x: UnsafePointer<Float>, _ range: Range<Int>, thresholds c: SIMD8<Float>, clipAbove: Float?,
             into codes: UnsafeMutablePointer<UInt8>, clipped: inout IndexCollector) {
        let limit16 = SIMD16<Float>(repeating: clipAbove ?? .infinity)
        typealias V = SIMD16<Float>
        let clear = SIMD16<UInt32>(repeating: 0x7FFF_FFFF)
        let c0 = V(repeating: c[0]), c1 = V(repeating: c[1]), c2 = V(repeating: c[2]), c3 = V(repeating: c[3])
        let c4 = V(repeating: c[4]), c5 = V(repeating: c[5]), c6 = V(repeating: c[6])
        let raw = UnsafeRawPointer(x), out = UnsafeMutableRawPointer(codes)
        var i = range.lowerBound
        while i + 16 <= range.upperBound {
            let bits = raw.loadUnaligned(fromByteOffset: 4 * i, as: SIMD16<UInt32>.self)
            let a = unsafeBitCast(bits & clear, to: V.self)
            // Each true comparison is a lane of all ones (−1): subtracting counts it.
            var n = SIMD16<Int32>(truncatingIfNeeded: (bits &>> 28) & SIMD16<UInt32>(repeating: 8))
            n &-= unsafeBitCast(a .> c0, to: SIMD16<Int32>.self)
            n &-= unsafeBitCast(a .> c1, to: SIMD16<Int32>.self)
            n &-= unsafeBitCast(a .> c2, to: SIMD16<Int32>.self)
            n &-= unsafeBitCast(a .> c3, to: SIMD16<Int32>.self)
            n &-= unsafeBitCast(a .> c4, to: SIMD16<Int32>.self)
            n &-= unsafeBitCast(a .> c5, to: SIMD16<Int32>.self)
            n &-= unsafeBitCast(a .> c6, to: SIMD16<Int32>.self)
            out.storeBytes(of: SIMDNarrowing.lowBytes(n), toByteOffset: i, as: SIMD16<UInt8>.self)
            if clipAbove != nil {
                var above = BlockMaximum.bits(a .> limit16)
                while above != 0 {
                    clipped.append(i + above.trailingZeroBitCount)
                    above &= above - 1
                }
            }
            i += 16
        }
        while i < range.upperBound {
            let a = x[i].magnitude
            var n: UInt8 = x[i].sign == .minus ? 8 : 0
            for k in 0..<7 where a > c[k] { n += 1 }
            codes[i] = n
            if let clipAbove, a > clipAbove { clipped.append(i) }
            i += 1
        }
    }
}
