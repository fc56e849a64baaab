import CMPFR
import FloatFormats
import Simulation

/// The exact side of `floatlab eval`: values in MPFR at 4096 bits, so that
/// + − × of the values of any format of up to 64 bits (and fma) are exact
/// and ÷, √ and decimal literals such as 0.1 are correct to far more digits
/// than are shown.
///
/// ```swift
/// let steps = try Expression(parsing: "0.1 + 0.2").evaluate(in: .bfloat16, exact: MPFRExactArithmetic()).steps
/// steps.map(\.operation)             // ["0.1", "0.2", "t1 + t2"]
/// steps[2].value                     // 0.30078125
/// ```
public struct MPFRExactArithmetic: ExactArithmetic {
    public typealias Value = BigFloat
    public static let precision = 4096

    public init() {}

    public func literal(_ number: DecimalNumber) -> BigFloat {
        BigFloat(parsing: number.text, precision: Self.precision) ?? BigFloat(precision: Self.precision)
    }

    public func value(of code: UInt64, in format: FloatFormat) -> BigFloat {
        let out = BigFloat(precision: Self.precision)
        switch Referee.decode(code, in: format) {
        case .nan: break
        case .infinity(let negative): out.withMPFR { mpfr_set_inf($0, negative ? -1 : 1) }
        case .finite(let x): _ = BigFloat.withMPFR(out, x) { mpfr_set($0, $1, floatlab_rndn()) }
        }
        return out
    }

    public func apply(_ op: ArithmeticOperation, _ v: [BigFloat]) -> BigFloat {
        let z = BigFloat(precision: Self.precision)
        _ = Referee.apply(op, v, into: z, rounding: floatlab_rndn())
        return z
    }

    public func negate(_ v: BigFloat) -> BigFloat {
        let z = BigFloat(precision: Self.precision)
        _ = BigFloat.withMPFR(z, v) { mpfr_neg($0, $1, floatlab_rndn()) }
        return z
    }

    public func ulps(_ code: UInt64, in format: FloatFormat, from exact: BigFloat) -> Double {
        let got = value(of: code, in: format)
        if got.isNaN || exact.isNaN { return .nan }
        if got.isInfinite || exact.isInfinite {
            return got.isInfinite && exact.isInfinite && got.isNegative == exact.isNegative ? 0 : .infinity
        }
        // ulp(exact) = 2^(max(⌊log₂|exact|⌋, emin) − M); mpfr_get_exp gives ⌊log₂|x|⌋ + 1.
        let binade = exact.isZero ? format.emin : max(Int(exact.withMPFR { floatlab_mpfr_get_exp($0) }) - 1, format.emin)
        let difference = BigFloat(precision: 2 * Self.precision)
        return BigFloat.withMPFR(difference, got) { d, g in
            exact.withMPFR { e in
                mpfr_sub(d, g, e, floatlab_rndn())
                mpfr_mul_2si(d, d, -(binade - format.fractionBits), floatlab_rndn())
                return mpfr_get_d(d, floatlab_rndn())
            }
        }
    }

    public func text(_ v: BigFloat) -> String { (try? v.decimalString(digits: 17)) ?? "?" }
}
