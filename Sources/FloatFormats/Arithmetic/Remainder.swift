extension FloatFormat {
    /// The IEEE remainder a − n·b, n the integer nearest a / b (ties to
    /// even), with its flags (IEEE 754 §5.3.1). It is always exact: the
    /// result is an encoding of the format, raising no flag unless an
    /// operand is a NaN, a is infinite or b is zero (invalid). A zero result
    /// has a's sign.
    ///
    /// ```swift
    /// let e4m3 = FloatFormat.float8_e4m3fn
    /// e4m3.remainder(0x4A, 0x40).code   // 0x38: 5 − 2·2 = 1 (5/2 = 2.5 rounds to 2)
    /// e4m3.remainder(0x4E, 0x40).code   // 0xB8: 7 − 4·2 = −1 (7/2 = 3.5 rounds to 4)
    /// ```
    public func remainder(_ a: UInt64, _ b: UInt64, options: ArithmeticOptions = .default) -> RoundedResult {
        let r = options.rounding
        let x = operand(a, options: r), y = operand(b, options: r)
        if x.isNaN || y.isNaN { return operationNaN([a, b], options: options) }
        switch (x, y) {
        case (.infinity, _), (_, .zero):
            return invalidResult()
        case (.zero(let n), _):
            return zeroResult(negative: n)
        case (.finite(let n, let s, let e), .infinity):
            return roundSignificand(negative: n, s, exponent: e, sticky: false, options: r, random: 0)
        case (.finite(let n, let s, let e), .finite(_, let t, let f)):
            let (rest, exponent, flip) = Self.nearestRemainder(s, e, t, f)
            if rest == 0 { return zeroResult(negative: n) }
            return roundSignificand(negative: n != flip, rest, exponent: exponent, sticky: false, options: r, random: 0)
        default:
            preconditionFailure("NaNs are handled first")
        }
    }

    /// |x| = s · 2^e, |y| = t · 2^f: the magnitude of x − n·y, n = round-half-even(x / y), as
    /// rest · 2^exponent, and whether it has the opposite sign of x.
    static func nearestRemainder(_ s: UInt64, _ e: Int, _ t: UInt64, _ f: Int) -> (UInt128, Int, Bool) {
        var rest: UInt128, unit: UInt128, odd: Bool
        if e >= f {
            // s · 2^(e−f) mod t by doubling, one bit of the quotient per step (at most emax − emin + p steps).
            let b = UInt128(t)
            rest = UInt128(s) % b
            odd = (UInt128(s) / b) & 1 == 1
            for _ in 0..<(e - f) {
                rest <<= 1
                odd = rest >= b
                if odd { rest -= b }
            }
            unit = b
        } else {
            // y is the coarser one: in units of 2^e, x / (t · 2^(f−e)).
            let shift = f - e
            guard shift < 64 else { return (UInt128(s), e, false) }   // |x| < |y| / 2: n = 0
            unit = UInt128(t) << UInt128(shift)
            let (q, r0) = UInt128(s).quotientAndRemainder(dividingBy: unit)
            rest = r0
            odd = q & 1 == 1
        }
        let exponent = Swift.min(e, f)
        // Nearest: past half of y, or exactly half with an odd quotient, the next multiple is nearer.
        let twice = rest << 1
        if twice > unit || (twice == unit && odd) { return (unit - rest, exponent, true) }
        return (rest, exponent, false)
    }
}
