/// The one rounding step every conversion (and, later, every arithmetic
/// operation) goes through: a sign, a wide significand, an exponent and a
/// sticky bit in; an encoding and IEEE exception flags out. SoftFloat calls it
/// round-and-pack. Only integer arithmetic is used.
extension FloatFormat {
    /// Rounds a value into the format.
    ///
    /// ```swift
    /// let e4m3 = FloatFormat.float8_e4m3fn
    /// e4m3.round(SourceValue(Dyadic(significand: 464, exponent: 0))).code    // 0x7E: 464 is a tie, 448 is even
    /// e4m3.round(SourceValue(Dyadic(significand: 465, exponent: 0))).code    // 0x7F: NaN, flags "ox"
    /// ```
    ///
    /// `random` is the random integer of stochastic rounding (its low `bits` bits
    /// are used); other modes ignore it.
    public func round(_ value: SourceValue, options: RoundingOptions = .default, random: UInt64 = 0) -> RoundedResult {
        switch value {
        case .nan(let negative, let payload, let signaling):
            return nanResult(negative: negative, payload: payload, signaling: signaling, options: options)
        case .infinity(let negative):
            return infinityResult(negative: negative, options: options)
        case .zero(let negative):
            return zeroResult(negative: negative)
        case .finite(let negative, let significand, let exponent, let sticky):
            if significand == 0 {
                precondition(!sticky, "a sticky value needs its leading bits")
                return zeroResult(negative: negative)
            }
            return roundFinite(negative: negative, significand: significand, exponent: exponent,
                               sticky: sticky, options: options, random: random)
        }
    }

    /// Round-and-pack for the operations of the package: ±`significand` ×
    /// 2^`exponent`, with `sticky` set when something non-zero lies below
    /// the significand's last bit, rounded into the format and packed into
    /// an encoding with its flags. A zero significand gives the signed zero.
    /// A sticky value must carry at least precision + 2 bits.
    ///
    /// ```swift
    /// // 465 = 0b1_1101_0001 into float8_e4m3fn: past 448, so NaN with overflow.
    /// FloatFormat.float8_e4m3fn.roundAndPack(negative: false, significand: UInt64(465), exponent: 0, sticky: false).code   // 0x7F
    /// // 0b1001 × 2^-3 + a bit below = 1.125 + ε: 1.125 to the nearest in e4m3.
    /// FloatFormat.float8_e4m3fn.roundAndPack(negative: false, significand: UInt64(0b1001_0), exponent: -4, sticky: true).flags   // .inexact
    /// ```
    package func roundAndPack<T: FixedWidthInteger & UnsignedInteger>(
        negative: Bool, significand: T, exponent: Int, sticky: Bool,
        options: RoundingOptions = .default, random: UInt64 = 0
    ) -> RoundedResult {
        if significand == 0 {
            precondition(!sticky, "a sticky value needs its leading bits")
            return zeroResult(negative: negative)
        }
        return roundSignificand(negative: negative, significand, exponent: exponent, sticky: sticky,
                                options: options, random: random)
    }

    // MARK: Special inputs

    /// NaN in: the format's NaN (sign and IEEE payload kept unless canonical);
    /// a format without NaN gives +0 and raises invalid.
    func nanResult(negative: Bool, payload: UInt64, signaling: Bool, options: RoundingOptions) -> RoundedResult {
        var flags: ExceptionFlags = signaling ? .invalid : ExceptionFlags()
        guard let canonical = canonicalNaN else {
            flags.insert(.invalid)
            return RoundedResult(code: 0, flags: flags)
        }
        switch options.nan {
        case .keep: return RoundedResult(code: nanEncoding(negative: negative, payload: payload), flags: flags)
        case .sign: return RoundedResult(code: signedNaN(negative: negative), flags: flags)
        case .canonical: return RoundedResult(code: canonical, flags: flags)
        }
    }

    /// ±Inf in: kept where the format has infinities (unless `saturate-all`),
    /// else NaN under `ieee` where the format has NaN, else ±max. −Inf into an
    /// unsigned format is NaN. Raises invalid whenever the result is not an infinity.
    func infinityResult(negative: Bool, options: RoundingOptions) -> RoundedResult {
        if negative && !isSigned { return invalidResult() }
        if hasInfinity && options.overflow != .saturateAll {
            return RoundedResult(code: negative ? negativeInfinity! : positiveInfinity!, flags: ExceptionFlags())
        }
        if options.overflow == .ieee, let nan = nanCode(negative: negative, options: options) {
            return RoundedResult(code: nan, flags: .invalid)
        }
        return RoundedResult(code: maxFiniteCode(negative: negative), flags: .invalid)
    }

