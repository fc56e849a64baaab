/// A binary floating-point format as plain data: field widths, bias, sign,
/// subnormal support and special-value policy. Every property (range, spacing,
/// counts) is derived from these fields.
///
/// ```swift
/// let e4m3 = try FloatFormat(name: "float8_e4m3fn", exponentBits: 4, fractionBits: 3,
///                            specials: .finiteAllOnesNaN)
/// e4m3.bitWidth          // 8
/// e4m3.bias              // 7 (the IEEE default 2^(E-1) - 1)
/// e4m3.maxFinite         // 448 = 7 × 2^6
/// ```
///
/// Two formats are equal when they encode the same values the same way; the name
/// does not take part (`binary8p4sf == float8_e4m3fnuz`).
public struct FloatFormat: Sendable, CustomStringConvertible {
    /// The name the format was built or looked up with.
    public let name: String
    /// Width of the exponent field, ≥ 1.
    public let exponentBits: Int
    /// Width of the fraction (trailing significand) field, ≥ 0. Precision is this + 1.
    public let fractionBits: Int
    /// The exponent bias: a normal value is 1.f × 2^(e − bias).
    public let bias: Int
    /// Whether the format has a sign bit (E8M0 and P3109 unsigned formats do not).
    public let isSigned: Bool
    /// With subnormals (IEEE gradual underflow) the exponent field 0 holds zero and
    /// the subnormals 0.f × 2^(1 − bias). Without them, exponent field 0 is an
    /// ordinary binade 1.f × 2^(−bias) and the format has no zero (E8M0).
    public let hasSubnormals: Bool
    /// Which encodings are infinities and NaNs.
    public let specials: SpecialValuePolicy

    /// Constants derived from the fields, computed once: the masks of the bit
    /// layout and the extremes that every rounding needs.
    @usableFromInline private(set) var derived: Derived

    @usableFromInline struct Derived: Sendable {
        @usableFromInline let fractionMask: UInt64
        @usableFromInline let maxExponentField: UInt64
        @usableFromInline let magnitudeMask: UInt64
        @usableFromInline let signMask: UInt64
        @usableFromInline let encodingMask: UInt64
        @usableFromInline let largestFiniteMagnitude: UInt64
        @usableFromInline let emin: Int
        @usableFromInline let emax: Int
        /// The sign-bit-only code where it is the NaN (FNUZ, signed P3109),
        /// else UInt64.max, which no code of a format that has it can equal
        /// without also being above the largest finite magnitude.
        @usableFromInline let negativeZeroNaN: UInt64
        /// The special encodings; set once the layout is known.
        @usableFromInline fileprivate(set) var special = SpecialCodes(canonicalNaN: nil, positiveInfinity: nil, hasNegativeZero: false)

        init(exponentBits e: Int, fractionBits m: Int, bias: Int, isSigned: Bool, hasSubnormals: Bool, specials: SpecialValuePolicy) {
            let width = (isSigned ? 1 : 0) + e + m
            fractionMask = m == 64 ? ~0 : (UInt64(1) << UInt64(m)) &- 1
            maxExponentField = (UInt64(1) << UInt64(e)) - 1
            magnitudeMask = e + m >= 64 ? ~0 : (UInt64(1) << UInt64(e + m)) &- 1
            signMask = isSigned ? UInt64(1) << UInt64(e + m) : 0
            encodingMask = width >= 64 ? ~0 : (UInt64(1) << UInt64(width)) &- 1
            largestFiniteMagnitude = FloatFormat.largestFiniteMagnitude(
                specials: specials, isSigned: isSigned, fractionBits: m, maxExponentField: maxExponentField,
                fractionMask: fractionMask, magnitudeMask: magnitudeMask)
            emin = hasSubnormals ? 1 - bias : -bias
            negativeZeroNaN = FloatFormat.negativeZeroNaN(specials: specials, isSigned: isSigned, signMask: signMask)
            emax = Int(largestFiniteMagnitude >> UInt64(m)) - bias
        }
    }

    /// The largest total width the model accepts.
    public static let maximumBitWidth = 64

