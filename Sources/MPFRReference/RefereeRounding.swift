import CMPFR
import Foundation
import FloatFormats
import Verification

/// MPFR's answer to "what does this value become in this format": the value is
/// scaled to units of the target's grid (its ulp in the value's binade, never
/// below the subnormal spacing), rounded to an integer with MPFR's own integer
/// rounding (`mpfr_rint` in the IEEE directions, `mpfr_round` for ties away), and
/// the special-value and overflow rules of the specs are applied on top. None of
/// the core's bit manipulation is used.
extension Referee {
    /// A value to round: exact (`sticky` false) or truncated toward zero with
    /// something non-zero below (`sticky` true, as for a decimal read at high precision).
    public enum Input {
        case zero(negative: Bool)
        case finite(BigFloat, sticky: Bool)
        case infinity(negative: Bool)
        case nan(signaling: Bool)
    }

    /// The expected result of a rounding: a value (or NaN/Inf) and the flags.
    public struct Expected: CustomStringConvertible {
        public let value: Value
        public let flags: ExceptionFlags

        public var description: String { "\(value) \(flags.letters)" }
    }

    /// The referee's input for an encoding of a format.
    public static func input(_ code: UInt64, in f: FloatFormat, flushSubnormals: Bool = false) -> Input {
        switch decode(code, in: f) {
        case .nan:
            // IEEE signalling NaNs have the top fraction bit clear.
            let signaling = f.specials == .ieee && (code >> UInt64(f.fractionBits - 1)) & 1 == 0
            return .nan(signaling: signaling)
        case .infinity(let n): return .infinity(negative: n)
        case .finite(let x):
            if x.isZero { return .zero(negative: x.isNegative) }
            if flushSubnormals && f.hasSubnormals && x.compareMagnitude(with: smallestNormal(f)) < 0 {
                return .zero(negative: x.isNegative)
            }
            return .finite(x, sticky: false)
        }
    }

    /// The referee's input for a typed number: parsed by `mpfr_strtofr` at 4096
    /// bits toward zero, with the sticky bit from its ternary value.
    public static func input(parsing text: String) -> Input? {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let lower = t.lowercased()
        let body = lower.hasPrefix("-") || lower.hasPrefix("+") ? String(lower.dropFirst()) : lower
        let negative = lower.hasPrefix("-")
        if body == "nan" { return .nan(signaling: false) }
        if body == "inf" || body == "infinity" { return .infinity(negative: negative) }
        let x = BigFloat(precision: 4096)
        var end: UnsafeMutablePointer<CChar>? = nil
        var ternary: Int32 = 0
        let ok = t.withCString { s -> Bool in
            ternary = x.withMPFR { mpfr_strtofr($0, s, &end, 0, floatlab_rndz()) }
            return end != nil && end!.pointee == 0
        }
        guard ok else { return nil }
        if x.isZero { return .zero(negative: negative) }
        return .finite(x, sticky: ternary != 0)
    }

    /// A target format with the MPFR constants the rounding needs, computed once.
    public final class Target: @unchecked Sendable {
        public let format: FloatFormat
        let maxFinite: BigFloat
        let smallestNormal: BigFloat

        public init(_ format: FloatFormat) {
            self.format = format
            maxFinite = Referee.maxFinite(format)
            smallestNormal = Referee.smallestNormal(format)
        }
    }

    /// Rounds into the format as the specs and IEEE 754 say.
    public static func round(_ input: Input, into f: FloatFormat, options: RoundingOptions, random: UInt64 = 0) -> Expected {
        round(input, into: Target(f), options: options, random: random)
    }

    /// Rounds into the format as the specs and IEEE 754 say.
    public static func round(_ input: Input, into target: Target, options: RoundingOptions, random: UInt64 = 0) -> Expected {
        let f = target.format
        switch input {
        case .nan(let signaling):
            if f.hasNaN { return Expected(value: .nan, flags: signaling ? .invalid : []) }
            return Expected(value: .finite(BigFloat(0)), flags: .invalid)
        case .infinity(let negative):
            if negative && !f.isSigned { return invalidExpected(f) }
            if f.hasInfinity && options.overflow != .saturateAll { return Expected(value: .infinity(negative: negative), flags: []) }
            if options.overflow == .ieee && f.hasNaN { return Expected(value: .nan, flags: .invalid) }
            return Expected(value: .finite(signed(target.maxFinite, negative)), flags: .invalid)
        case .zero(let negative):
            if !f.hasSubnormals { return invalidExpected(f) }   // no zero in the format
            return Expected(value: .finite(zero(negative && f.hasNegativeZero)), flags: [])
        case .finite(let x, let sticky):
            return roundFinite(x, sticky: sticky, into: target, options: options, random: random)
        }
    }

