/// Where each special-value policy puts its infinities and NaNs. Everything the
/// rest of the model knows about specials comes from here (SoftFloat keeps the
/// same kind of knowledge in its "specialize" unit).
extension FloatFormat {
    /// The magnitude code (sign bit clear) of the largest finite value.
    @inlinable @inline(always) public var largestFiniteMagnitude: UInt64 { derived.largestFiniteMagnitude }

    /// Whether the encoding is an infinity or a NaN, in two comparisons: every
    /// magnitude above the largest finite one is special, and below it only
    /// the negative-zero code of FNUZ and signed P3109 formats (their NaN).
    /// The code must fit the format.
    ///
    /// ```swift
    /// FloatFormat.float8_e4m3fnuz.isSpecial(0x80)   // true: the NaN
    /// FloatFormat.float8_e4m3fn.isSpecial(0x80)     // false: −0
    /// ```
    @inlinable @inline(__always) public func isSpecial(_ code: UInt64) -> Bool {
        code & magnitudeMask > largestFiniteMagnitude || code == derived.negativeZeroNaN
    }

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
    @inlinable @inline(always) public var hasInfinity: Bool { derived.special.positiveInfinity != nil }

    /// Whether the format has any NaN encoding.
    public var hasNaN: Bool { specials != .finite }

    /// Whether the format has a zero: exponent field 0 holds it when subnormals exist.
    public var hasZero: Bool { hasSubnormals }

    /// Whether −0 is a distinct encoding.
    @inlinable @inline(always) public var hasNegativeZero: Bool { derived.special.hasNegativeZero }

    /// The +Inf encoding, if the format has one.
    @inlinable @inline(always) public var positiveInfinity: UInt64? { derived.special.positiveInfinity }

    /// The −Inf encoding, if the format has one (signed formats with infinity).
    public var negativeInfinity: UInt64? {
        guard isSigned, let p = positiveInfinity else { return nil }
        return p | signMask
    }

    /// The NaN a conversion produces: positive quiet NaN for IEEE (top fraction bit
    /// set), the all-ones magnitude for `fn` formats, the single NaN otherwise.
    @inlinable @inline(always) public var canonicalNaN: UInt64? { derived.special.canonicalNaN }

    /// The encoding of the largest finite value, with the given sign.
    @inlinable @inline(always) public func maxFiniteCode(negative: Bool = false) -> UInt64 {
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

extension FloatFormat {
    /// The NaN of this sign carrying an IEEE payload (the fraction
    /// left-aligned in 64 bits): IEEE formats keep the payload's top bits and
    /// set the quiet bit; `fn` formats have one NaN per sign; the others their
    /// single NaN. The format must have NaNs.
    @inline(always)
    func nanEncoding(negative: Bool, payload: UInt64) -> UInt64 {
        let sign: UInt64 = negative ? signMask : 0
        switch specials {
        case .ieee:
            let quiet = UInt64(1) << UInt64(fractionBits - 1)
            let fraction = (payload >> UInt64(64 - fractionBits)) | quiet
            return (maxExponentField << UInt64(fractionBits)) | fraction | sign
        case .finiteAllOnesNaN:
            return magnitudeMask | sign
        default:
            return canonicalNaN!
        }
    }

    /// The NaN that stands for a value of this sign (an overflow, an
    /// infinity the format lacks): the canonical one with the sign bit set
    /// where NaNs carry a sign (IEEE, OCP E4M3), else the single NaN.
    @inline(always)
    func signedNaN(negative: Bool) -> UInt64 {
        let canonical = canonicalNaN!
        guard negative, isSigned else { return canonical }
        switch specials {
        case .ieee, .finiteAllOnesNaN: return canonical | signMask
        default: return canonical
        }
    }

    /// The payload of a NaN encoding (its fraction left-aligned in 64 bits,
    /// bit 63 the IEEE quiet bit) and whether it signals; formats other than
    /// IEEE have neither.
    public func nanPayload(of code: UInt64) -> (payload: UInt64, signaling: Bool) {
        guard specials == .ieee else { return (0, false) }
        let payload = (code & fractionMask) << UInt64(64 - fractionBits)
        return (payload, payload >> 63 == 0)
    }

    /// The magnitude code of the largest finite value, from the policy: the
    /// codes above it are the infinities and NaNs the policy takes.
    static func largestFiniteMagnitude(specials: SpecialValuePolicy, isSigned: Bool, fractionBits m: Int,
                                       maxExponentField: UInt64, fractionMask: UInt64, magnitudeMask: UInt64) -> UInt64 {
        switch specials {
        case .ieee:
            return ((maxExponentField &- 1) << UInt64(m)) | fractionMask
        case .finiteAllOnesNaN:
            return magnitudeMask &- 1
        case .finite, .unsignedZero:
            return magnitudeMask
        case .p3109(let extended):
            if isSigned { return extended ? magnitudeMask &- 1 : magnitudeMask }
            return extended ? magnitudeMask &- 2 : magnitudeMask &- 1
        }
    }

    /// The sign-bit-only code where the policy makes it the NaN (FNUZ, signed
    /// P3109), else UInt64.max, which no code of a format that has it can
    /// equal without also being above the largest finite magnitude.
    static func negativeZeroNaN(specials: SpecialValuePolicy, isSigned: Bool, signMask: UInt64) -> UInt64 {
        switch specials {
        case .unsignedZero: return signMask
        case .p3109 where isSigned: return signMask
        default: return .max
        }
    }

    /// The special encodings of a format, worked out once from its policy and
    /// its layout (the format stores them with its other derived constants).
    @usableFromInline struct SpecialCodes: Sendable {
        @usableFromInline let canonicalNaN: UInt64?
        @usableFromInline let positiveInfinity: UInt64?
        @usableFromInline let hasNegativeZero: Bool

        init(canonicalNaN: UInt64?, positiveInfinity: UInt64?, hasNegativeZero: Bool) {
            self.canonicalNaN = canonicalNaN
            self.positiveInfinity = positiveInfinity
            self.hasNegativeZero = hasNegativeZero
        }

        /// From a format whose layout masks are set.
        init(_ f: FloatFormat) {
            switch f.specials {
            case .ieee:
                canonicalNaN = (f.maxExponentField << UInt64(f.fractionBits)) | (UInt64(1) << UInt64(f.fractionBits - 1))
            case .finiteAllOnesNaN:
                canonicalNaN = f.magnitudeMask
            case .finite:
                canonicalNaN = nil
            case .unsignedZero:
                canonicalNaN = f.signMask
            case .p3109:
                canonicalNaN = f.isSigned ? f.signMask : f.encodingMask
            }
            switch f.specials {
            case .ieee:
                positiveInfinity = f.maxExponentField << UInt64(f.fractionBits)
            case .p3109(extended: true):
                positiveInfinity = f.isSigned ? f.magnitudeMask : f.encodingMask - 1
            default:
                positiveInfinity = nil
            }
            switch f.specials {
            case _ where !f.isSigned || !f.hasZero: hasNegativeZero = false
            case .unsignedZero, .p3109: hasNegativeZero = false
            default: hasNegativeZero = true
            }
        }
    }
}
