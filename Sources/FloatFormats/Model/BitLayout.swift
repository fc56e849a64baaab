/// The bit layout of a format: field extraction and packing, in one place.
///
/// An encoding (a "code") is the format's bit pattern in the low `bitWidth` bits
/// of a `UInt64`: sign (if any) on top, then the exponent field, then the fraction.
extension FloatFormat {
    /// The fields of one encoding.
    public struct BitFields: Hashable, Sendable {
        /// 1 when the sign bit is set (always 0 for unsigned formats).
        public let sign: UInt64
        public let exponent: UInt64
        public let fraction: UInt64

        @inlinable public init(sign: UInt64, exponent: UInt64, fraction: UInt64) {
            self.sign = sign
            self.exponent = exponent
            self.fraction = fraction
        }
    }

    /// Mask of the fraction field.
    @inlinable @inline(always) public var fractionMask: UInt64 { derived.fractionMask }

    /// The largest exponent field value (all ones).
    @inlinable @inline(always) public var maxExponentField: UInt64 { derived.maxExponentField }

    /// Mask of exponent and fraction together (everything but the sign).
    @inlinable @inline(always) public var magnitudeMask: UInt64 { derived.magnitudeMask }

    /// The sign bit, or 0 for unsigned formats.
    @inlinable @inline(always) public var signMask: UInt64 { derived.signMask }

    /// Mask of every bit of an encoding; also the largest encoding.
    @inlinable @inline(always) public var encodingMask: UInt64 { derived.encodingMask }

    /// Splits an encoding into its fields; bits above `bitWidth` are ignored.
    @inlinable @inline(__always) public func fields(of code: UInt64) -> BitFields {
        let magnitude = code & magnitudeMask
        return BitFields(
            sign: (code & signMask) == 0 ? 0 : 1,
            exponent: magnitude &>> UInt64(truncatingIfNeeded: fractionBits),    // 0 ≤ fractionBits < 64
            fraction: magnitude & fractionMask)
    }

    /// Packs fields into an encoding. Fields wider than theirs are truncated.
    @inlinable public func encode(negative: Bool, exponentField: UInt64, fraction: UInt64) -> UInt64 {
        ((exponentField & maxExponentField) << UInt64(fractionBits))
            | (fraction & fractionMask)
            | (negative ? signMask : 0)
    }

    /// Checks that a bit pattern fits the format.
    public func validate(code: UInt64) throws(EncodingError) {
        guard code & ~encodingMask == 0 else {
            throw EncodingError("0x\(String(code, radix: 16)) does not fit in the \(bitWidth) bits of \(name) (encodings are 0x0…0x\(String(encodingMask, radix: 16))).")
        }
    }
}
