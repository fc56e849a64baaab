extension FloatFormat {
    /// √a, correctly rounded, with its flags (IEEE 754 §5.4.1): √−0 = −0,
    /// the root of a negative number is invalid. The root is taken digit by
    /// digit to about 100 bits, the remainder as the sticky bit.
    ///
    /// ```swift
    /// let e4m3 = FloatFormat.float8_e4m3fn
    /// e4m3.squareRoot(0x48).code    // 0x40: √4 = 2
    /// e4m3.squareRoot(0x40).code    // 0x3B: √2 = 1.414… → 1.375
    /// e4m3.squareRoot(0xB8).flags   // .invalid: √−1
    /// ```
    public func squareRoot(_ a: UInt64, options: ArithmeticOptions = .default, random: UInt64 = 0) -> RoundedResult {
        let r = options.rounding
        switch operand(a, options: r) {
        case .nan:
            return operationNaN([a], options: options)
        case .zero(let negative):
            return zeroResult(negative: negative)
        case .infinity(let negative):
            return negative ? invalidResult() : infinityResult(negative: false, options: r)
        case .finite(let negative, let s, let e):
            if negative { return invalidResult() }
            let (root, exponent, sticky) = Self.root(s, e)
            return roundSignificand(negative: false, root, exponent: exponent, sticky: sticky, options: r, random: random)
        }
    }

    /// √(s · 2^e) as (root + δ) · 2^exponent with root of about 100 bits, δ > 0 exactly when sticky:
    /// the classic bit-by-bit method on s · 4^j (two bits of s, then zeros, per step).
    static func root(_ s: UInt64, _ e: Int) -> (UInt128, Int, Bool) {
        // An even exponent: √(s · 2^e) = √s · 2^(e/2).
        var s = UInt128(s), e = e
        if e & 1 != 0 { s <<= 1; e -= 1 }
        let pairs = (128 - s.leadingZeroBitCount + 1) / 2      // two-bit groups of s
        let extra = 100 - pairs                                  // zero groups after them: a root of 100 bits
        var root: UInt128 = 0, remainder: UInt128 = 0
        for k in stride(from: pairs - 1, through: -extra, by: -1) {
            let group = k >= 0 ? (s >> UInt128(2 * k)) & 3 : 0
            remainder = remainder << 2 | group
            let trial = root << 2 | 1
            if remainder >= trial {
                remainder -= trial
                root = root << 1 | 1
            } else {
                root <<= 1
            }
        }
        return (root, e / 2 - extra, remainder != 0)
    }
}
