extension FloatFormat {
    /// a · 2^n, correctly rounded (IEEE 754 §5.3.3 scaleB): exact unless it
    /// overflows or lands below the normal range.
    ///
    /// ```swift
    /// let e4m3 = FloatFormat.float8_e4m3fn
    /// e4m3.scaleB(0x38, 3).code    // 0x50: 1 · 2^3 = 8
    /// e4m3.scaleB(0x39, -9).code   // 0x01, flags "ux": 1.125 · 2^-9 rounds to 2^-9
    /// ```
    public func scaleB(_ a: UInt64, _ n: Int, options: ArithmeticOptions = .default, random: UInt64 = 0) -> RoundedResult {
        let r = options.rounding
        switch operand(a, options: r) {
        case .nan: return operationNaN([a], options: options)
        case .infinity(let negative): return infinityResult(negative: negative, options: r)
        case .zero(let negative): return zeroResult(negative: negative)
        case .finite(let negative, let s, let e):
            // Far beyond every format's range either way, the result is the same: clamp the exponent.
            let shift = Swift.min(Swift.max(n, -(1 << 40)), 1 << 40)
            return roundSignificand(negative: negative, s, exponent: e + shift, sticky: false, options: r, random: random)
        }
    }
}
