import Foundation

/// Properties derived from the fields. Exact ones are `Dyadic`; the logarithmic
/// ones (digits, binades, decibels) are `Double` and for display.
extension FloatFormat {
    /// The smallest exponent of a normal number: 1 − bias (−bias without subnormals).
    @inlinable @inline(always) public var emin: Int { derived.emin }

    /// The exponent of the largest finite number.
    @inlinable @inline(always) public var emax: Int { derived.emax }

    /// The largest finite value.
    ///
    /// ```swift
    /// FloatFormat.float16.maxFinite.exactDecimal()        // "65504"
    /// FloatFormat.float8_e4m3fnuz.maxFinite.exactDecimal() // "240"
    /// ```
    public var maxFinite: Dyadic { decodeUnchecked(largestFiniteMagnitude).value! }

    /// The most negative finite value: −maxFinite when signed, else the smallest value.
    public var minFinite: Dyadic {
        isSigned ? maxFinite.negated : (hasZero ? .zero : smallestNormal)
    }

    /// The smallest positive normal value, 2^emin.
    public var smallestNormal: Dyadic { .powerOfTwo(emin) }

    /// The smallest positive subnormal, 2^(emin − M); `nil` without subnormals or
    /// without fraction bits.
    public var smallestSubnormal: Dyadic? {
        hasSubnormals && fractionBits > 0 ? .powerOfTwo(emin - fractionBits) : nil
    }

    /// The smallest positive value.
    public var smallestPositive: Dyadic { smallestSubnormal ?? smallestNormal }

    /// Machine epsilon: the gap between 1 and the next value, 2^−M.
    public var epsilon: Dyadic { .powerOfTwo(-fractionBits) }

    /// Unit roundoff for round-to-nearest: 2^−(M+1), half of epsilon.
    public var unitRoundoff: Dyadic { .powerOfTwo(-fractionBits - 1) }

    /// Decimal digits of precision, −log10(ε) = M·log10(2) (numpy and torch call its
    /// floor "precision").
    public var decimalDigits: Double { Double(fractionBits) * log10(2.0) }

    /// torch/numpy `finfo.resolution`: 10^−floor(decimalDigits).
    ///
    /// ```swift
    /// FloatFormat.float32.resolution    // 1e-06
    /// FloatFormat.bfloat16.resolution   // 0.01
    /// ```
    public var resolution: Double {
        Double("1e-\(Int(decimalDigits.rounded(.down)))")!
    }

    /// log2(max / smallest positive): the binades the format spans, subnormals included.
    public var dynamicRangeBinades: Double {
        maxFinite.log2Magnitude - smallestPositive.log2Magnitude
    }

    /// log2(max / smallest normal): the binades of normal numbers.
    public var normalRangeBinades: Double {
        maxFinite.log2Magnitude - smallestNormal.log2Magnitude
    }

    /// The dynamic range in decibels, 20·log10(max / smallest positive).
    public var dynamicRangeDecibels: Double { dynamicRangeBinades * 20 * log10(2.0) }

    /// The distance from `x` to the next larger value of the same binade:
    /// 2^(max(⌊log2|x|⌋, emin) − M). At 0 it is the smallest subnormal spacing.
    ///
    /// ```swift
    /// FloatFormat.bfloat16.ulp(at: .powerOfTwo(0))  // 2^-7
    /// ```
    public func ulp(at x: Dyadic) -> Dyadic {
        let e = max(x.binade ?? emin, emin)
        return .powerOfTwo(e - fractionBits)
    }
}
