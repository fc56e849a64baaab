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
        case .infinity(let negative): return infiniteResult(negative: negative, options: r)
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
        if -e >= 64 {
            return roundedInteger(0, fractionTop: false, rest: true, negative: negative, mode: mode, random: random,
                                  discarded: UInt128(s), shift: -e)
        }
        let lost = s & ((1 << UInt64(-e)) - 1)
        return roundedInteger(s >> UInt64(-e), fractionTop: lost >> UInt64(-e - 1) & 1 == 1,
                              rest: lost & ((1 << UInt64(-e - 1)) - 1) != 0, negative: negative,
                              mode: mode, random: random, discarded: UInt128(lost), shift: -e)
    }

    /// An integer part q with the first discarded bit and whether any other is set, rounded by the mode.
    private static func roundedInteger(_ q: UInt64, fractionTop: Bool, rest: Bool, negative: Bool, mode: RoundingMode,
                                       random: UInt64, discarded: UInt128, shift: Int) -> (UInt64, Bool) {
        let inexact = fractionTop || rest
        guard inexact else { return (q, false) }
        let up: Bool
        switch mode {
        case .nearestEven: up = fractionTop && (rest || q & 1 == 1)
        case .nearestAway: up = fractionTop
        case .towardZero: up = false
        case .up: up = !negative
        case .down: up = negative
        case .odd: return (q | 1, true)
        case .stochastic(let bits):
            // The top `bits` bits of the fraction plus the random integer reach 1.
            let top = shift >= bits ? (shift - bits >= 128 ? 0 : discarded >> UInt128(shift - bits)) : discarded << UInt128(bits - shift)
            up = top + UInt128(random & ((1 << UInt64(bits)) - 1)) >= UInt128(1) << UInt128(bits)
        }
        return (up ? q + 1 : q, true)
    }
}
