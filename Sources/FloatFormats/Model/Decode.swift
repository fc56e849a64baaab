/// Bit-level decoding: an encoding's fields, class and exact value, by integer
/// arithmetic only.
extension FloatFormat {
    /// What one encoding means.
    public struct Decoded: Hashable, Sendable {
        public let code: UInt64
        public let fields: BitFields
        public let floatClass: FloatClass
        /// The sign of the value (for NaN: whether the sign bit is set).
        public let isNegative: Bool
        /// The exact value of a finite encoding; `nil` for infinities and NaNs.
        public let value: Dyadic?

        public var isFinite: Bool { floatClass.isFinite }

        /// How tables write a value that is not a number: `inf`, `-inf` or
        /// `nan`; empty for a finite value.
        ///
        /// ```swift
        /// FloatFormat.float16.decodeUnchecked(0xFC00).specialText   // "-inf"
        /// FloatFormat.float16.decodeUnchecked(0x7E00).specialText   // "nan"
        /// ```
        public var specialText: String {
            switch floatClass {
            case .infinity: return isNegative ? "-inf" : "inf"
            case .nan: return "nan"
            default: return ""
            }
        }
    }

    /// Decodes an encoding.
    ///
    /// ```swift
    /// let d = try FloatFormat.float8_e4m3fn.decode(0x7E)
    /// d.floatClass       // .normal
    /// d.value            // 448 (7 × 2^6)
    /// try FloatFormat.float8_e4m3fn.decode(0x7F).floatClass   // .nan
    /// ```
    ///
    /// Throws an `EncodingError` when the pattern does not fit in `bitWidth` bits.
    public func decode(_ code: UInt64) throws(EncodingError) -> Decoded {
        try validate(code: code)
        return decodeUnchecked(code)
    }

    /// Decodes an encoding known to fit the format.
    public func decodeUnchecked(_ code: UInt64) -> Decoded {
        let f = fields(of: code)
        let negative = f.sign == 1
        if isNaN(code) {
            return Decoded(code: code, fields: f, floatClass: .nan, isNegative: negative, value: nil)
        }
        if isInfinite(code) {
            return Decoded(code: code, fields: f, floatClass: .infinity, isNegative: negative, value: nil)
        }
        let (cls, value) = finiteValue(fields: f)
        return Decoded(code: code, fields: f, floatClass: cls, isNegative: negative, value: value)
    }

    /// The exact value of a finite encoding; `nil` for Inf and NaN.
    public func value(of code: UInt64) throws(EncodingError) -> Dyadic? {
        try decode(code).value
    }

    private func finiteValue(fields f: BitFields) -> (FloatClass, Dyadic) {
        let negative = f.sign == 1
        if f.exponent == 0 && hasSubnormals {
            if f.fraction == 0 {
                return (.zero, Dyadic(isNegative: negative, significand: 0, exponent: 0))
            }
            return (.subnormal, Dyadic(isNegative: negative, significand: f.fraction,
                                       exponent: 1 - bias - fractionBits))
        }
        let significand = (UInt64(1) << UInt64(fractionBits)) | f.fraction
        return (.normal, Dyadic(isNegative: negative, significand: significand,
                                exponent: Int(f.exponent) - bias - fractionBits))
    }
}
