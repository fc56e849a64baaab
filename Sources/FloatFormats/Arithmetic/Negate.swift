extension FloatFormat {
    /// −x: the sign bit flipped. Zero without a negative zero, and a NaN
    /// whose flipped pattern is not a NaN (FNUZ's 0x80), stay as they are;
    /// an unsigned format's encodings too.
    public func negate(_ code: UInt64) -> UInt64 {
        let c = code & encodingMask
        guard isSigned else { return c }
        let flipped = c ^ signMask
        if isNaN(c) && !isNaN(flipped) { return c }
        if c & ~signMask == 0 && !hasNegativeZero && !isNaN(c) { return c }
        return flipped
    }
}
