/// Where each special-value policy puts its infinities and NaNs. Everything the
/// rest of the model knows about specials comes from here (SoftFloat keeps the
/// same kind of knowledge in its "specialize" unit).
extension FloatFormat {
    /// The magnitude code (sign bit clear) of the largest finite value.
    @inlinable public var largestFiniteMagnitude: UInt64 { derived.largestFiniteMagnitude }

    /// Whether the encoding is a NaN. The code must fit the format.
    @inlinable public func isNaN(_ code: UInt64) -> Bool {
        let magnitude = code & magnitudeMask
        switch specials {
        case .ieee:
            return magnitude >> UInt64(fractionBits) == maxExponentField && magnitude & fractionMask != 0
        case .finiteAllOnesNaN:
            return magnitude == magnitudeMask
        case .finite:
            return false
        case .unsignedZero:
            return code == signMask
        case .p3109:
            return isSigned ? code == signMask : code == encodingMask
        }
    }

    /// Whether the encoding is an infinity. The code must fit the format.
    @inlinable public func isInfinite(_ code: UInt64) -> Bool {
        let magnitude = code & magnitudeMask
        switch specials {
        case .ieee:
            return magnitude == maxExponentField << UInt64(fractionBits)
        case .finiteAllOnesNaN, .finite, .unsignedZero:
            return false
        case .p3109(let extended):
            guard extended else { return false }
            return isSigned ? magnitude == magnitudeMask : code == encodingMask - 1
        }
    }

    /// Whether the format has ±Inf.
    public var hasInfinity: Bool {
        switch specials {
        case .ieee: return true
        case .p3109(let extended): return extended
        default: return false
        }
    }

    /// Whether the format has any NaN encoding.
    public var hasNaN: Bool { specials != .finite }

    /// Whether the format has a zero: exponent field 0 holds it when subnormals exist.
    public var hasZero: Bool { hasSubnormals }

    /// Whether −0 is a distinct encoding.
    public var hasNegativeZero: Bool {
        guard isSigned, hasZero else { return false }
        switch specials {
        case .unsignedZero, .p3109: return false
        default: return true
        }
    }

    /// The +Inf encoding, if the format has one.
    public var positiveInfinity: UInt64? {
        guard hasInfinity else { return nil }
        if case .p3109 = specials, !isSigned { return encodingMask - 1 }
        if case .p3109 = specials { return magnitudeMask }
        return maxExponentField << UInt64(fractionBits)
    }

    /// The −Inf encoding, if the format has one (signed formats with infinity).
    public var negativeInfinity: UInt64? {
        guard isSigned, let p = positiveInfinity else { return nil }
        return p | signMask
    }

    /// The NaN a conversion produces: positive quiet NaN for IEEE (top fraction bit
    /// set), the all-ones magnitude for `fn` formats, the single NaN otherwise.
    public var canonicalNaN: UInt64? {
        switch specials {
        case .ieee:
            return (maxExponentField << UInt64(fractionBits)) | (UInt64(1) << UInt64(fractionBits - 1))
        case .finiteAllOnesNaN:
            return magnitudeMask
        case .finite:
            return nil
        case .unsignedZero:
            return signMask
        case .p3109:
            return isSigned ? signMask : encodingMask
        }
    }

    /// The encoding of the largest finite value, with the given sign.
    public func maxFiniteCode(negative: Bool = false) -> UInt64 {
        largestFiniteMagnitude | (negative ? signMask : 0)
    }

    /// Number of NaN encodings.
    public var nanCount: UInt64 {
        let signs: UInt64 = isSigned ? 2 : 1
        switch specials {
        case .ieee: return signs * fractionMask
        case .finiteAllOnesNaN: return signs
        case .finite: return 0
        case .unsignedZero, .p3109: return 1
        }
    }

    /// Number of infinity encodings (0, 1 or 2).
    public var infinityCount: UInt64 {
        hasInfinity ? (isSigned ? 2 : 1) : 0
    }

    /// Number of encodings: 2^bitWidth.
    public var encodingCount: UInt128 { UInt128(1) << UInt128(bitWidth) }

    /// Number of encodings with a finite value (+0 and −0 both counted).
    public var finiteCount: UInt128 {
        encodingCount - UInt128(nanCount) - UInt128(infinityCount)
    }

    /// Number of distinct finite real values (+0 and −0 counted once).
    public var distinctValueCount: UInt128 {
        finiteCount - (hasNegativeZero ? 1 : 0)
    }
}
