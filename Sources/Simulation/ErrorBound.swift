import FloatFormats

/// The a-priori error bounds of the classical analysis (Higham, *Accuracy
/// and Stability of Numerical Algorithms*, 2nd ed., §3.1 and ch. 4), in terms
/// of the unit roundoff u of the format the arithmetic rounds into.
///
/// ```swift
/// ErrorBound.unitRoundoff(.bfloat16, mode: .nearestEven)   // 0.00390625: 2^-8
/// ErrorBound.gamma(255, unitRoundoff: 0.00390625)          // Optional(255.0): 255u/(1 − 255u)
/// ErrorBound.gamma(256, unitRoundoff: 0.00390625)          // nil: nu ≥ 1, no bound
/// ```
public enum ErrorBound {
    /// u: 2^−p for the nearest modes, 2^(1−p) (a whole ulp of 1) for directed,
    /// odd and stochastic rounding, whose error can reach one ulp.
    public static func unitRoundoff(_ format: FloatFormat, mode: RoundingMode) -> Double {
        switch mode {
        case .nearestEven, .nearestAway: return pow2(-format.precision)
        default: return pow2(1 - format.precision)
        }
    }

    /// γ_k = k·u / (1 − k·u), the bound on the relative effect of k roundings;
    /// nil when k·u ≥ 1, where the analysis gives no bound.
    public static func gamma(_ k: Int, unitRoundoff u: Double) -> Double? {
        let ku = Double(k) * u
        return ku < 1 ? ku / (1 - ku) : nil
    }

    /// The bound on |ŝ − s| / Σ|tᵢ| for summing n terms with `algorithm`:
    /// γ_depth (recursive: n − 1, pairwise: ⌈log₂ n⌉, blocked:K:
    /// (K − 1) + (⌈n/K⌉ − 1)), plus one rounding when each term is itself a
    /// rounded product; for Kahan's compensated sum 2u + n·u² (Knuth's
    /// 2u + O(nu²), its second-order term taken as n·u²). Underflow is not
    /// counted: the bounds hold when no result is subnormal.
    public static func relativeToAbsoluteSum(_ algorithm: SummationAlgorithm, terms n: Int, roundedTerms: Bool,
                                             unitRoundoff u: Double) -> Double? {
        let extra = roundedTerms ? 1 : 0
        if case .kahan = algorithm {
            // A rounded term carries its own (1 + δ) into the compensated sum.
            let compensated = 2 * u + Double(n) * u * u
            return roundedTerms ? compensated + u + compensated * u : compensated
        }
        return gamma(algorithm.depth(n) + extra, unitRoundoff: u)
    }

    static func pow2(_ k: Int) -> Double { Double(sign: .plus, exponent: k, significand: 1) }
}
