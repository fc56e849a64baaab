import CMPFR
import FloatFormats

/// MPFR's answer to the format model's questions, computed without the model's
/// decoding or property code: what an encoding is worth, and the extreme values
/// of a format, from its field widths, bias and the spec's special-value rules.
///
/// The recipe (MPFR manual, "subnormalize"): a format of precision p whose normal
/// numbers start at 2^emin and whose largest binade is 2^top is emulated with MPFR
/// precision p, MPFR emin = emin − p + 2 and emax = top + 1, rounding with
/// `mpfr_check_range` and `mpfr_subnormalize`.
public enum Referee {
    /// What an encoding means, according to MPFR.
    public enum Value: CustomStringConvertible {
        case nan
        case infinity(negative: Bool)
        case finite(BigFloat)

        public var description: String {
            switch self {
            case .nan: return "NaN"
            case .infinity(let n): return n ? "-Inf" : "+Inf"
            case .finite(let x): return x.description
            }
        }
    }

    // MARK: Fields and special codes, restated from the specs

    private static func split(_ code: UInt64, _ f: FloatFormat) -> (sign: Bool, exponent: UInt64, fraction: UInt64) {
        let m = UInt64(f.fractionBits), e = UInt64(f.exponentBits)
        let fraction = code % (UInt64(1) << m)
        let exponent = (code >> m) % (UInt64(1) << e)
        let sign = f.isSigned && (code >> (m + e)) & 1 == 1
        return (sign, exponent, fraction)
    }

    /// The special meaning of a code, from the text of each spec:
    /// IEEE 754 §3.4; OCP FP8 (E4M3: S.1111.111 is NaN); OCP MX (fp6/fp4: none;
    /// E8M0: 0xFF NaN); FNUZ (0x80… NaN); P3109 (0x80 NaN, 0x7F/0xFF ±Inf; unsigned:
    /// all ones NaN, all ones − 1 +Inf).
    private static func special(_ code: UInt64, _ f: FloatFormat) -> Value? {
        let (sign, e, frac) = split(code, f)
        let allOnesE: UInt64 = (UInt64(1) << UInt64(f.exponentBits)) - 1
        let allOnesF: UInt64 = (UInt64(1) << UInt64(f.fractionBits)) - 1
        let width = UInt64(f.bitWidth)
        let all: UInt64 = width == 64 ? ~0 : (UInt64(1) << width) - 1
        let top: UInt64 = f.isSigned ? UInt64(1) << (width - 1) : 0
        switch f.specials {
        case .ieee:
            if e == allOnesE { return frac == 0 ? .infinity(negative: sign) : .nan }
        case .finiteAllOnesNaN:
            if e == allOnesE && frac == allOnesF { return .nan }
        case .finite:
            break
        case .unsignedZero:
            if code == top { return .nan }
        case .p3109(let extended):
            if f.isSigned {
                if code == top { return .nan }
                if extended && (code == top - 1 || code == all) { return .infinity(negative: code == all) }
            } else {
                if code == all { return .nan }
                if extended && code == all - 1 { return .infinity(negative: false) }
            }
        }
        return nil
    }

    /// The value of an encoding, by the field formula evaluated in MPFR:
    /// (−1)^s × 2^(e − bias) × (1 + f/2^M) for normal numbers,
    /// (−1)^s × 2^(1 − bias) × (f/2^M) for subnormals.
    public static func decode(_ code: UInt64, in f: FloatFormat) -> Value {
        if let s = special(code, f) { return s }
        let (sign, e, frac) = split(code, f)
        let m = f.fractionBits
        let x = BigFloat(precision: m + 2)
        let subnormal = f.hasSubnormals && e == 0
        let integer = subnormal ? frac : frac + (UInt64(1) << UInt64(m))   // (1.f or 0.f) × 2^M
        let exponent = (subnormal ? 1 : Int(e)) - f.bias - m
        x.withMPFR { x in
            let t = floatlab_mpfr_set_ui64_2exp(x, integer, 0, floatlab_rndn())
            precondition(t == 0, "M + 2 bits hold the integer significand exactly")
            mpfr_mul_2si(x, x, exponent, floatlab_rndn())
            if sign { mpfr_neg(x, x, floatlab_rndn()) }
        }
        return .finite(x)
    }

    // MARK: Extreme values, by MPFR's own stepping

    /// The top binade exponent MPFR must allow (the all-ones exponent field is a
    /// binade of numbers except under IEEE rules), and how many codes at the top
    /// of that binade the spec takes for NaN or Inf.
    private static func topBinade(_ f: FloatFormat) -> (exponent: Int, stolen: Int) {
        let allOnes = (1 << f.exponentBits) - 1
        switch f.specials {
        case .ieee: return (allOnes - 1 - f.bias, 0)
        case .finiteAllOnesNaN: return (allOnes - f.bias, 1)
        case .finite, .unsignedZero: return (allOnes - f.bias, 0)
        case .p3109(let extended):
            if f.isSigned { return (allOnes - f.bias, extended ? 1 : 0) }
            return (allOnes - f.bias, extended ? 2 : 1)
        }
    }

