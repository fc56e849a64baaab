/// Moving between adjacent encodings: next up, next down, the ulp of an encoding.
extension FloatFormat {
    /// The encoding of the next larger value (IEEE `nextUp`), or `nil` when there
    /// is none (+Inf, NaN, or the maximum of a format without +Inf).
    ///
    /// −0 and +0 both step to the smallest positive value, and the negative value
    /// nearest zero steps to −0 where the format has it, else to +0.
    public func nextUp(_ code: UInt64) throws(EncodingError) -> UInt64? {
        try validate(code: code)
        if isNaN(code) { return nil }
        let magnitude = code & magnitudeMask
        let negative = code & signMask != 0
        if isInfinite(code) {
            return negative ? maxFiniteCode(negative: true) : nil
        }
        if !negative {
            return magnitude == largestFiniteMagnitude ? positiveInfinity : code + 1
        }
        if magnitude == 0 { return hasZero ? 1 : 0 }           // −0 → smallest positive
        if magnitude == 1 && hasZero { return hasNegativeZero ? signMask : 0 }
        return code - 1
    }

    /// The encoding of the next smaller value (IEEE `nextDown`), or `nil` when there
    /// is none (−Inf, NaN, or the minimum of a format without −Inf).
    public func nextDown(_ code: UInt64) throws(EncodingError) -> UInt64? {
        try validate(code: code)
        if isNaN(code) { return nil }
        let magnitude = code & magnitudeMask
        let negative = code & signMask != 0
        if isInfinite(code) {
            return negative ? nil : largestFiniteMagnitude
        }
        if negative {
            if magnitude == 0 { return signMask | 1 }          // −0 → −smallest positive
            return magnitude == largestFiniteMagnitude ? negativeInfinity : code + 1
        }
        if magnitude == 0 {
            guard isSigned else { return nil }
            return hasZero ? signMask | 1 : signMask
        }
        return code - 1
    }

    /// The ulp of a finite encoding: the spacing of the binade it lies in.
    public func ulp(ofEncoding code: UInt64) throws(EncodingError) -> Dyadic? {
        guard let v = try decode(code).value else { return nil }
        return ulp(at: v)
    }
}

extension FloatFormat {
    /// The distance between two encodings in steps of the format: adjacent
    /// values are 1 apart, −0 and +0 are 0 apart, the largest finite value
    /// and +∞ are 1 apart; nil when either is NaN.
    ///
    /// ```swift
    /// FloatFormat.float8_e4m3fn.ulpDistance(0x38, 0x3A)   // Optional(2): 1 and 1.25
    /// FloatFormat.float8_e4m3fn.ulpDistance(0x01, 0x81)   // Optional(2): 2^-9 and -2^-9
    /// ```
    public func ulpDistance(_ a: UInt64, _ b: UInt64) -> UInt64? {
        guard !isNaN(a), !isNaN(b) else { return nil }
        func key(_ c: UInt64) -> Int64 {
            let m = Int64(truncatingIfNeeded: c & magnitudeMask)
            return isSigned && c & signMask != 0 ? -m : m
        }
        let (x, y) = (key(a), key(b))
        return x > y ? UInt64(x - y) : UInt64(y - x)
    }
}
