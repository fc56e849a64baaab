extension FloatFormat {
    /// a × b, correctly rounded, with its flags (IEEE 754 §5.4.1): the
    /// product of two significands of up to 64 bits is exact in 128 bits.
    ///
    /// ```swift
    /// let e4m3 = FloatFormat.float8_e4m3fn
    /// e4m3.multiply(0x40, 0x44).code   // 0x4C: 2 × 3 = 6
    /// e4m3.multiply(0x01, 0x01).code   // 0x00, flags "ux": 2^-9 × 2^-9 underflows to +0
    /// ```
    public func multiply(_ a: UInt64, _ b: UInt64, options: ArithmeticOptions = .default, random: UInt64 = 0) -> RoundedResult {
        let r = options.rounding
        let x = operand(a, options: r), y = operand(b, options: r)
        if x.isNaN || y.isNaN { return operationNaN([a, b], options: options) }
        let negative = x.isNegative != y.isNegative
        switch (x, y) {
        case (.infinity, .zero), (.zero, .infinity):
            return invalidResult()
        case (.infinity, _), (_, .infinity):
            return infinityResult(negative: negative, options: r)
        case (.zero, _), (_, .zero):
            return zeroResult(negative: negative)
        case (.finite(_, let s, let e), .finite(_, let t, let f)):
            return roundSignificand(negative: negative, UInt128(s) * UInt128(t), exponent: e + f, sticky: false,
                                    options: r, random: random)
        default:
            preconditionFailure("NaNs are handled first")
        }
    }
}
