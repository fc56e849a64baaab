extension FloatFormat {
    /// SoftFloat's `normSubnormalSig`: the fraction field of a subnormal
    /// encoding (non-zero) moved up until its leading 1 is the hidden bit,
    /// and the exponent field that keeps the value: the result
    /// `significand × 2^(exponent − bias − M)` with significand in
    /// [2^M, 2^(M+1)) equals the subnormal `fraction × 2^(1 − bias − M)`.
    /// The exponent is 0 or below: subnormals lie under the smallest normal.
    ///
    /// ```swift
    /// // float8_e4m3fn 0x01 = 2^-9: the fraction 1 moved up 3 places.
    /// let n = FloatFormat.float8_e4m3fn.normalizeSubnormal(fraction: 1)
    /// n.exponent      // -2: 2^(-2 − 7) = 2^-9 with significand 2^3
    /// n.significand   // 8
    /// ```
    @inlinable
    package func normalizeSubnormal(fraction: UInt64) -> (exponent: Int, significand: UInt64) {
        precondition(fraction != 0 && fraction >> UInt64(fractionBits) == 0, "not the fraction of a non-zero subnormal")
        let shift = fraction.leadingZeroBitCount - (63 - fractionBits)
        return (1 - shift, fraction << UInt64(shift))
    }
}
