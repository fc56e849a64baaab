extension FloatFormat {
    /// a + b, correctly rounded, with its flags (IEEE 754 §5.4.1).
    ///
    /// ```swift
    /// let e4m3 = FloatFormat.float8_e4m3fn
    /// e4m3.add(0x38, 0x38).code              // 0x40: 1 + 1 = 2
    /// e4m3.add(0x7E, 0x7E).code              // 0x7F: 448 + 448 overflows to NaN (no infinity)
    /// e4m3.add(0x38, 0xB8).code              // 0x00: 1 − 1 = +0
    /// e4m3.add(0x38, 0xB8, options: ArithmeticOptions(rounding: RoundingOptions(mode: .down))).code   // 0x80: −0 when rounding down
    /// ```
    public func add(_ a: UInt64, _ b: UInt64, options: ArithmeticOptions = .default, random: UInt64 = 0) -> RoundedResult {
        sum(a, b, negateB: false, options: options, random: random)
    }

    /// a − b, correctly rounded, with its flags: a + (−b).
    public func subtract(_ a: UInt64, _ b: UInt64, options: ArithmeticOptions = .default, random: UInt64 = 0) -> RoundedResult {
        sum(a, b, negateB: true, options: options, random: random)
    }

    private func sum(_ a: UInt64, _ b: UInt64, negateB: Bool, options: ArithmeticOptions, random: UInt64) -> RoundedResult {
        let r = options.rounding
        let x = operand(a, options: r), y = operand(b, options: r)
        if x.isNaN || y.isNaN { return operationNaN([a, b], options: options) }
        let nb = y.isNegative != negateB
        switch (x, y) {
        case (.infinity(let n), .infinity):
            return n == nb ? infinityResult(negative: n, options: r) : invalidResult()
        case (.infinity(let n), _):
            return infinityResult(negative: n, options: r)
        case (_, .infinity):
            return infinityResult(negative: nb, options: r)
        case (.zero(let n), .zero):
            return n == nb ? zeroResult(negative: n) : cancellationZero(options: r)
        case (.zero, .finite(_, let s, let e)):
            return roundSignificand(negative: nb, s, exponent: e, sticky: false, options: r, random: random)
        case (.finite(let n, let s, let e), .zero):
            return roundSignificand(negative: n, s, exponent: e, sticky: false, options: r, random: random)
        case (.finite(let n, let s, let e), .finite(_, let t, let f)):
            guard let z = ExactSum.add(n, UInt128(s), e, nb, UInt128(t), f) else { return cancellationZero(options: r) }
            return roundSignificand(negative: z.negative, z.significand, exponent: z.exponent, sticky: z.sticky,
                                    options: r, random: random)
        default:
            preconditionFailure("NaNs are handled first")
        }
    }
}
