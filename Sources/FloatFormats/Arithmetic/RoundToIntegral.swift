extension FloatFormat {
    /// a rounded to an integral value of the format by the mode (IEEE 754
    /// §5.3.1 roundToIntegral; stochastic rounding between the two
    /// neighbouring integers). Raises inexact only with `signalInexact`
    /// (roundToIntegralExact); never underflow or overflow: an integer the
    /// format holds is the result.
    ///
    /// ```swift
    /// let e4m3 = FloatFormat.float8_e4m3fn
    /// e4m3.roundToIntegral(0x42).code   // 0x40: 2.5 → 2 (nearest even)
    /// e4m3.roundToIntegral(0x42, options: ArithmeticOptions(rounding: RoundingOptions(mode: .up))).code   // 0x44: 3
    /// e4m3.roundToIntegral(0xB0).code   // 0x80: −0.5 → −0
    /// ```
    public func roundToIntegral(_ a: UInt64, options: ArithmeticOptions = .default, signalInexact: Bool = false,
                                random: UInt64 = 0) -> RoundedResult {
        let r = options.rounding
        switch operand(a, options: r) {
        case .nan: return operationNaN([a], options: options)
        case .infinity(let negative): return infinityResult(negative: negative, options: r)
        case .zero(let negative): return zeroResult(negative: negative)
        case .finite(let negative, let s, let e):
            if e >= 0 { return roundSignificand(negative: negative, s, exponent: e, sticky: false, options: r, random: random) }
            let (q, inexact) = Self.integralMagnitude(s, e, negative: negative, mode: r.mode, random: random)
            let flags: ExceptionFlags = inexact && signalInexact ? .inexact : ExceptionFlags()
            if q == 0 { return RoundedResult(code: zeroResult(negative: negative).code, flags: flags) }
            let value = roundSignificand(negative: negative, q, exponent: 0, sticky: false, options: r, random: 0)
            return RoundedResult(code: value.code, flags: value.flags.union(flags))
        }
    }

    /// |x| = s · 2^e with e < 0 rounded to an integer by the mode (magnitudes, as round-and-pack rounds
    /// them), and whether that was inexact.
    @inline(__always)
    static func integralMagnitude(_ s: UInt64, _ e: Int, negative: Bool, mode: RoundingMode, random: UInt64) -> (UInt64, Bool) {
        // Round-and-pack's own rounding of ⌊s / 2^−e⌋ (shifts of 64 or more leave 0 and the sticky bits).
        let (q, inexact) = roundedSignificand(s, shift: -e, sticky: false, negative: negative, mode: mode, random: random)
        return (q, inexact)
    }
}