    /// Builds and validates a format; `bias` defaults to the IEEE bias 2^(E−1) − 1.
    ///
    /// Throws a `FormatError` that says what is wrong: no exponent bits, more than
    /// 64 bits, a policy that needs a sign bit or a fraction bit the format lacks,
    /// or fields that leave no normal numbers.
    public init(
        name: String,
        exponentBits: Int,
        fractionBits: Int,
        bias: Int? = nil,
        isSigned: Bool = true,
        hasSubnormals: Bool = true,
        specials: SpecialValuePolicy = .ieee
    ) throws(FormatError) {
        guard exponentBits >= 1 else {
            throw FormatError("\(name): a floating-point format needs at least 1 exponent bit (got \(exponentBits)); with 0 it is an integer format.")
        }
        guard exponentBits <= 30 else {
            throw FormatError("\(name): \(exponentBits) exponent bits is more than the 30 FloatLab supports.")
        }
        guard fractionBits >= 0 else {
            throw FormatError("\(name): the number of fraction (mantissa) bits cannot be negative (got \(fractionBits)).")
        }
        let width = (isSigned ? 1 : 0) + exponentBits + fractionBits
        guard width <= FloatFormat.maximumBitWidth else {
            throw FormatError("\(name): \(width) bits is wider than the \(FloatFormat.maximumBitWidth) bits FloatLab supports (sign \(isSigned ? 1 : 0) + exponent \(exponentBits) + fraction \(fractionBits)).")
        }
        guard width >= 2 else {
            throw FormatError("\(name): a format needs at least 2 bits.")
        }
        let defaultBias = (1 << (exponentBits - 1)) - 1
        let b = bias ?? defaultBias
        guard abs(b) <= 1 << 30 else {
            throw FormatError("\(name): bias \(b) is out of range (|bias| ≤ 2^30).")
        }
        if specials == .ieee && fractionBits == 0 {
            throw FormatError("\(name): IEEE special values need at least 1 fraction bit to encode NaN; use a finite policy (suffix fn or fnu) for formats with no fraction bits, like e8m0fnu.")
        }
        if specials == .unsignedZero && !isSigned {
            throw FormatError("\(name): the FNUZ policy turns the negative-zero code into NaN, so it needs a sign bit; use fnu for unsigned formats.")
        }
        self.name = name
        self.exponentBits = exponentBits
        self.fractionBits = fractionBits
        self.bias = b
        self.isSigned = isSigned
        self.hasSubnormals = hasSubnormals
        self.specials = specials
        self.derived = Derived(exponentBits: exponentBits, fractionBits: fractionBits, bias: b, isSigned: isSigned,
                               hasSubnormals: hasSubnormals, specials: specials)
        self.derived.special = SpecialCodes(self)
        let top = largestFiniteMagnitude
        let topExponentField = Int(top >> UInt64(fractionBits))
        guard top > 0, topExponentField >= 1 || !hasSubnormals else {
            throw FormatError("\(name): these fields leave no normal numbers (the special values use every exponent above the subnormal range); add an exponent bit or choose a finite policy.")
        }
    }

    /// Total number of bits: sign + exponent + fraction.
    public var bitWidth: Int { (isSigned ? 1 : 0) + exponentBits + fractionBits }

    /// Bytes an element takes stored unpacked, in the smallest of 1, 2, 4 or 8
    /// that holds its bits (fp4 and fp6 take a byte each): arrays, `.npy`
    /// bit patterns and raw files all use it.
    ///
    /// ```swift
    /// FloatFormat.float4_e2m1fn.storageBytes   // 1
    /// FloatFormat.tfloat32.storageBytes        // 4: 19 bits
    /// ```
    public var storageBytes: Int {
        switch bitWidth {
        case ...8: return 1
        case ...16: return 2
        case ...32: return 4
        default: return 8
        }
    }

    /// Precision in bits, counting the implicit leading bit: fraction bits + 1.
    public var precision: Int { fractionBits + 1 }

    public var description: String { name }

    /// "S/E/M" field widths, for example `1/4/3`.
    public var layout: String { "\(isSigned ? 1 : 0)/\(exponentBits)/\(fractionBits)" }

}

extension FloatFormat: Hashable {
    public static func == (lhs: FloatFormat, rhs: FloatFormat) -> Bool {
        lhs.exponentBits == rhs.exponentBits && lhs.fractionBits == rhs.fractionBits
            && lhs.bias == rhs.bias && lhs.isSigned == rhs.isSigned
            && lhs.hasSubnormals == rhs.hasSubnormals && lhs.specials == rhs.specials
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(exponentBits)
        hasher.combine(fractionBits)
        hasher.combine(bias)
        hasher.combine(isSigned)
        hasher.combine(hasSubnormals)
        hasher.combine(specials)
    }
}