    /// ±0 in: the zero of that sign, +0 where there is no −0; a format with no
    /// zero (E8M0) gives NaN and raises invalid.
    @inline(always)
    func zeroResult(negative: Bool) -> RoundedResult {
        guard hasZero else { return invalidResult() }
        return RoundedResult(code: negative && hasNegativeZero ? signMask : 0, flags: ExceptionFlags())
    }

    /// The NaN that stands for a value of this sign the format cannot hold (an
    /// infinity, an overflow): signed where the format's NaNs carry a sign
    /// (OCP E4M3: 0x7F or 0xFF, as ml_dtypes), unless NaNs are canonical.
    @inline(always)
    func nanCode(negative: Bool, options: RoundingOptions) -> UInt64? {
        guard let canonical = canonicalNaN else { return nil }
        guard options.nan != .canonical else { return canonical }
        return signedNaN(negative: negative)
    }

    /// NaN with invalid; +0 with invalid where the format has no NaN.
    func invalidResult() -> RoundedResult {
        RoundedResult(code: canonicalNaN ?? 0, flags: .invalid)
    }

    // MARK: Finite inputs

    /// A finite non-zero value: rounded in 64-bit arithmetic when the
    /// significand fits, which is every conversion from a format of up to 64
    /// bits, else in 128 bits; one implementation, generic in the width.
    @inline(always)
    private func roundFinite(negative: Bool, significand sig: UInt128, exponent: Int, sticky: Bool,
                             options: RoundingOptions, random: UInt64) -> RoundedResult {
        if sig >> 64 == 0 {
            return roundSignificand(negative: negative, UInt64(truncatingIfNeeded: sig), exponent: exponent,
                                    sticky: sticky, options: options, random: random)
        }
        return roundSignificand(negative: negative, sig, exponent: exponent, sticky: sticky,
                                options: options, random: random)
    }

    /// ⌊sig / 2^shift⌋ (sticky below it) rounded by the mode; a left shift for shift ≤ 0.
    /// (Also roundToIntegral's rounding of a significand to an integer.)
    @inline(always)
    static func roundedSignificand<T: FixedWidthInteger & UnsignedInteger>(
        _ sig: T, shift: Int, sticky: Bool, negative: Bool, mode: RoundingMode, random: UInt64
    ) -> (q: T, inexact: Bool) {
        let width = T.bitWidth
        var q: T, roundBit: Bool, rest: Bool
        var discarded: T = 0    // the discarded bits, for stochastic rounding
        if shift <= 0 {
            precondition(!sticky, "a sticky value needs bits below the target precision")
            return (sig &<< -shift, false)
        } else if shift < width {
            q = sig &>> shift
            discarded = sig & ((1 &<< shift) &- 1)
            let aligned = sig &<< (width - shift)     // the discarded bits at the top
            roundBit = aligned &>> (width - 1) == 1
            rest = aligned &<< 1 != 0 || sticky
        } else {
            q = 0
            discarded = sig
            roundBit = shift == width && sig &>> (width - 1) == 1
            rest = (shift == width ? sig & (T.max &>> 1) != 0 : true) || sticky
        }
        let inexact = roundBit || rest
        guard inexact else { return (q, false) }
        let increment: Bool
        switch mode {
        case .nearestEven: increment = roundBit && (rest || q & 1 == 1)
        case .nearestAway: increment = roundBit
        case .towardZero: increment = false
        case .up: increment = !negative
        case .down: increment = negative
        case .odd: return (q | 1, true)
        case .stochastic(let bits):
            increment = stochasticIncrement(UInt128(discarded), shift: shift, bits: bits, random: random)
        }
        return (increment ? q &+ 1 : q, true)    // q < 2^(width − shift)
    }

    /// Whether stochastic rounding rounds away: the top `bits` bits of the
    /// discarded fraction plus the random integer reach 2^bits (in 128 bits).
    private static func stochasticIncrement(_ discarded: UInt128, shift: Int, bits: Int, random: UInt64) -> Bool {
        let top: UInt128
        if shift >= bits {
            let s = shift - bits
            top = s >= 128 ? 0 : discarded >> UInt128(s)
        } else {
            top = discarded << UInt128(bits - shift)
        }
        let r = UInt128(random & ((UInt64(1) << UInt64(bits)) - 1))
        return top + r >= UInt128(1) << UInt128(bits)
    }

