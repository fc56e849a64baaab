/// A value to be rounded into a format: exact, or exact up to a sticky bit.
///
/// `.finite(negative:significand:exponent:sticky:)` stands for
/// ±(significand + δ) × 2^exponent with 0 ≤ δ < 1, δ > 0 exactly when `sticky`
/// is set: the significand holds the leading bits of the value and the sticky
/// bit says whether anything non-zero lies below them. A sticky value must carry
/// at least precision + 2 significant bits so that the rounding bits are known.
public enum SourceValue: Hashable, Sendable {
    case zero(negative: Bool)
    case finite(negative: Bool, significand: UInt128, exponent: Int, sticky: Bool)
    case infinity(negative: Bool)
    /// `payload`: the fraction of the NaN left-aligned in 64 bits (bit 63 is the
    /// IEEE quiet bit); `signaling` for IEEE signalling NaNs.
    case nan(negative: Bool, payload: UInt64, signaling: Bool)

    /// An exact dyadic.
    public init(_ value: Dyadic) {
        self = value.isZero
            ? .zero(negative: value.isNegative)
            : .finite(negative: value.isNegative, significand: UInt128(value.significand), exponent: value.exponent, sticky: false)
    }

    public var isNegative: Bool {
        switch self {
        case .zero(let n), .infinity(let n): return n
        case .finite(let n, _, _, _), .nan(let n, _, _): return n
        }
    }
}

extension FloatFormat {
    /// The source value of an encoding: its exact value, or its Inf/NaN with sign
    /// and payload. Subnormals become zeros when `flushSubnormals` is set.
    public func sourceValue(of code: UInt64, flushSubnormals: Bool = false) -> SourceValue {
        if isSpecial(code) { return specialSourceValue(of: code) }
        let f = unpackFinite(code, flushSubnormals: flushSubnormals)
        return f.significand == 0
            ? .zero(negative: f.negative)
            : .finite(negative: f.negative, significand: UInt128(f.significand), exponent: f.exponent, sticky: false)
    }

    /// A finite encoding (not `isSpecial`) as ±significand × 2^exponent, straight
    /// from its fields (SoftFloat's "unpack"; the significand need not be odd,
    /// and is 0 for zeros); always inlined, for batch loops.
    @inline(always)
    package func unpackFinite(_ code: UInt64, flushSubnormals: Bool) -> (negative: Bool, significand: UInt64, exponent: Int) {
        let f = fields(of: code)
        let negative = f.sign == 1
        // |bias| ≤ 2^30 and fields below 2^30: the exponent arithmetic cannot wrap.
        if f.exponent == 0 && hasSubnormals {
            return (negative, flushSubnormals ? 0 : f.fraction, 1 &- bias &- fractionBits)
        }
        return (negative, (UInt64(1) &<< UInt64(truncatingIfNeeded: fractionBits)) | f.fraction,
                Int(truncatingIfNeeded: f.exponent) &- bias &- fractionBits)
    }

    /// The source value of an infinity or a NaN.
    private func specialSourceValue(of code: UInt64) -> SourceValue {
        let f = fields(of: code)
        let negative = f.sign == 1
        if isNaN(code) {
            let (payload, signaling) = nanPayload(of: code)
            return .nan(negative: negative, payload: payload, signaling: signaling)
        }
        precondition(isInfinite(code), "a special code is an infinity or a NaN")
        return .infinity(negative: negative)
    }
}