    /// The exponent of the smallest normal binade.
    private static func normalEmin(_ f: FloatFormat) -> Int { f.hasSubnormals ? 1 - f.bias : -f.bias }

    /// The largest finite value: MPFR's `nextbelow(+Inf)` with emax = top + 1,
    /// then one step down for each top code the spec takes for NaN or Inf.
    public static func maxFinite(_ f: FloatFormat) -> BigFloat {
        let p = f.fractionBits + 1
        let (top, stolen) = topBinade(f)
        let x = BigFloat(precision: p)
        return ExponentRange.with(emin: normalEmin(f) - p + 2, emax: top + 1) {
            x.withMPFR { x in
                mpfr_set_inf(x, 1)
                mpfr_nextbelow(x)
                for _ in 0..<stolen { mpfr_nextbelow(x) }
            }
            return x
        }
    }

    /// The smallest positive subnormal: MPFR's `nextabove(0)` with
    /// emin = emin − p + 2 (nil without subnormals or fraction bits).
    public static func smallestSubnormal(_ f: FloatFormat) -> BigFloat? {
        guard f.hasSubnormals, f.fractionBits > 0 else { return nil }
        let p = f.fractionBits + 1
        let x = BigFloat(precision: p)
        return ExponentRange.with(emin: normalEmin(f) - p + 2, emax: topBinade(f).exponent + 1) {
            x.withMPFR { x in
                mpfr_set_zero(x, 1)
                mpfr_nextabove(x)
            }
            return x
        }
    }

    /// The smallest positive normal number, 2^emin, as MPFR's `nextabove(0)` in a
    /// range whose smallest number is 2^emin.
    public static func smallestNormal(_ f: FloatFormat) -> BigFloat {
        let x = BigFloat(precision: f.fractionBits + 1)
        return ExponentRange.with(emin: normalEmin(f) + 1, emax: topBinade(f).exponent + 1) {
            x.withMPFR { x in
                mpfr_set_zero(x, 1)
                mpfr_nextabove(x)
            }
            return x
        }
    }

    /// Machine epsilon: `nextabove(1) − 1` at precision p.
    public static func epsilon(_ f: FloatFormat) -> BigFloat {
        let x = BigFloat(precision: f.fractionBits + 1)
        let r = BigFloat(precision: f.fractionBits + 2)
        BigFloat.withMPFR(x, r) { x, r in
            mpfr_set_ui(x, 1, floatlab_rndn())
            mpfr_nextabove(x)
            _ = mpfr_sub_ui(r, x, 1, floatlab_rndn())
        }
        return r
    }

    /// Rounds to nearest-even into the format's precision and exponent range
    /// (IEEE-style overflow to ±Inf at the top binade's boundary, gradual underflow).
    public static func roundNearest(_ value: BigFloat, into f: FloatFormat) -> BigFloat {
        let p = f.fractionBits + 1
        let (top, _) = topBinade(f)
        let emin = f.hasSubnormals ? normalEmin(f) - p + 2 : normalEmin(f) + 1
        let r = BigFloat(precision: p)
        return ExponentRange.with(emin: emin, emax: top + 1) {
            BigFloat.withMPFR(r, value) { r, value in
                var t = mpfr_set(r, value, floatlab_rndn())
                t = mpfr_check_range(r, t, floatlab_rndn())
                if f.hasSubnormals { _ = mpfr_subnormalize(r, t, floatlab_rndn()) }
            }
            return r
        }
    }

    /// Whether MPFR's emulation of the format holds `value` exactly.
    public static func isRepresentable(_ value: BigFloat, in f: FloatFormat) -> Bool {
        let r = roundNearest(value, into: f)
        return !r.isInfinite && r.isEqual(to: value)
    }

    /// The complete decimal expansion of a dyadic, by `mpfr_get_str` with as many
    /// digits as the expansion has (a binary fraction ends in a 5, so the digit
    /// count is bounded by the bits of the integer part plus the fraction's length).
    public static func exactDecimal(_ d: Dyadic) throws(MPFRError) -> String {
        if d.isZero { return d.isNegative ? "-0" : "0" }
        let x = BigFloat(exactly: d)
        // Enough digits: integer digits + fraction digits (≤ bits · log10 2 + |exponent|).
        let bits = d.significantBits + max(d.exponent, 0)
        let digits = bits + max(-d.exponent, 0) + 2
        var exp: mpfr_exp_t = 0
        var body = try x.digitString(digits: digits, exponent: &exp)
        let negative = body.hasPrefix("-")
        if negative { body.removeFirst() }
        while body.hasSuffix("0") { body.removeLast() }
        let point = Int(exp)
        var out: String
        if point <= 0 {
            out = "0." + String(repeating: "0", count: -point) + body
        } else if point >= body.count {
            out = body + String(repeating: "0", count: point - body.count)
        } else {
            let i = body.index(body.startIndex, offsetBy: point)
            out = String(body[..<i]) + "." + String(body[i...])
        }
        return (negative ? "-" : "") + out
    }
}
