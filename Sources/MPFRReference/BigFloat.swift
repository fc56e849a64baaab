import CMPFR
import FloatFormats

/// An MPFR number with its own precision: a safe Swift owner of one `mpfr_t`,
/// cleared in `deinit`. No C type leaves this module.
///
/// ```swift
/// let x = BigFloat(exactly: Dyadic(significand: 3, exponent: -1))   // 1.5
/// try x.decimalString(digits: 5)                                    // "1.5000e0"
/// ```
///
/// The `mpfr_t` is lent to the module's code only inside closures
/// (`withMPFR`), which keep the owner alive while MPFR works on it.
public final class BigFloat: @unchecked Sendable, CustomStringConvertible {
    private let raw: UnsafeMutablePointer<__mpfr_struct>

    /// Lends this number's `mpfr_t` to `body`.
    @inline(__always)
    func withMPFR<T>(_ body: (UnsafeMutablePointer<__mpfr_struct>) throws -> T) rethrows -> T {
        try withExtendedLifetime(self) { try body(raw) }
    }

    /// Lends two numbers' `mpfr_t`s to `body`.
    @inline(__always)
    static func withMPFR<T>(_ a: BigFloat, _ b: BigFloat,
                            _ body: (UnsafeMutablePointer<__mpfr_struct>, UnsafeMutablePointer<__mpfr_struct>) throws -> T) rethrows -> T {
        try withExtendedLifetime((a, b)) { try body(a.raw, b.raw) }
    }

    /// Lends three numbers' `mpfr_t`s to `body`.
    @inline(__always)
    static func withMPFR<T>(_ a: BigFloat, _ b: BigFloat, _ c: BigFloat,
                            _ body: (UnsafeMutablePointer<__mpfr_struct>, UnsafeMutablePointer<__mpfr_struct>,
                                     UnsafeMutablePointer<__mpfr_struct>) throws -> T) rethrows -> T {
        try withExtendedLifetime((a, b, c)) { try body(a.raw, b.raw, c.raw) }
    }

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
    /// MPFR's exponent: |x| ∈ [2^(e−1), 2^e) for a finite non-zero x.
    var exponent: Int { Int(floatlab_mpfr_get_exp(raw)) }

    /// A copy with another precision, rounded in `mode`.
    public func copy(precision: Int? = nil, rounding mode: RoundingDirection = .nearestEven) -> BigFloat {
        let r = BigFloat(precision: precision ?? self.precision)
        BigFloat.withMPFR(r, self) { r, x in _ = mpfr_set(r, x, mode.mpfr) }
        return r
    }

    /// Decimal digits in scientific form `d.ddd…e±N`, rounded to `digits` significant digits
    /// (`digits` = 0: as many as MPFR needs to read the number back). Throws
    /// when MPFR cannot produce the digits.
    public func decimalString(digits: Int = 0, rounding mode: RoundingDirection = .nearestEven) throws(MPFRError) -> String {
        if isNaN { return "nan" }
        if isInfinite { return isNegative ? "-inf" : "inf" }
        if isZero { return isNegative ? "-0" : "0" }
        var exp: mpfr_exp_t = 0
        let body = try digitString(digits: digits, exponent: &exp, rounding: mode)
        let negative = body.hasPrefix("-")
        let unsigned = negative ? String(body.dropFirst()) : body
        let head = String(unsigned.prefix(1)), tail = String(unsigned.dropFirst())
        return (negative ? "-" : "") + head + (tail.isEmpty ? "" : "." + tail) + "e" + String(Int(exp) - 1)
    }

    /// `mpfr_get_str` in base 10: the digits (with a leading `-`) and the
    /// decimal exponent of the point before the first digit.
    func digitString(digits: Int, exponent: inout mpfr_exp_t, rounding mode: RoundingDirection = .nearestEven) throws(MPFRError) -> String {
        var exp: mpfr_exp_t = 0
        let s = withMPFR { mpfr_get_str(nil, &exp, 10, digits, $0, mode.mpfr) }
        guard let s else { throw MPFRError("mpfr_get_str could not write \(digits == 0 ? "the" : "\(digits)") decimal digits of a number of \(precision) bits.") }
        defer { floatlab_mpfr_free_str(s) }
        exponent = exp
        return String(cString: s)
    }

    public var description: String { (try? decimalString()) ?? "<MPFR could not write this number>" }

    /// The exact value as a dyadic, when it is finite and its significand
    /// fits 64 bits (every value of a format of up to 64 bits of precision,
    /// whatever the precision it is held at); nil otherwise.
    public func exactDyadic() -> Dyadic? {
        if isNaN || isInfinite { return nil }
        if isZero { return Dyadic(isNegative: isNegative, significand: 0, exponent: 0) }
        let p = precision
        if p > 64 {
            // At a wider precision: exact at 64 bits, or not a dyadic with a 64-bit significand.
            let narrow = copy(precision: 64)
            return narrow.isEqual(to: self) ? narrow.exactDyadic() : nil
        }
        let scaled = BigFloat(precision: p)
        let e = exponent                                              // |x| ∈ [2^(e−1), 2^e)
        let m: UInt64? = BigFloat.withMPFR(scaled, self) { s, x in
            mpfr_abs(s, x, floatlab_rndn())
            mpfr_mul_2si(s, s, p - e, floatlab_rndn())                  // exact: an integer below 2^p
            return mpfr_integer_p(s) != 0 ? floatlab_mpfr_get_ui64(s) : nil
        }
        guard let m else { return nil }
        return Dyadic(isNegative: isNegative, significand: m, exponent: e - p)
    }

    /// Numeric comparison (NaN compares unordered: returns nil).
    public static func compare(_ a: BigFloat, _ b: BigFloat) -> Int? {
        if a.isNaN || b.isNaN { return nil }
        return withMPFR(a, b) { Int(mpfr_cmp($0, $1)).signum() }
    }

    /// Compares |self| with |other|: negative, zero or positive.
    public func compareMagnitude(with other: BigFloat) -> Int {
        BigFloat.withMPFR(self, other) { Int(mpfr_cmpabs($0, $1)).signum() }
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
