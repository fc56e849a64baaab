import FloatFormats
import MPFRReference

/// How far apart two values are in steps of the format, and how far a value
/// is from an exact one in units in the last place.
///
/// `ulpDistance` counts the representable values between two encodings, in the
/// order of the values: adjacent values are 1 apart, −0 and +0 are 0 apart,
/// the largest finite value and +∞ are 1 apart; nil when either is NaN.
/// `errorInUlps` is (x − exact) / ulp(exact), with ulp(exact) =
/// 2^(max(⌊log₂|exact|⌋, emin) − M), computed in MPFR: signed, fractional,
/// NaN when either side is NaN, infinite when x is infinite and exact is not.
///
/// ```swift
/// ulpDistance(BFloat16(1.0), BFloat16(1.0078125))             // Optional(1)
/// ulpDistance(Float8E4M3FN(-0.0), Float8E4M3FN(0.0))          // Optional(0)
/// ulpDistance(Float(1), Float(1).nextUp.nextUp)               // Optional(2)
/// errorInUlps(BFloat16(1.0), exact: "1.005859375")            // -0.75
/// errorInUlps(Float8E4M3FN(0.3125), exact: "0.3")             // 0.4: (0.3125 − 0.3) / 2^-5
/// ```
public func ulpDistance<T: TestableFloat>(_ a: T, _ b: T) -> UInt64? {
    ulpDistance(a.testCode, b.testCode, in: T.testFormat)
}

/// The distance between two encodings of a format, in steps of the format.
public func ulpDistance(_ a: UInt64, _ b: UInt64, in f: FloatFormat) -> UInt64? {
    f.ulpDistance(a, b)
}

/// The error of a value from an exact one written in decimal (or hex float, inf, nan), in ulps of the exact value.
public func errorInUlps<T: TestableFloat>(_ x: T, exact: String) -> Double {
    errorInUlps(x.testCode, in: T.testFormat, exact: exact)
}

/// The error of a value from an exact float64 value, in ulps of the exact value.
public func errorInUlps<T: TestableFloat>(_ x: T, exact: Double) -> Double {
    errorInUlps(x.testCode, in: T.testFormat, exact: exactText(exact))
}

/// A float64's exact value as text MPFR reads back exactly: its full decimal expansion, or inf / nan.
func exactText(_ d: Double) -> String {
    if d.isNaN { return "nan" }
    if d.isInfinite { return d < 0 ? "-inf" : "inf" }
    return FloatFormat.float64.decodeUnchecked(d.bitPattern).value?.exactDecimal() ?? "nan"
}

/// The error of an encoding of a format from an exact value, in ulps of the exact value (NaN when the text is no number).
public func errorInUlps(_ code: UInt64, in f: FloatFormat, exact: String) -> Double {
    guard let e = BigFloat(parsing: exact, precision: MPFRExactArithmetic.precision) else { return .nan }
    return MPFRExactArithmetic().ulps(code, in: f, from: e)
}
