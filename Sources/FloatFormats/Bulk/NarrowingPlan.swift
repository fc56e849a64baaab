/// The per-format constants of the fast path from a wide IEEE source (float32,
/// float64) into a narrower format, hoisted out of the loop. The fast path
/// handles source values whose result is a normal or subnormal number, an
/// overflow, a zero, an infinity, or (into unsigned formats) a negative input;
/// NaNs, values below the smallest normal of a format without subnormals (E8M0)
/// and values more than ~60 bits below the smallest subnormal go to the
/// bit-level core, so results are the core's, bit for bit.
@usableFromInline struct NarrowingPlan: Sendable {
    @usableFromInline let srcSign: UInt64
    @usableFromInline let srcMagnitude: UInt64
    @usableFromInline let srcFraction: UInt64     // fraction bits of the source
    @usableFromInline let srcFractionMask: UInt64
    @usableFromInline let srcInfinity: UInt64      // magnitude bits of +Inf
    @usableFromInline let minNormal: UInt64        // source magnitude bits of the target's 2^emin
    @usableFromInline let rebias: UInt64           // (srcBias − targetBias) << srcFraction, wrapping
    @usableFromInline let shift: UInt64            // srcFraction − targetFraction
    @usableFromInline let remMask: UInt64
    @usableFromInline let subnormalShiftBase: Int  // shift of a subnormal result = base − exponent field
    @usableFromInline let maxMagnitude: UInt64
    @usableFromInline let minNormalCode: UInt64
    @usableFromInline let targetSign: UInt64
    @usableFromInline let flushInputs: Bool
    @usableFromInline let flushOutputs: Bool
    /// Results for the rare classes, by sign (index 0 positive, 1 negative).
    @usableFromInline let overflowCode: (UInt64, UInt64)
    @usableFromInline let zeroCode: (UInt64, UInt64)
    @usableFromInline let infinityCode: (UInt64, UInt64)
    /// What a negative non-zero value becomes in an unsigned target (NaN).
    @usableFromInline let negativeCode: UInt64
    @usableFromInline let targetHasSubnormals: Bool
    /// With no fraction bits (E8M0), the kept integer of the normal path is the
    /// exponent field, but the core's significand is always 1, which is odd: the
    /// parity the rounding sees must be forced odd.
    @usableFromInline let noFraction: Bool
    @usableFromInline let targetIsSigned: Bool

    /// Nil when the pair is outside what the fast path handles.
    init?(source: FloatFormat, target: FloatFormat, options: RoundingOptions) {
        guard source.specials == .ieee, source.isSigned, source.hasSubnormals,
              target.fractionBits < source.fractionBits,
              target.emin + source.bias >= (target.hasSubnormals ? 1 : 0) else { return nil }
        srcSign = source.signMask
        srcMagnitude = source.magnitudeMask
        srcFraction = UInt64(source.fractionBits)
        srcFractionMask = source.fractionMask
        srcInfinity = source.positiveInfinity!
        // The normal path needs a normal source value and a normal result.
        minNormal = UInt64(max(target.emin + source.bias, 1)) << UInt64(source.fractionBits)
        targetHasSubnormals = target.hasSubnormals
        targetIsSigned = target.isSigned
        noFraction = target.fractionBits == 0
        rebias = UInt64(bitPattern: Int64(source.bias - target.bias) << Int64(source.fractionBits))
        shift = UInt64(source.fractionBits - target.fractionBits)
        remMask = (UInt64(1) << shift) - 1
        subnormalShiftBase = target.emin - target.fractionBits + source.bias + source.fractionBits
        maxMagnitude = target.largestFiniteMagnitude
        minNormalCode = UInt64(1) << UInt64(target.fractionBits)
        targetSign = target.signMask
        flushInputs = options.flushSubnormalInputs
        flushOutputs = options.flushSubnormalOutputs
        // The rare results come from the core itself, once.
        let huge = Dyadic.powerOfTwo(target.emax + 4)
        overflowCode = (target.round(huge, options: options).code, target.round(huge.negated, options: options).code)
        zeroCode = (target.round(.zero(negative: false), options: options).code, target.round(.zero(negative: true), options: options).code)
        infinityCode = (target.round(.infinity(negative: false), options: options).code,
                        target.round(.infinity(negative: true), options: options).code)
        negativeCode = target.round(Dyadic.powerOfTwo(0, negative: true), options: options).code
    }

    /// One element, or nil when it needs the core.
    @inlinable @inline(__always)
    func convert<R: RoundingRule>(_ u: UInt64, index: UInt64, rule: R) -> UInt64? {
        let negative = u & srcSign != 0
        let a = u & srcMagnitude
        if negative && !targetIsSigned {
            if a == 0 || (flushInputs && a &>> srcFraction == 0) { return zeroCode.1 }
            return a > srcInfinity ? nil : negativeCode
        }
        if a >= minNormal {
            if a >= srcInfinity {
                return a == srcInfinity ? (negative ? infinityCode.1 : infinityCode.0) : nil
            }
            let t = a &- rebias
            var code: UInt64
            if noFraction {
                let lsb = UInt64(1) &<< shift
                code = rule.round(t | lsb, shift: shift, negative: negative, index: index) &- (t & lsb == 0 ? 1 : 0)
            } else {
                code = rule.round(t, shift: shift, negative: negative, index: index)
            }
            if code > maxMagnitude { return negative ? overflowCode.1 : overflowCode.0 }
            return negative ? code | targetSign : code
        }
        if a == 0 { return negative ? zeroCode.1 : zeroCode.0 }
        guard targetHasSubnormals else { return nil }
        let field = a &>> srcFraction
        let significand: UInt64, exponent: Int
        if field == 0 {
            if flushInputs { return negative ? zeroCode.1 : zeroCode.0 }
            significand = a
            exponent = 1
        } else {
            significand = (a & srcFractionMask) | (srcFractionMask &+ 1)
            exponent = Int(field)
        }
        let s = subnormalShiftBase - exponent
        guard s < 63 else { return nil }
        let sh = UInt64(s)
        var code = rule.round(significand, shift: sh, negative: negative, index: index)
        if flushOutputs && code < minNormalCode { code = 0 }
        if code == 0 { return negative ? zeroCode.1 : zeroCode.0 }
        return negative ? code | targetSign : code
    }
}
