import CMPFR
import FloatFormats
import Verification

/// MPFR as the reference of an exhaustive float32 sweep (`floatlab verify
/// conversions --from float32 --exhaustive --reference mpfr`), lean enough for
/// 2^32 inputs: each worker keeps its MPFR numbers and reuses them.
///
/// A finite float32 x is rounded by MPFR in the mode: to M + 1 bits
/// (`mpfr_set_flt` into a number of that precision) when |x| is at least the
/// target's smallest normal, else to an integer multiple of the smallest
/// subnormal (`mpfr_rint` of x·2^(M − emin), the scaling exact in a Double).
/// The result, exact in a Double, is compared with the kernel's encoding
/// decoded; an overflow with
/// what the general referee gives for one, per sign. Zeros, infinities, NaNs,
/// unsigned or zero-less targets, and the modes MPFR lacks (nearest with ties
/// away, round to odd, stochastic) take the general referee (`Referee.round`),
/// which is slower.
///
/// ```swift
/// let r = MPFRSweepReference(target: .float8_e4m3fn, options: RoundingOptions())
/// r.disagreement(code: 0x3F80_0000, index: 0, result: 0x38)   // nil: 1.0 is 0x38
/// ```
///
/// A final class: it owns its MPFR scratch numbers, which copies would share.
/// Each sweep worker makes its own.
public final class MPFRSweepReference: SweepReference {
    public let target: FloatFormat
    public let options: RoundingOptions
    /// The seed of stochastic rounding, as the kernel's.
    public let seed: UInt64
    private let refereeTarget: Referee.Target
    private let direction: mpfr_rnd_t?
    private let values: [Double]          // every target encoding's value; NaN for NaNs
    private let maxFinite: Double
    /// The direct path's constants, read once: MPFR's direction when the
    /// mode and the target allow the direct path, and emin.
    private let directDirection: mpfr_rnd_t?
    private let emin: Int
    private let subnormalScale: Double      // 2^(M − emin)
    private let hasNegativeZero: Bool
    /// What an overflow gives, by sign (depends only on mode and policy).
    private let overflow: (positive: Double, negative: Double)
    /// The MPFR scratch numbers of the direct path, owned here.
    private let rounded, scaled, integer: BigFloat

    public init(target: FloatFormat, options: RoundingOptions, seed: UInt64 = 0) {
        precondition(target.bitWidth <= 16, "the sweep reference decodes targets of up to 16 bits into Doubles")
        self.target = target
        self.options = options
        self.seed = seed
        refereeTarget = Referee.Target(target)
        switch options.mode {
        case .nearestEven: direction = floatlab_rndn()
        case .towardZero: direction = floatlab_rndz()
        case .up: direction = floatlab_rndu()
        case .down: direction = floatlab_rndd()
        // MPFR_RNDA is directed (away from zero), not nearest with ties away.
        case .nearestAway, .odd, .stochastic: direction = nil
        }
        values = (0...target.encodingMask).map { code in
            let d = target.decodeUnchecked(code)
            switch d.floatClass {
            case .nan: return .nan
            case .infinity: return d.isNegative ? -.infinity : .infinity
            default: return d.value!.doubleValue
            }
        }
        maxFinite = target.maxFinite.doubleValue
        let direct = target.isSigned && target.hasSubnormals && !options.flushSubnormalInputs && !options.flushSubnormalOutputs
        directDirection = direct ? direction : nil
        emin = target.emin
        subnormalScale = Double(sign: .plus, exponent: target.fractionBits - target.emin, significand: 1)
        hasNegativeZero = target.hasNegativeZero
        (rounded, scaled, integer) = (BigFloat(precision: target.fractionBits + 1), BigFloat(precision: 24), BigFloat(precision: 24))
        let huge = Dyadic.powerOfTwo(target.emax + 4)
        let referee = refereeTarget
        func value(_ d: Dyadic) -> Double {
            switch Referee.round(.finite(BigFloat(exactly: d), sticky: false), into: referee, options: options).value {
            case .nan: return .nan
            case .infinity(let n): return n ? -.infinity : .infinity
            case .finite(let x): return x.withMPFR { mpfr_get_d($0, floatlab_rndn()) }
            }
        }
        overflow = (value(huge), value(huge.negated))
    }

    public var name: String { "MPFR" }

    public func disagreement(code: UInt64, index: UInt64, result: UInt64) -> Expected? {
        let f = Float(bitPattern: UInt32(truncatingIfNeeded: code))
        guard let direction = directDirection, f.isFinite, f != 0 else {
            return general(code, index, result)
        }
        let expected: Double
        if Int(f.exponent) < emin {
            // The subnormal grid: x·2^(M − emin) rounded to an integer by MPFR;
            // the scalings by powers of two are exact in a Double.
            let scale = subnormalScale
            expected = BigFloat.withMPFR(scaled, integer) { scaled, integer in
                mpfr_set_d(scaled, Double(f) * scale, floatlab_rndn())         // exact: 24 bits
                mpfr_rint(integer, scaled, direction)
                return mpfr_get_d(integer, floatlab_rndn()) / scale          // exact: ≤ 16-bit values
            }
        } else {
            expected = rounded.withMPFR { rounded in
                mpfr_set_flt(rounded, f, direction)                           // rounded to M + 1 bits
                return mpfr_get_d(rounded, floatlab_rndn())
            }
        }
        let want: Double
        if abs(expected) > maxFinite {
            want = f < 0 ? overflow.negative : overflow.positive
        } else {
            // A zero result of a negative value is −0 only where the format has one.
            want = expected == 0 && !hasNegativeZero ? 0 : expected
        }
        let got = values[Int(result)]
        if want.isNaN ? got.isNaN : got == want && got.sign == want.sign { return nil }
        if want.isNaN { return Expected(code: target.canonicalNaN ?? 0, acceptsAnyNaN: true) }
        return Expected(code: target.round(want).code)     // exact: want is a value of the target
    }

    /// The general referee, for the rare cases.
    private func general(_ code: UInt64, _ index: UInt64, _ result: UInt64) -> Expected? {
        let expected = Referee.round(Referee.input(code, in: .float32, flushSubnormals: options.flushSubnormalInputs),
                                     into: refereeTarget, options: options, random: UInt64(RoundingNoise(seed: seed)[index]))
        return Referee.agrees(result, expected.flags, in: target, with: expected) ? nil : expected.expectation(in: target)
    }
}