    private static func invalidExpected(_ f: FloatFormat) -> Expected {
        Expected(value: f.hasNaN ? .nan : .finite(BigFloat(0)), flags: .invalid)
    }

    private static func zero(_ negative: Bool) -> BigFloat {
        let z = BigFloat(precision: 2)
        z.withMPFR { mpfr_set_zero($0, negative ? -1 : 1) }
        return z
    }

    private static func signed(_ x: BigFloat, _ negative: Bool) -> BigFloat {
        let r = x.copy()
        if negative { r.withMPFR { _ = mpfr_neg($0, $0, floatlab_rndn()) } }
        return r
    }

    /// |x| rounded to a multiple of 2^unitExponent by the mode, as an exact BigFloat.
    private static func roundToGrid(_ x: BigFloat, sticky: Bool, unitExponent: Int, negative: Bool,
                                    mode: RoundingMode, random: UInt64) -> (BigFloat, inexact: Bool) {
        let p = x.precision + 80
        let k = BigFloat(precision: p), r = BigFloat(precision: p), t = BigFloat(precision: p)
        let scratch = BigFloat(precision: p)
        let inexact = BigFloat.withMPFR(k, r, t) { k, r, t in
            BigFloat.withMPFR(x, scratch) { x, scratch in
                mpfr_abs(k, x, floatlab_rndn())
                mpfr_mul_2si(k, k, -unitExponent, floatlab_rndn())       // exact: a power of two
                if sticky {
                    // The true value lies strictly between x and x + ulp(x): nudge by half an ulp.
                    mpfr_set_ui_2exp(scratch, 1, floatlab_mpfr_get_exp(k) - mpfr_exp_t(p - 80) - 1, floatlab_rndn())
                    _ = mpfr_add(k, k, scratch, floatlab_rndn())
                }
                _ = floatlab_mpfr_trunc(t, k)
                let inexact = mpfr_cmp(k, t) != 0
                switch mode {
                case .nearestEven: _ = mpfr_rint(r, k, floatlab_rndn())
                case .nearestAway: _ = floatlab_mpfr_round_away(r, k)
                case .towardZero: _ = mpfr_set(r, t, floatlab_rndn())
                case .up: _ = negative ? floatlab_mpfr_trunc(r, k) : floatlab_mpfr_ceil(r, k)
                case .down: _ = negative ? floatlab_mpfr_ceil(r, k) : floatlab_mpfr_trunc(r, k)
                case .odd:
                    mpfr_set(r, t, floatlab_rndn())
                    mpfr_div_2ui(scratch, t, 1, floatlab_rndn())
                    let even = mpfr_integer_p(scratch) != 0
                    if inexact && even { mpfr_add_ui(r, r, 1, floatlab_rndn()) }
                case .stochastic(let bits):
                    mpfr_sub(scratch, k, t, floatlab_rndn())
                    mpfr_mul_2si(scratch, scratch, bits, floatlab_rndn())
                    let top = mpfr_get_ui(scratch, floatlab_rndz())
                    let mask: UInt64 = (1 << UInt64(bits)) - 1
                    mpfr_set(r, t, floatlab_rndn())
                    if inexact && UInt64(top) + (random & mask) >= mask + 1 { mpfr_add_ui(r, r, 1, floatlab_rndn()) }
                }
                mpfr_mul_2si(r, r, unitExponent, floatlab_rndn())
                return inexact
            }
        }
        return (r, inexact)
    }

