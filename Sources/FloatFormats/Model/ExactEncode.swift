/// Encoding a value that the format holds exactly (no rounding involved).
extension FloatFormat {
    /// The encoding of `value` when the format represents it exactly, else `nil`.
    ///
    /// Zero of either sign maps to the format's zero of that sign, or to +0 where
    /// the format has no −0.
    ///
    /// ```swift
    /// FloatFormat.float8_e4m3fn.exactCode(of: Dyadic(significand: 7, exponent: 6))  // 0x7E (448)
    /// FloatFormat.float8_e4m3fn.exactCode(of: Dyadic(significand: 1, exponent: -10)) // nil
    /// ```
    public func exactCode(of value: Dyadic) -> UInt64? {
        let negative = value.isNegative
        let sign: UInt64 = negative ? signMask : 0
        if value.isZero {
            guard hasZero else { return nil }
            return hasNegativeZero ? sign : 0
        }
        if negative && !isSigned { return nil }
        let m = fractionBits
        let b = value.binade!
        guard b <= emax else { return nil }
        if b >= emin {
            // Normal: value = (2^M + f) × 2^(b − M).
            let shift = value.exponent - (b - m)
            guard shift >= 0 else { return nil }
            let full = value.significand << UInt64(shift)
            let field = UInt64(b + bias)
            let magnitude = (field << UInt64(m)) | (full & fractionMask)
            guard magnitude <= largestFiniteMagnitude else { return nil }
            return magnitude | sign
        }
        guard hasSubnormals else { return nil }
        // Subnormal: value = f × 2^(emin − M).
        let shift = value.exponent - (emin - m)
        guard shift >= 0 else { return nil }
        return (value.significand << UInt64(shift)) | sign
    }
}
