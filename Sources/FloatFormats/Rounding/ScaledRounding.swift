/// Rounding a scaled value once: x · 2^k, and x / s for any positive scale s.
/// Quantizers divide by a scale (an int8 scale, NVFP4's E4M3 block scale times
/// a float32 tensor scale) and round into the element format; computing x / s
/// in float32 first and rounding that again can give a different result, a
/// double rounding. Here the quotient is exact: its leading bits and a sticky
/// bit from the remainder go to round-and-pack, which rounds once.
extension FloatFormat {
    /// Rounds x · 2^k once (exact scaling, then one rounding).
    ///
    /// ```swift
    /// let x = SourceValue(Dyadic(significand: 3, exponent: 0))                 // 3
    /// FloatFormat.float4_e2m1fn.round(x, timesPowerOfTwo: 1).code              // 0x7: 6
    /// FloatFormat.float4_e2m1fn.round(x, timesPowerOfTwo: -3).code             // 0x1: 0.375 is past 0.25, the midpoint of 0 and 0.5
    /// ```
    public func round(_ x: SourceValue, timesPowerOfTwo k: Int, options: RoundingOptions = .default,
                      random: UInt64 = 0) -> RoundedResult {
        precondition(k.magnitude < 1 << 40, "a scale of 2^\(k) is beyond the exponents FloatLab handles (|k| < 2^40)")
        guard case .finite(let negative, let sig, let exponent, let sticky) = x else {
            return round(x, options: options, random: random)
        }
        return round(.finite(negative: negative, significand: sig, exponent: exponent + k, sticky: sticky),
                     options: options, random: random)
    }

    /// Rounds x / s once, for a positive scale s: the exact quotient's
    /// leading bits with a sticky bit for a non-zero remainder go to
    /// round-and-pack. Zeros, infinities and NaNs are what a positive scale
    /// leaves them. `x` must be exact (no sticky bit) unless s is a power of two.
    ///
    /// ```swift
    /// // 1/3 into float8_e4m3fn: 0.333… lies between 0.3125 (0x2A) and 0.34375 (0x2B), nearer 0x2B.
    /// let third = FloatFormat.float8_e4m3fn.round(SourceValue(Dyadic(significand: 1, exponent: 0)),
    ///                                             dividedBy: Dyadic(significand: 3, exponent: 0))
    /// third.code          // 0x2B
    /// third.flags         // .inexact
    /// ```
    public func round(_ x: SourceValue, dividedBy scale: Dyadic, options: RoundingOptions = .default,
                      random: UInt64 = 0) -> RoundedResult {
        precondition(!scale.isNegative && !scale.isZero, "the scale must be positive")
        guard case .finite(let negative, let sig, let exponent, let sticky) = x, sig != 0 else {
            return round(x, options: options, random: random)
        }
        if scale.significand == 1 {
            return round(x, timesPowerOfTwo: -scale.exponent, options: options, random: random)
        }
        precondition(!sticky, "dividing a value known only up to a sticky bit cannot round once")
        let q = Self.exactQuotient(sig, by: scale.significand, minimumBits: fractionBits + 3)
        return roundSignificand(negative: negative, q.quotient, exponent: exponent + q.exponent - scale.exponent,
                                sticky: q.sticky, options: options, random: random)
    }

    /// Rounds x / s once for a Double scale (positive and finite).
    public func round(_ x: SourceValue, dividedBy scale: Double, options: RoundingOptions = .default,
                      random: UInt64 = 0) -> RoundedResult {
        precondition(scale > 0 && scale.isFinite, "the scale must be positive and finite")
        return round(x, dividedBy: FloatFormat.float64.decodeUnchecked(scale.bitPattern).value!, options: options, random: random)
    }

    /// Converts an encoding of `source` divided by a positive scale, rounding once.
    ///
    /// ```swift
    /// // 448 / 3 = 149.33… in float8_e4m3fn: 144 (0x71) or 160 (0x72); nearer 144.
    /// try FloatFormat.float8_e4m3fn.convert(0x43E0_0000, from: .float32, dividedBy: 3).code   // 0x71
    /// ```
    public func convert(_ code: UInt64, from source: FloatFormat, dividedBy scale: Double,
                        options: RoundingOptions = .default, random: UInt64 = 0) throws(EncodingError) -> RoundedResult {
        try source.validate(code: code)
        return round(source.sourceValue(of: code, flushSubnormals: options.flushSubnormalInputs), dividedBy: scale,
                     options: options, random: random)
    }

