extension FloatFormat {
    /// a ÷ b, correctly rounded, with its flags (IEEE 754 §5.4.1): a
    /// quotient of 127 or more bits by two 128-by-64-bit integer divisions,
    /// the remainder as the sticky bit.
    ///
    /// ```swift
    /// let e4m3 = FloatFormat.float8_e4m3fn
    /// e4m3.divide(0x38, 0x44).code   // 0x2B: 1/3 → 0.34375 (0.333… lies nearer it than 0.3125)
    /// e4m3.divide(0x38, 0x00).flags  // .divideByZero; the result is NaN (no infinity)
    /// ```
    public func divide(_ a: UInt64, _ b: UInt64, options: ArithmeticOptions = .default, random: UInt64 = 0) -> RoundedResult {
        let r = options.rounding
        let x = operand(a, options: r), y = operand(b, options: r)
        if x.isNaN || y.isNaN { return operationNaN([a, b], options: options) }
        let negative = x.isNegative != y.isNegative
        switch (x, y) {
        case (.infinity, .infinity), (.zero, .zero):
            return invalidResult()
        case (.infinity, _):
            return infinityResult(negative: negative, options: r)
        case (_, .infinity):
            return zeroResult(negative: negative)
        case (.zero, _):
            return zeroResult(negative: negative)
        case (.finite, .zero):
            let inf = infinityResult(negative: negative, options: r)
            // An exact infinite result: divide-by-zero, not overflow (and not invalid, even where the
            // format has no infinity and the result is NaN or its largest value).
            return RoundedResult(code: inf.code, flags: .divideByZero)
        case (.finite(_, let s, let e), .finite(_, let t, let f)):
            let (q, exponent, sticky) = Self.quotient(s, e, t, f)
            return roundSignificand(negative: negative, q, exponent: exponent, sticky: sticky, options: r, random: random)
        default:
            preconditionFailure("NaNs are handled first")
        }
    }

    /// (s · 2^e) / (t · 2^f) as (q + δ) · 2^exponent, q of at least 127 bits, δ > 0 exactly when sticky.
    @inline(__always)
    static func quotient(_ s: UInt64, _ e: Int, _ t: UInt64, _ f: Int) -> (UInt128, Int, Bool) {
        // t normalized to 64 bits, s to 127: the first quotient has 63 or 64 bits, the second 64.
        let tShift = t.leadingZeroBitCount, sShift = 127 - (64 - s.leadingZeroBitCount)
        let d = UInt128(t << UInt64(tShift))
        let n = UInt128(s) << UInt128(sShift)
        let (q1, r1) = n.quotientAndRemainder(dividingBy: d)
        let (q2, r2) = (r1 << 64).quotientAndRemainder(dividingBy: d)
        return (q1 << 64 | q2, e - f - sShift + tShift - 64, r2 != 0)
    }
}
