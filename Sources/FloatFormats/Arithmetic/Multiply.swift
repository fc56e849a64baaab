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
        return roundProduct(x, y, options: r, random: random)
    }

    /// The product of two encodings of `source`, rounded once into this
    /// format: what a tensor core's multiplier hands its accumulator (fp8 or
    /// bfloat16 operands, a float32 accumulator). Exact when this format holds
    /// the 2p-bit product; never two roundings when it does not. A NaN operand
    /// gives this format's NaN for the first of them, as a conversion would.
    ///
    /// ```swift
    /// // 448 × 448 = 200704 from e4m3fn operands: exact in float32.
    /// FloatFormat.float32.multiply(0x7E, 0x7E, from: .float8_e4m3fn).code   // 0x4844_0000
    /// ```
    public func multiply(_ a: UInt64, _ b: UInt64, from source: FloatFormat, options: ArithmeticOptions = .default,
                         random: UInt64 = 0) -> RoundedResult {
        if source == self { return multiply(a, b, options: options, random: random) }
        let r = options.rounding
        let x = source.operand(a, options: r), y = source.operand(b, options: r)
        if x.isNaN || y.isNaN {
            return round(source.sourceValue(of: (x.isNaN ? a : b) & source.encodingMask), options: r)
        }
        return roundProduct(x, y, options: r, random: random)
    }

    private func roundProduct(_ x: Operand, _ y: Operand, options r: RoundingOptions, random: UInt64) -> RoundedResult {
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