    /// ±sig × 2^exponent / divisor rounded once (`divisor` odd and above 1),
    /// the batch loops' path: a 64-bit quotient from the divisor's
    /// precomputed reciprocal when it has the bits the rounding needs.
    @inline(always)
    func roundQuotient(negative: Bool, _ sig: UInt64, exponent: Int, by divisor: Reciprocal, options: RoundingOptions,
                       random: UInt64) -> RoundedResult {
        let (q, shift, sticky) = divisor.quotient(sig)
        if 64 &- q.leadingZeroBitCount >= fractionBits &+ 3 {
            return roundSignificand(negative: negative, q, exponent: exponent &+ shift, sticky: sticky, options: options, random: random)
        }
        let wide = Self.exactQuotient(UInt128(sig), by: divisor.divisor, minimumBits: fractionBits + 3)
        return roundSignificand(negative: negative, wide.quotient, exponent: exponent + wide.exponent, sticky: wide.sticky,
                                options: options, random: random)
    }

    /// A divisor with its reciprocal, for many divisions by it: Möller and
    /// Granlund's 2-by-1 division by an invariant integer ("Improved division
    /// by invariant integers", IEEE Trans. Computers 2011), two multiplications
    /// in place of a hardware division that costs about 90 cycles here.
    @usableFromInline struct Reciprocal: Sendable {
        /// The divisor as given.
        @usableFromInline let divisor: UInt64
        /// The divisor shifted until its top bit is set, and by how much.
        @usableFromInline let normalized: UInt64
        @usableFromInline let shift: Int
        /// ⌊(2^128 − 1) / normalized⌋ − 2^64.
        @usableFromInline let inverse: UInt64

        @usableFromInline init(_ divisor: UInt64) {
            precondition(divisor > 1, "a divisor above 1")
            self.divisor = divisor
            shift = divisor.leadingZeroBitCount
            normalized = divisor << UInt64(shift)
            inverse = UInt64(truncatingIfNeeded: UInt128.max / UInt128(normalized) - (UInt128(1) << 64))
        }

        /// sig (≠ 0) / divisor as a quotient q of 63 or 64 bits and the power
        /// of two it stands at: sig / divisor = (q + δ) · 2^shift with
        /// 0 ≤ δ < 1, δ > 0 exactly when `sticky`.
        @inline(__always) @usableFromInline
        func quotient(_ sig: UInt64) -> (q: UInt64, shift: Int, sticky: Bool) {
            let lz = sig.leadingZeroBitCount
            let top = sig << UInt64(lz)                            // in [2^63, 2^64)
            // (u1, u0) = top · 2^64, or top · 2^63 when top ≥ d: u1 < d either way.
            let halve = top >= normalized
            let u1 = halve ? top >> 1 : top, u0: UInt64 = halve ? top << 63 : 0
            // The 2-by-1 step.
            let p = inverse.multipliedFullWidth(by: u1)
            let (lowSum, carry) = p.low.addingReportingOverflow(u0)
            var q1 = p.high &+ u1 &+ 1 &+ (carry ? 1 : 0)
            let q0 = lowSum
            var r = u0 &- q1 &* normalized
            if r > q0 { q1 &-= 1; r &+= normalized }
            if r >= normalized { q1 &+= 1; r &-= normalized }
            // top·2^(64 or 63) / (d·2^shift) = q1 + r/normalized; sig = top·2^-lz.
            return (q1, shift - lz - (halve ? 63 : 64), r != 0)
        }
    }

    /// ⌊sig · 2^shift / divisor⌋ with at least `minimumBits` significant bits,
    /// as (quotient, −shift, remainder ≠ 0). `sig` ≠ 0, `divisor` odd.
    @inline(always)
    static func exactQuotient(_ sig: UInt128, by divisor: UInt64, minimumBits: Int)
        -> (quotient: UInt128, exponent: Int, sticky: Bool) {
        if sig >> 64 == 0 {
            // One 128-by-64-bit division (a single instruction on x86-64): the
            // dividend shifted so that the quotient lies in (2^62, 2^64), which
            // keeps the high word below the divisor.
            let x = UInt64(truncatingIfNeeded: sig)
            let k = 63 + x.leadingZeroBitCount - divisor.leadingZeroBitCount     // 0 ≤ k ≤ 126
            let n = UInt128(x) << UInt128(k)
            let (q, r) = divisor.dividingFullWidth((high: UInt64(truncatingIfNeeded: n >> 64), low: UInt64(truncatingIfNeeded: n)))
            if 64 - q.leadingZeroBitCount >= minimumBits { return (UInt128(q), -k, r != 0) }
        }
        let lz = sig.leadingZeroBitCount
        let n = sig << UInt128(lz)       // leading bit at the top: at least 64 quotient bits
        let (q, r) = n.quotientAndRemainder(dividingBy: UInt128(divisor))
        if 128 - q.leadingZeroBitCount >= minimumBits { return (q, -lz, r != 0) }
        // A large divisor into a format of 62 or more fraction bits: 8 more
        // bits of quotient (below 2^74), in big integers.
        let wide = (BigUInt(UInt64(truncatingIfNeeded: n >> 64)) << 72) + (BigUInt(UInt64(truncatingIfNeeded: n)) << 8)
        let (q2, inexact) = wide.quotient128(dividingBy: BigUInt(divisor))
        return (q2, -lz - 8, inexact)
    }
}
