import CMPFR
import FloatFormats

/// MPFR's answer to "what is a op b in this format": the operation computed
/// by MPFR (`mpfr_add`, `mpfr_sub`, `mpfr_mul`, `mpfr_div`, `mpfr_sqrt`,
/// `mpfr_fma`, `mpfr_remainder`, `mpfr_min`, `mpfr_max`) exactly, or truncated toward zero at 320 bits with the
/// ternary value as sticky bit, then rounded into the format by the
/// conversion referee. The special cases are IEEE 754's (§7.2–7.3) as MPFR
/// reports them (its NaN and divide-by-zero flags), restated for formats
/// without infinities or NaNs; none of the core's arithmetic is used.
extension Referee {
    /// The expected result of an operation on encodings of the target's format.
    public static func expected(_ op: ArithmeticOperation, _ operands: [UInt64], in target: Target,
                                options: ArithmeticOptions, random: UInt64 = 0) -> Expected {
        let f = target.format
        let r = options.rounding
        let inputs = operands.map { input($0, in: f, flushSubnormals: r.flushSubnormalInputs) }
        // NaN operands: a NaN, invalid if one signals (or, for fma, the product is ∞ × 0).
        if inputs.contains(where: { if case .nan = $0 { return true } else { return false } }) {
            var signaling = inputs.contains { if case .nan(true) = $0 { return true } else { return false } }
            if op == .fma, isInfinityTimesZero(inputs[0], inputs[1]) { signaling = true }
            return Expected(value: .nan, flags: signaling ? .invalid : [])
        }
        let values = inputs.map(bigFloat)
        // Sums can need every bit between the largest and smallest exponents: exact at that precision.
        let wide = 2 * (f.emax - f.emin + 2 * f.precision) + 64
        let precision: Int
        switch op {
        case .add, .sub: precision = wide
        case .fma: precision = 2 * wide
        case .mul: precision = 2 * f.precision + 2
        case .div, .sqrt: precision = 320
        case .rem, .min, .max: precision = f.precision + 2   // exact: the result is representable
        }
        let down = r.mode == .down
        var (result, ternary, nan, divideByZero) = compute(op, values, precision: precision, down: down)
        if ternary != 0 && down {
            (result, ternary, nan, divideByZero) = compute(op, values, precision: precision, down: false)
        }
        if nan { return Expected(value: f.hasNaN ? .nan : .finite(BigFloat(0)), flags: .invalid) }
        let rounded: Expected
        if result.isInfinite {
            rounded = round(.infinity(negative: result.isNegative), into: target, options: r)
            if divideByZero { return Expected(value: rounded.value, flags: .divideByZero) }
            return rounded
        }
        if result.isZero { return round(.zero(negative: result.isNegative), into: target, options: r) }
        return round(.finite(result, sticky: ternary != 0), into: target, options: r, random: random)
    }

    private static func isInfinityTimesZero(_ a: Input, _ b: Input) -> Bool {
        switch (a, b) {
        case (.infinity, .zero), (.zero, .infinity): return true
        default: return false
        }
    }

    private static func bigFloat(_ input: Input) -> BigFloat {
        let x = BigFloat(precision: 64)
        switch input {
        case .zero(let negative): x.withMPFR { mpfr_set_zero($0, negative ? -1 : 1) }
        case .infinity(let negative): x.withMPFR { mpfr_set_inf($0, negative ? -1 : 1) }
        case .finite(let v, _): return v
        case .nan: break
        }
        return x
    }

    /// The operation in MPFR, truncated toward zero (toward −∞ with `down`, which only decides the sign
    /// of an exact zero): the result, the ternary value and MPFR's NaN and divide-by-zero flags.
    private static func compute(_ op: ArithmeticOperation, _ v: [BigFloat], precision: Int, down: Bool)
        -> (BigFloat, Int32, Bool, Bool) {
        let z = BigFloat(precision: precision)
        let rnd = down ? floatlab_rndd() : floatlab_rndz()
        mpfr_clear_flags()
        let ternary = apply(op, v, into: z, rounding: rnd)
        return (z, ternary, mpfr_nanflag_p() != 0, mpfr_divby0_p() != 0)
    }
}