    /// ±sig × 2^exponent (sticky below it) rounded and packed; `sig` ≠ 0. Batch
    /// loops over formats of up to 64 bits call it directly with 64-bit
    /// significands.
    @inline(always)
    func roundSignificand<T: FixedWidthInteger & UnsignedInteger>(
        negative: Bool, _ sig: T, exponent: Int, sticky: Bool, options: RoundingOptions, random: UInt64
    ) -> RoundedResult {
        if negative && !isSigned { return invalidResult() }
        let m = fractionBits
        let sign: UInt64 = negative ? signMask : 0
        // Exponents stay far inside Int: the arithmetic below wraps without checks.
        let b = exponent &+ (T.bitWidth &- 1 &- sig.leadingZeroBitCount)      // ⌊log2 |x|⌋
        let mode = options.mode

        if b > emax { return overflowResult(negative: negative, options: options, beyondTop: true) }

        if b < emin && !hasSubnormals {
            // No subnormals and no zero (E8M0): the smallest value is the nearest there is.
            return RoundedResult(code: sign, flags: ExceptionFlags.underflow.union(.inexact))
        }

        let tinyBefore = b < emin
        let lsb = tinyBefore ? emin &- m : b &- m
        let (q, inexact) = Self.roundedSignificand(sig, shift: lsb &- exponent, sticky: sticky, negative: negative,
                                                   mode: mode, random: random)
        var flags: ExceptionFlags = inexact ? .inexact : ExceptionFlags()

        if tinyBefore {
            // q ∈ [0, 2^M]; 2^M is the smallest normal, which the packing carries into.
            let tiny: Bool
            switch options.tininess {
            case .beforeRounding:
                tiny = true
            case .afterRounding:
                if b < emin - 1 {
                    tiny = true
                } else {
                    // Rounded to full precision with an unbounded exponent, does it reach 2^emin?
                    let (qu, _) = Self.roundedSignificand(sig, shift: b - m - exponent, sticky: sticky,
                                                          negative: negative, mode: mode, random: random)
                    tiny = qu >> (m + 1) == 0
                }
            }
            if tiny && inexact { flags.formUnion(.underflow) }
            if options.flushSubnormalOutputs && q != 0 && q >> m == 0 {
                return RoundedResult(code: negative && hasNegativeZero ? signMask : 0, flags: ExceptionFlags.underflow.union(.inexact))
            }
            if q == 0 {
                return RoundedResult(code: negative && hasNegativeZero ? signMask : 0, flags: flags)
            }
            return RoundedResult(code: UInt64(truncatingIfNeeded: q) | sign, flags: flags)
        }

        // Normal: q ∈ [2^M, 2^(M+1)]; adding q − 2^M ≤ 2^M to the exponent
        // field carries a full significand up (out of 64 bits only past the top).
        let fraction = UInt64(truncatingIfNeeded: q &- (1 &<< m))
        let field = UInt64(truncatingIfNeeded: b &+ bias)      // ≥ 1
        let (magnitude, carry) = (field &<< UInt64(m)).addingReportingOverflow(fraction)
        if carry || magnitude > largestFiniteMagnitude {
            return overflowResult(negative: negative, options: options, beyondTop: false)
        }
        return RoundedResult(code: magnitude | sign, flags: flags)
    }

    /// The result of a finite overflow: ±max or the IEEE infinity for the mode.
    @inline(always)
    private func overflowResult(negative: Bool, options: RoundingOptions, beyondTop: Bool) -> RoundedResult {
        let flags = ExceptionFlags.overflow.union(.inexact)
        let max = maxFiniteCode(negative: negative)
        guard options.overflow == .ieee else { return RoundedResult(code: max, flags: flags) }
        let toInfinity: Bool
        switch options.mode {
        case .nearestEven, .nearestAway, .stochastic: toInfinity = true
        case .towardZero, .odd: toInfinity = false
        case .up: toInfinity = !negative
        case .down: toInfinity = negative
        }
        guard toInfinity else { return RoundedResult(code: max, flags: flags) }
        if hasInfinity { return RoundedResult(code: negative ? negativeInfinity! : positiveInfinity!, flags: flags) }
        if let nan = nanCode(negative: negative, options: options) { return RoundedResult(code: nan, flags: flags) }
        return RoundedResult(code: max, flags: flags)
    }
}
