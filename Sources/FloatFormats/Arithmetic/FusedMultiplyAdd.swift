extension FloatFormat {
    /// a × b + c with one rounding, with its flags (IEEE 754 §5.4.1): the
    /// product is exact in 128 bits and `ExactSum` adds c to it.
    ///
    /// ∞ × 0 is invalid even when c is a quiet NaN (as SoftFloat and x86
    /// FMA do; IEEE 754 leaves it to the implementation); the result is then
    /// the propagated NaN. An exact zero sum of opposite-signed terms is +0
    /// (−0 when rounding down); 0 × b + 0 keeps the sign both terms share.
    ///
    /// ```swift
    /// let e4m3 = FloatFormat.float8_e4m3fn
    /// e4m3.fusedMultiplyAdd(0x40, 0x44, 0xB8).code   // 0x4A: 2 × 3 − 1 = 5
    /// // 1.125 × 1.125 − 1.25 = 0.015625 exactly; multiplying first would round 1.265625 to 1.25 and give 0.
    /// e4m3.fusedMultiplyAdd(0x39, 0x39, 0xBA).code   // 0x08: 2^-6
    /// ```
    public func fusedMultiplyAdd(_ a: UInt64, _ b: UInt64, _ c: UInt64, options: ArithmeticOptions = .default,
                                 random: UInt64 = 0) -> RoundedResult {
        let r = options.rounding
        let x = operand(a, options: r), y = operand(b, options: r), z = operand(c, options: r)
        let invalidProduct: Bool
        switch (x, y) {
        case (.infinity, .zero), (.zero, .infinity): invalidProduct = true
        default: invalidProduct = false
        }
        if x.isNaN || y.isNaN || z.isNaN {
            let nan = operationNaN([a, b, c], options: options)
            return invalidProduct ? RoundedResult(code: nan.code, flags: nan.flags.union(.invalid)) : nan
        }
        if invalidProduct { return invalidResult() }
        let np = x.isNegative != y.isNegative
        // The product: infinite, zero, or exact.
        switch (x, y, z) {
        case (.infinity, _, .infinity(let nc)), (_, .infinity, .infinity(let nc)):
            return np == nc ? infinityResult(negative: np, options: r) : invalidResult()
        case (.infinity, _, _), (_, .infinity, _):
            return infinityResult(negative: np, options: r)
        case (_, _, .infinity(let nc)):
            return infinityResult(negative: nc, options: r)
        case (.zero, _, .zero(let nc)), (_, .zero, .zero(let nc)):
            return np == nc ? zeroResult(negative: np) : cancellationZero(options: r)
        case (.zero, _, .finite(let nc, let t, let f)), (_, .zero, .finite(let nc, let t, let f)):
            return roundSignificand(negative: nc, t, exponent: f, sticky: false, options: r, random: random)
        case (.finite(_, let s, let e), .finite(_, let t, let f), .zero):
            return roundSignificand(negative: np, UInt128(s) * UInt128(t), exponent: e + f, sticky: false, options: r, random: random)
        case (.finite(_, let s, let e), .finite(_, let t, let f), .finite(let nc, let u, let g)):
            let product = UInt128(s) * UInt128(t)
            precondition(product >> 126 == 0, "significands of at most 63 bits")
            guard let sum = ExactSum.add(np, product, e + f, nc, UInt128(u), g) else { return cancellationZero(options: r) }
            return roundSignificand(negative: sum.negative, sum.significand, exponent: sum.exponent, sticky: sum.sticky,
                                    options: r, random: random)
        default:
            preconditionFailure("NaNs are handled first")
        }
    }
}