extension Referee {
    /// z = op(v) in MPFR with the rounding direction `rnd`; the ternary value.
    static func apply(_ op: ArithmeticOperation, _ v: [BigFloat], into z: BigFloat, rounding rnd: mpfr_rnd_t) -> Int32 {
        z.withMPFR { out in
            switch op {
            case .add: return BigFloat.withMPFR(v[0], v[1]) { mpfr_add(out, $0, $1, rnd) }
            case .sub: return BigFloat.withMPFR(v[0], v[1]) { mpfr_sub(out, $0, $1, rnd) }
            case .mul: return BigFloat.withMPFR(v[0], v[1]) { mpfr_mul(out, $0, $1, rnd) }
            case .div: return BigFloat.withMPFR(v[0], v[1]) { mpfr_div(out, $0, $1, rnd) }
            case .sqrt: return v[0].withMPFR { mpfr_sqrt(out, $0, rnd) }
            case .fma: return BigFloat.withMPFR(v[0], v[1], v[2]) { mpfr_fma(out, $0, $1, $2, rnd) }
            case .rem: return BigFloat.withMPFR(v[0], v[1]) { mpfr_remainder(out, $0, $1, rnd) }
            // mpfr_min and mpfr_max order −0 below +0.
            case .min: return BigFloat.withMPFR(v[0], v[1]) { mpfr_min(out, $0, $1, rnd) }
            case .max: return BigFloat.withMPFR(v[0], v[1]) { mpfr_max(out, $0, $1, rnd) }
            }
        }
    }

    /// The expected a · 2^n: `mpfr_mul_2si` (exact), rounded into the format.
    public static func expectedScaleB(_ a: UInt64, _ n: Int, in target: Target, options: ArithmeticOptions, random: UInt64 = 0) -> Expected {
        let f = target.format
        switch input(a, in: f, flushSubnormals: options.rounding.flushSubnormalInputs) {
        case .nan(let signaling): return Expected(value: .nan, flags: signaling ? .invalid : [])
        case .finite(let x, _):
            let z = BigFloat(precision: x.precision)
            _ = z.withMPFR { out in x.withMPFR { mpfr_mul_2si(out, $0, n, floatlab_rndz()) } }
            return round(.finite(z, sticky: false), into: target, options: options.rounding, random: random)
        case let other:
            return round(other, into: target, options: options.rounding)
        }
    }

    /// The expected integral value of a by the mode: `mpfr_rint` in the IEEE directions, `mpfr_round` for
    /// ties away; for odd and stochastic rounding, from `mpfr_floor` and the fraction. Inexact is raised
    /// only with `signalInexact`.
    public static func expectedRoundToIntegral(_ a: UInt64, in target: Target, options: ArithmeticOptions, signalInexact: Bool,
                                               random: UInt64 = 0) -> Expected {
        let f = target.format
        let mode = options.rounding.mode
        switch input(a, in: f, flushSubnormals: options.rounding.flushSubnormalInputs) {
        case .nan(let signaling): return Expected(value: .nan, flags: signaling ? .invalid : [])
        case .finite(let x, _):
            let (z, inexact) = integral(x, mode: mode, random: random)
            let flags: ExceptionFlags = inexact && signalInexact ? .inexact : []
            if z.isZero {
                let zero = round(.zero(negative: x.isNegative), into: target, options: options.rounding)
                return Expected(value: zero.value, flags: flags)
            }
            let e = round(.finite(z, sticky: false), into: target, options: options.rounding)
            return Expected(value: e.value, flags: e.flags.union(flags))
        case let other:
            return round(other, into: target, options: options.rounding)
        }
    }
}

extension Referee {
    /// The expected comparison of two encodings: MPFR's `mpfr_cmp` on the decoded values (`mpfr_unordered_p`
    /// for NaNs), invalid for a signalling NaN, or any NaN in a signalling comparison.
    public static func expectedComparison(_ a: UInt64, _ b: UInt64, in f: FloatFormat, signaling: Bool,
                                          flushSubnormalInputs: Bool = false) -> (comparison: Comparison, flags: ExceptionFlags) {
        let x = input(a, in: f, flushSubnormals: flushSubnormalInputs), y = input(b, in: f, flushSubnormals: flushSubnormalInputs)
        var nan = false, signalingNaN = false
        for i in [x, y] { if case .nan(let s) = i { nan = true; signalingNaN = signalingNaN || s } }
        if nan { return (.unordered, signaling || signalingNaN ? .invalid : []) }
        let u = bigFloat(x), v = bigFloat(y)
        let c = BigFloat.withMPFR(u, v) { mpfr_cmp($0, $1) }
        return (c < 0 ? .less : (c > 0 ? .greater : .equal), [])
    }
}

