import FloatFormats

/// Rounding x / s to an integer exactly, in every mode of the rounding core,
/// for a float64 x (a float32 value, or a difference of two) and a positive,
/// finite float64 scale s.
///
/// The quotient is never rounded first. x · (1/s) in float64 is within a few
/// ulps of x / s, so its floor is off by at most one; fused multiply-adds
/// then decide exactly which side of an integer, a midpoint or a stochastic
/// threshold x / s lies on: the sign of fma(t, s, −x) is the sign of the
/// exact t·s − x, because one rounding never changes a sign (and t·s − x is
/// either 0 or far above float64's smallest subnormal for float32 x).
///
/// ```swift
/// IntegerRounding.round(5, dividedBy: 2, mode: .nearestEven)   // 2: 2.5 is a tie, 2 is even
/// IntegerRounding.round(5, dividedBy: 2, mode: .nearestAway)   // 3
/// IntegerRounding.round(-5, dividedBy: 2, mode: .towardZero)   // -2
/// IntegerRounding.round(500, dividedBy: 1000.0 / 255, mode: .nearestEven)   // 128
/// ```
public enum IntegerRounding {
    /// The integer nearest x / s in `mode`, clamped to ±limit (limit ≤ 2^31).
    /// Stochastic modes use the low `bits` bits of `random`.
    @inline(__always)
    public static func round(_ x: Double, dividedBy s: Double, reciprocal: Double? = nil, mode: RoundingMode,
                             random: UInt64 = 0, limit: Double = 2_147_483_648) -> Double {
        let negative = x < 0
        let ax = x.magnitude
        let y = ax * (reciprocal ?? 1 / s)
        // Far beyond the clamp: the exact value does not matter (this also takes Inf).
        if !(y <= limit + 2) { return negative ? -limit : limit }
        var f = y.rounded(.down)
        // Exact floor: f ≤ |x|/s < f + 1.
        if fmaSign(f, s, ax) > 0 { f -= 1 } else if fmaSign(f + 1, s, ax) <= 0 { f += 1 }
        let exact = fmaSign(f, s, ax) == 0
        var up: Bool
        switch mode {
        case .nearestEven, .nearestAway:
            let c = fmaSign(f + 0.5, s, ax)
            if c < 0 { up = true } else if c > 0 { up = false }
            else { up = mode == .nearestAway || f.truncatingRemainder(dividingBy: 2) != 0 }
        case .towardZero: up = false
        case .up: up = !negative && !exact
        case .down: up = negative && !exact
        case .odd: up = !exact && f.truncatingRemainder(dividingBy: 2) == 0
        case .stochastic(let bits):
            let r = random & ((1 << UInt64(bits)) - 1)
            if r == 0 || exact { up = false }
            else {
                // Away from zero when the top `bits` bits of the fraction plus r reach 2^bits,
                // that is when |x|/s ≥ f + (2^bits − r)/2^bits.
                let t = Double((UInt64(1) << UInt64(bits)) - r) * Double(sign: .plus, exponent: -bits, significand: 1)
                up = fmaSign(f + t, s, ax) <= 0
            }
        }
        let m = Swift.min(up ? f + 1 : f, limit)
        return negative ? -m : m
    }

    /// ⌊x / s + c⌋ exactly, clamped to [lower, upper], for a positive scale
    /// and an offset c of few bits (ggml's `(int)(x/d + 8.5)`, c = 8.5).
    ///
    /// ```swift
    /// IntegerRounding.floor(-2.5, dividedBy: 1, plus: 8.5, lower: 0, upper: 15)   // 6
    /// IntegerRounding.floor(7.5, dividedBy: 1, plus: 8.5, lower: 0, upper: 15)    // 15: 16 is clamped
    /// ```
    @inline(__always)
    public static func floor(_ x: Double, dividedBy s: Double, reciprocal: Double? = nil, plus c: Double,
                             lower: Double, upper: Double) -> Double {
        let y = x * (reciprocal ?? 1 / s) + c
        if !(y <= upper + 2) { return upper }
        if !(y >= lower - 2) { return lower }
        var f = y.rounded(.down)
        // f ≤ x/s + c ⇔ (f − c)·s ≤ x.
        if fmaSign(f - c, s, x) > 0 { f -= 1 } else if fmaSign(f + 1 - c, s, x) <= 0 { f += 1 }
        return Swift.min(Swift.max(f, lower), upper)
    }

    /// The sign of t·s − x, exactly (−1, 0 or 1).
    @inline(__always)
    static func fmaSign(_ t: Double, _ s: Double, _ x: Double) -> Int {
        let r = (-x).addingProduct(t, s)
        return r > 0 ? 1 : (r < 0 ? -1 : 0)
    }
}
