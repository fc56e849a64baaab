import CMPFR
import FloatFormats

/// An MPFR number with its own precision: a safe Swift owner of one `mpfr_t`,
/// cleared in `deinit`. No C type leaves this module.
///
/// ```swift
/// let x = BigFloat(exactly: Dyadic(significand: 3, exponent: -1))   // 1.5
/// x.decimalString(digits: 5)                                        // "1.5000e0"
/// ```
public final class BigFloat: @unchecked Sendable, CustomStringConvertible {
    let raw: UnsafeMutablePointer<__mpfr_struct>

    /// A NaN of the given precision in bits.
    public init(precision: Int) {
        precondition(precision >= 1, "MPFR precision must be at least 1 bit")
        raw = .allocate(capacity: 1)
        mpfr_init2(raw, mpfr_prec_t(precision))
    }

    deinit {
        mpfr_clear(raw)
        raw.deallocate()
    }

    /// The exact value of a dyadic, with exactly the precision it needs.
    public convenience init(exactly value: Dyadic) {
        self.init(precision: max(value.significantBits, 1))
        let t = floatlab_mpfr_set_ui64_2exp(raw, value.significand, value.exponent, floatlab_rndn())
        precondition(t == 0, "setting a dyadic exactly must be exact")
        if value.isNegative { mpfr_neg(raw, raw, floatlab_rndn()) }
    }

    /// An integer, exactly.
    public convenience init(_ value: UInt64) {
        self.init(exactly: Dyadic(significand: value, exponent: 0))
    }

    /// Parses a decimal or hex-float string, rounding to `precision` bits in `mode`
    /// (in the current exponent range). `nil` when the text is not a number.
    public convenience init?(parsing text: String, precision: Int, rounding mode: RoundingDirection = .nearestEven) {
        self.init(precision: precision)
        var end: UnsafeMutablePointer<CChar>? = nil
        let ok = text.withCString { s -> Bool in
            _ = mpfr_strtofr(raw, s, &end, 0, mode.mpfr)
            return end != nil && end!.pointee == 0 && end! != UnsafeMutablePointer(mutating: s)
        }
        if !ok || text.isEmpty { return nil }
    }

    public var precision: Int { Int(floatlab_mpfr_get_prec(raw)) }
    public var isNaN: Bool { mpfr_nan_p(raw) != 0 }
    public var isInfinite: Bool { mpfr_inf_p(raw) != 0 }
    public var isZero: Bool { mpfr_zero_p(raw) != 0 }
    public var isNegative: Bool { floatlab_mpfr_signbit(raw) != 0 }

    /// A copy with another precision, rounded in `mode`.
    public func copy(precision: Int? = nil, rounding mode: RoundingDirection = .nearestEven) -> BigFloat {
        let r = BigFloat(precision: precision ?? self.precision)
        mpfr_set(r.raw, raw, mode.mpfr)
        return r
    }

    /// Decimal digits in scientific form `d.ddd…e±N`, rounded to `digits` significant digits
    /// (`digits` = 0: as many as MPFR needs to read the number back).
    public func decimalString(digits: Int = 0, rounding mode: RoundingDirection = .nearestEven) -> String {
        if isNaN { return "nan" }
        if isInfinite { return isNegative ? "-inf" : "inf" }
        if isZero { return isNegative ? "-0" : "0" }
        var exp: mpfr_exp_t = 0
        guard let s = mpfr_get_str(nil, &exp, 10, digits, raw, mode.mpfr) else { return "?" }
        defer { floatlab_mpfr_free_str(s) }
        var body = String(cString: s)
        let negative = body.hasPrefix("-")
        if negative { body.removeFirst() }
        let head = String(body.prefix(1)), tail = String(body.dropFirst())
        return (negative ? "-" : "") + head + (tail.isEmpty ? "" : "." + tail) + "e" + String(Int(exp) - 1)
    }

    public var description: String { decimalString() }

    /// The exact value as a dyadic, when it is finite and its significand
    /// fits 64 bits (every value of a format of up to 64 bits of precision);
    /// nil otherwise.
    public func exactDyadic() -> Dyadic? {
        if isNaN || isInfinite { return nil }
        if isZero { return Dyadic(isNegative: isNegative, significand: 0, exponent: 0) }
        let p = precision
        guard p <= 64 else { return nil }
        let scaled = BigFloat(precision: p)
        let e = Int(floatlab_mpfr_get_exp(raw))                    // |x| ∈ [2^(e−1), 2^e)
        mpfr_abs(scaled.raw, raw, floatlab_rndn())
        mpfr_mul_2si(scaled.raw, scaled.raw, p - e, floatlab_rndn())  // exact: an integer below 2^p
        guard withExtendedLifetime(scaled, { mpfr_integer_p(scaled.raw) != 0 }) else { return nil }
        let m = withExtendedLifetime(scaled) { floatlab_mpfr_get_ui64(scaled.raw) }
        return Dyadic(isNegative: isNegative, significand: m, exponent: e - p)
    }

    /// Numeric comparison (NaN compares unordered: returns nil).
    public static func compare(_ a: BigFloat, _ b: BigFloat) -> Int? {
        if a.isNaN || b.isNaN { return nil }
        return Int(mpfr_cmp(a.raw, b.raw)).signum()
    }

    /// Compares |self| with |other|: negative, zero or positive.
    public func compareMagnitude(with other: BigFloat) -> Int {
        Int(mpfr_cmpabs(raw, other.raw)).signum()
    }

    /// Exact equality of values (−0 == +0; NaN is unequal to everything).
    public func isEqual(to other: BigFloat) -> Bool { BigFloat.compare(self, other) == 0 }
}

/// MPFR's rounding directions, without exposing the C enum.
public enum RoundingDirection: Sendable, CaseIterable {
    case nearestEven, towardZero, up, down, awayFromZero

    var mpfr: mpfr_rnd_t {
        switch self {
        case .nearestEven: return floatlab_rndn()
        case .towardZero: return floatlab_rndz()
        case .up: return floatlab_rndu()
        case .down: return floatlab_rndd()
        case .awayFromZero: return floatlab_rnda()
        }
    }
}