extension Referee {
    /// x rounded to an integer by the mode, in MPFR, and whether that was inexact.
    static func integral(_ x: BigFloat, mode: RoundingMode, random: UInt64) -> (BigFloat, Bool) {
        let p = Swift.max(x.precision, 2) + 2
        let z = BigFloat(precision: p)
        var inexact: Bool
        switch mode {
        case .nearestEven, .nearestAway, .towardZero, .up, .down:
            let ternary: Int32 = BigFloat.withMPFR(z, x) { out, v in
                switch mode {
                case .nearestEven: return mpfr_rint(out, v, floatlab_rndn())
                case .nearestAway: return floatlab_mpfr_round_away(out, v)
                case .towardZero: return mpfr_rint(out, v, floatlab_rndz())
                case .up: return mpfr_rint(out, v, floatlab_rndu())
                default: return mpfr_rint(out, v, floatlab_rndd())
                }
            }
            inexact = ternary != 0
        case .odd, .stochastic:
            // On |x|, as round-and-pack rounds magnitudes: ⌊|x|⌋, or ⌊|x|⌋ + 1 for odd when ⌊|x|⌋ is even
            // and for stochastic when the fraction's top bits plus the random integer reach 1; then x's sign.
            let ax = BigFloat(precision: p), fraction = BigFloat(precision: p)
            _ = BigFloat.withMPFR(ax, x) { mpfr_abs($0, $1, floatlab_rndz()) }
            _ = BigFloat.withMPFR(z, ax) { mpfr_floor($0, $1) }
            _ = BigFloat.withMPFR(fraction, ax) { out, v in z.withMPFR { mpfr_sub(out, v, $0, floatlab_rndz()) } }
            inexact = !fraction.isZero
            var away = false
            if inexact {
                if case .stochastic(let bits) = mode {
                let scaled = BigFloat(precision: p + bits)
                _ = BigFloat.withMPFR(scaled, fraction) { mpfr_mul_2si($0, $1, bits, floatlab_rndz()) }
                _ = scaled.withMPFR { mpfr_floor($0, $0) }
                let top = scaled.withMPFR { floatlab_mpfr_get_ui64($0) }
                away = top + (random & ((1 << UInt64(bits)) - 1)) >= (1 << UInt64(bits))
                } else {
                let half = BigFloat(precision: p)
                _ = BigFloat.withMPFR(half, z) { mpfr_div_2ui($0, $1, 1, floatlab_rndz()) }
                away = half.withMPFR { mpfr_integer_p($0) } != 0   // ⌊|x|⌋ even
                }
            }
            if away { _ = z.withMPFR { mpfr_add_ui($0, $0, 1, floatlab_rndz()) } }
            if x.isNegative { _ = z.withMPFR { mpfr_neg($0, $0, floatlab_rndz()) } }
        }
        return (z, inexact)
    }

    /// The expected conversion to an integer of `bits` bits: the integral value as
    /// `expectedRoundToIntegral` finds it in MPFR, then the range check (saturating, invalid).
    public static func expectedToInteger(_ a: UInt64, bits: Int, signed: Bool, in target: Target, options: ArithmeticOptions,
                                         signalInexact: Bool, random: UInt64 = 0) -> IntegerResult {
        let lo: Int128 = signed ? -(1 << (bits - 1)) : 0
        let hi: Int128 = signed ? (1 << (bits - 1)) - 1 : (1 << bits) - 1
        switch input(a, in: target.format, flushSubnormals: options.rounding.flushSubnormalInputs) {
        case .nan: return IntegerResult(value: 0, flags: .invalid)
        case .infinity(let negative): return IntegerResult(value: negative ? lo : hi, flags: .invalid)
        case .zero: return IntegerResult(value: 0, flags: [])
        case .finite(let x, _):
            let (z, inexact) = integral(x, mode: options.rounding.mode, random: random)
            let magnitude = BigFloat(precision: 256)
            _ = BigFloat.withMPFR(magnitude, z) { mpfr_abs($0, $1, floatlab_rndz()) }
            // At or beyond 2^64 the value is outside every integer format of up to 64 bits.
            let limit = BigFloat(exactly: Dyadic(significand: 1, exponent: 64))
            var value: Int128 = magnitude.compareMagnitude(with: limit) >= 0 ? Int128.max
                : Int128(magnitude.withMPFR { floatlab_mpfr_get_ui64($0) })
            if z.isNegative { value = -value }
            if value < lo || value > hi { return IntegerResult(value: value < lo ? lo : hi, flags: .invalid) }
            return IntegerResult(value: value, flags: signalInexact && inexact ? .inexact : [])
        }
    }
}