    private static func roundFinite(_ x: BigFloat, sticky: Bool, into target: Target, options: RoundingOptions,
                                    random: UInt64) -> Expected {
        let f = target.format
        let negative = x.isNegative
        if negative && !f.isSigned { return invalidExpected(f) }
        let m = f.fractionBits
        let emin = f.hasSubnormals ? 1 - f.bias : -f.bias
        let b = x.exponent - 1           // ⌊log2 |x|⌋
        let minNormal = target.smallestNormal
        if !f.hasSubnormals && b < emin {
            return Expected(value: .finite(minNormal), flags: [.underflow, .inexact])
        }
        let (r, inexactGrid) = roundToGrid(x, sticky: sticky, unitExponent: max(b, emin) - m, negative: negative,
                                           mode: options.mode, random: random)
        let inexact = inexactGrid || sticky
        var flags: ExceptionFlags = inexact ? .inexact : []
        let max = target.maxFinite
        if r.compareMagnitude(with: max) > 0 {
            flags = [.overflow, .inexact]
            let toInfinity: Bool
            switch options.mode {
            case .nearestEven, .nearestAway, .stochastic: toInfinity = true
            case .towardZero, .odd: toInfinity = false
            case .up: toInfinity = !negative
            case .down: toInfinity = negative
            }
            if options.overflow == .ieee && toInfinity {
                if f.hasInfinity { return Expected(value: .infinity(negative: negative), flags: flags) }
                if f.hasNaN { return Expected(value: .nan, flags: flags) }
            }
            return Expected(value: .finite(signed(max, negative)), flags: flags)
        }
        // Tininess.
        if b < emin {
            let tiny: Bool
            switch options.tininess {
            case .beforeRounding: tiny = true
            case .afterRounding:
                let (unbounded, _) = roundToGrid(x, sticky: sticky, unitExponent: b - m, negative: negative,
                                                 mode: options.mode, random: random)
                tiny = unbounded.compareMagnitude(with: minNormal) < 0
            }
            if tiny && inexact { flags.insert(.underflow) }
            if options.flushSubnormalOutputs && !r.isZero && r.compareMagnitude(with: minNormal) < 0 {
                return Expected(value: .finite(zero(negative && f.hasNegativeZero)), flags: [.underflow, .inexact])
            }
        }
        if r.isZero { return Expected(value: .finite(zero(negative && f.hasNegativeZero)), flags: flags) }
        return Expected(value: .finite(signed(r, negative)), flags: flags)
    }

    /// Whether an encoding is what the referee expects: same class, same value,
    /// same sign of zero, same flags (NaNs match any NaN).
    public static func agrees(_ code: UInt64, _ flags: ExceptionFlags, in f: FloatFormat, with expected: Expected) -> Bool {
        guard flags == expected.flags else { return false }
        let d = f.decodeUnchecked(code)
        switch expected.value {
        case .nan: return d.floatClass == .nan
        case .infinity(let n): return d.floatClass == .infinity && d.isNegative == n
        case .finite(let x):
            guard let v = d.value else { return false }
            if x.isZero { return v.isZero && v.isNegative == x.isNegative }
            return BigFloat(exactly: v).isEqual(to: x)
        }
    }
}

extension Referee.Expected {
    /// The expectation as an encoding of `f` with flags: NaN as the canonical
    /// NaN, accepting any NaN (the referee does not decide NaN signs or
    /// payloads), an infinity or a finite value as its encoding.
    public func expectation(in f: FloatFormat) -> Expected {
        switch value {
        case .nan:
            return Expected(code: f.canonicalNaN ?? 0, flags: flags, acceptsAnyNaN: true)
        case .infinity(let negative):
            return Expected(code: (negative ? f.negativeInfinity : f.positiveInfinity) ?? 0, flags: flags)
        case .finite(let x):
            if x.isZero { return Expected(code: x.isNegative && f.hasNegativeZero ? f.signMask : 0, flags: flags) }
            guard let d = x.exactDyadic(), let code = f.exactCode(of: d) else {
                preconditionFailure("the referee's result \(x) is not a value of \(f.name)")
            }
            return Expected(code: code, flags: flags)
        }
    }
}

extension Referee {
    /// The referee's input for x / s (s positive): MPFR's quotient at
    /// `precision` bits truncated toward zero, the sticky bit from its ternary
    /// value. Zeros, infinities and NaNs stay what they are.
    public static func quotient(_ x: Input, by s: Dyadic, precision: Int = 256) -> Input {
        guard case .finite(let value, let sticky) = x else { return x }
        precondition(!sticky, "an exact dividend")
        let divisor = BigFloat(exactly: s)
        let q = BigFloat(precision: precision)
        let t = BigFloat.withMPFR(q, value, divisor) { q, value, divisor in mpfr_div(q, value, divisor, floatlab_rndz()) }
        return .finite(q, sticky: t != 0)
    }
}
