/// The fixed-point arithmetic integer inference engines requantize with
/// (gemmlowp, TFLite): a real multiplier M > 0 stored as a 31-bit normalized
/// integer and a power of two, M ≈ multiplier · 2^(shift − 31) with
/// multiplier in [2^30, 2^31), applied as a rounding doubling high multiply
/// followed by a rounding right shift.
///
/// ```swift
/// let m = FixedPointMultiplier(0.75)           // 0.75 = 0.75 · 2^0
/// m.multiplier                                 // 1610612736: 0.75 · 2^31
/// m.shift                                      // 0
/// m.apply(1000)                                // 750
/// FixedPoint.roundingDoublingHighMultiply(1 << 30, 1 << 30)   // 536870912: (2^30 · 2^30 · 2) / 2^32
/// FixedPoint.roundingDivideByPowerOfTwo(-3, 1) // -2: −1.5 rounds away from zero
/// ```
public enum FixedPoint {
    /// gemmlowp's SaturatingRoundingDoublingHighMul: the high 32 bits of
    /// 2·a·b, that is a·b / 2^31, rounded half toward +∞ (the nudge is
    /// 2^30 for a non-negative product and 1 − 2^30 for a negative one, then
    /// the division truncates toward zero); −2^31 · −2^31 saturates to 2^31 − 1.
    @inlinable
    public static func roundingDoublingHighMultiply(_ a: Int32, _ b: Int32) -> Int32 {
        if a == .min && b == .min { return .max }
        let ab = Int64(a) * Int64(b)
        let nudge: Int64 = ab >= 0 ? 1 << 30 : 1 - (1 << 30)
        return Int32(truncatingIfNeeded: (ab + nudge) / (1 << 31))
    }

    /// gemmlowp's RoundingDivideByPOT: x / 2^exponent rounded to nearest, ties away from zero.
    @inlinable
    public static func roundingDivideByPowerOfTwo(_ x: Int32, _ exponent: Int) -> Int32 {
        precondition(exponent >= 0 && exponent <= 31, "a shift of 0…31")
        let mask = Int32(truncatingIfNeeded: (Int64(1) << exponent) - 1)
        let remainder = x & mask
        let threshold = (mask >> 1) + (x < 0 ? 1 : 0)
        return (x >> Int32(exponent)) + (remainder > threshold ? 1 : 0)
    }
}

/// A real multiplier in the gemmlowp / TFLite form (`QuantizeMultiplier`).
public struct FixedPointMultiplier: Sendable, Hashable {
    /// In [2^30, 2^31), or 0 for M = 0.
    public let multiplier: Int32
    /// M ≈ multiplier · 2^(shift − 31).
    public let shift: Int

    /// M = q · 2^shift with q in [0.5, 1) (frexp); multiplier = round(q · 2^31), carried into the shift when it rounds to 2^31.
    public init(_ real: Double) {
        precondition(real >= 0 && real.isFinite, "a finite, non-negative multiplier")
        guard real > 0 else { multiplier = 0; shift = 0; return }
        let e = real.exponent + 1                       // real = q · 2^e, q in [0.5, 1)
        let q = real / Double(sign: .plus, exponent: e, significand: 1)
        var m = (q * 2147483648).rounded(.toNearestOrAwayFromZero)
        var s = e
        if m == 2147483648 { m /= 2; s += 1 }
        multiplier = Int32(m)
        shift = s
    }

    /// The multiplier's exact value, multiplier · 2^(shift − 31).
    public var value: Double { Double(multiplier) * Double(sign: .plus, exponent: shift - 31, significand: 1) }

    /// TFLite's MultiplyByQuantizedMultiplier: x · 2^max(shift, 0) (wrapping as int32 does), the rounding
    /// doubling high multiply, then a rounding right shift by max(−shift, 0).
    @inlinable
    public func apply(_ x: Int32) -> Int32 {
        let left = max(shift, 0), right = max(-shift, 0)
        let shifted = Int32(truncatingIfNeeded: Int64(x) << left)
        return FixedPoint.roundingDivideByPowerOfTwo(FixedPoint.roundingDoublingHighMultiply(shifted, multiplier), min(right, 31))
    }
}
