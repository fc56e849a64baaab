import FloatFormats

/// How exact values are written in reports.
///
/// | notation  | 448 in E4M3FN | 2^-9          | float32 max |
/// |-----------|---------------|---------------|-------------|
/// | `decimal` | 448           | 0.001953125   | 3.4028234663852886e+38 |
/// | `exact`   | 448           | 0.001953125   | 340282346638528859811704183484516925440 |
/// | `power`   | 1.75×2^8      | 2^-9          | 1.99999988079071044921875×2^127 |
/// | `shortest`| 450           | 0.002         | 3.4028235e+38 |
///
/// `decimal` is the shortest decimal that identifies the value among float64
/// numbers (what Python and numpy print for it), or, for values float64 cannot
/// hold, among the values of the value's own format. Beyond 2^±20000 exact
/// decimal digits get expensive (the big integers grow with the exponent), so
/// such values are written in power form there. `shortest` is the shortest
/// decimal that reads back to the same value in the value's own format: 450
/// is E4M3FN's 448 (its neighbours are 416 and NaN) and 0.002 its 2^-9.
public enum ValueNotation: String, Sendable, CaseIterable {
    case decimal, exact, power, shortest

    /// Writes an exact value that belongs to `format`.
    /// Values whose binade lies beyond ±`exponentLimit` are written in power form.
    public func string(_ value: Dyadic, in format: FloatFormat, exponentLimit: Int = ValueNotation.decimalExponentLimit) -> String {
        switch self {
        case .decimal:
            if value.isZero { return value.isNegative ? "-0" : "0" }
            let sign = value.isNegative ? "-" : ""
            if let d = FloatFormat.float64.shortestDecimal(ofValue: value.magnitude) {
                return sign + d.automatic()
            }
            if abs(value.binade!) <= exponentLimit,
               let d = format.shortestDecimal(ofValue: value.magnitude) {
                return sign + d.automatic()
            }
            return ValueNotation.powerForm(value)
        case .exact:
            guard value.isZero || abs(value.binade!) <= exponentLimit else {
                return ValueNotation.powerForm(value)
            }
            let plain = value.exactDecimal()
            return plain.count <= 60 ? plain : value.exactScientific()
        case .power:
            return ValueNotation.powerForm(value)
        case .shortest:
            if value.isZero { return value.isNegative ? "-0" : "0" }
            guard abs(value.binade!) <= exponentLimit, let d = format.shortestDecimal(ofValue: value.magnitude) else {
                return ValueNotation.powerForm(value)
            }
            return (value.isNegative ? "-" : "") + d.automatic()
        }
    }

    /// The largest |binade| written in decimal; beyond it, power form.
    public static let decimalExponentLimit = 20_000

    /// `m×2^e` with m in [1, 2) written exactly, or `2^e` for powers of two.
    public static func powerForm(_ value: Dyadic) -> String {
        if value.isZero { return value.isNegative ? "-0" : "0" }
        let sign = value.isNegative ? "-" : ""
        let b = value.binade!
        if value.significand == 1 { return sign + "2^\(b)" }
        let mantissa = Dyadic(significand: value.significand, exponent: -(value.significantBits - 1))
        return sign + mantissa.exactDecimal() + "×2^\(b)"
    }

}
