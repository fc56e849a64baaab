import FloatFormats

/// Scales rounded once into the format they are stored in.
enum ScaleRounding {
    /// The exact value of a finite float64.
    static func dyadic(_ d: Double) -> Dyadic { FloatFormat.float64.decodeUnchecked(d.bitPattern).value! }

    /// How a quotient is rounded into a scale format: by one IEEE division
    /// (float64 and float32 need no more) or by the rounding core. Decided
    /// once per quantizer, not per group.
    enum Division: Sendable { case float64, float32, core }

    static func division(for format: FloatFormat) -> Division {
        // (the field checks first: they are cheaper than comparing whole formats)
        if format.fractionBits == 52, format.exponentBits == 11, format == .float64 { return .float64 }
        if format.fractionBits == 23, format.exponentBits == 8, format == .float32 { return .float32 }
        return .core
    }

    /// numerator / denominator (both exact, positive) rounded once to nearest
    /// even in `format`, as a float64 (finite: overflow saturates), and never
    /// zero for a positive numerator: a quotient that underflows gives the
    /// format's smallest positive value, since a scale of zero cannot be
    /// divided by.
    static func quotient(_ numerator: Double, _ denominator: Dyadic, in format: FloatFormat) -> Double {
        quotient(numerator, denominator, in: format, division: division(for: format))
    }

    /// `quotient(_:_:in:)` with the format's `division(for:)` given.
    @inline(__always)
    static func quotient(_ numerator: Double, _ denominator: Dyadic, in format: FloatFormat, division: Division) -> Double {
        let q = roundedQuotient(numerator, denominator, in: format, division: division)
        return q == 0 && numerator > 0 ? format.smallestPositive.doubleValue : q
    }

    @inline(__always)
    private static func roundedQuotient(_ numerator: Double, _ denominator: Dyadic, in format: FloatFormat,
                                        division: Division) -> Double {
        // An IEEE division is the quotient rounded once to nearest even: float64 and float32 need no more
        // (the denominators here are small integers, halves or format maxima, exact in float32).
        if division != .core {
            let d = denominator.doubleValue
            // d is the denominator exactly when its odd significand has at most 53 bits and it is a normal float64.
            let exactDenominator = !denominator.isNegative && denominator.significand < 1 << 53
                && (-1022...1023).contains(denominator.binade ?? 0)
            if division == .float64, exactDenominator, numerator.isFinite, (numerator / d).isFinite {
                return numerator / d
            }
            if division == .float32, let n = Float(exactly: numerator), let f = Float(exactly: d), n.isFinite, f.isNormal,
               (n / f).isFinite {
                return Double(n / f)
            }
        }
        let options = RoundingOptions(mode: .nearestEven, overflow: .saturate)
        let r = format.round(SourceValue(dyadic(numerator)), dividedBy: denominator, options: options)
        return format.decodeUnchecked(r.code).value!.doubleValue
    }

    /// An exact value rounded to nearest even in `format` (saturating).
    static func rounded(_ x: Double, in format: FloatFormat) -> Double {
        let r = format.round(x, options: RoundingOptions(mode: .nearestEven, overflow: .saturate))
        return format.decodeUnchecked(r.code).value!.doubleValue
    }
}

/// float32 results of exact products, rounded once.
enum FloatRounding {
    /// a · b rounded once to nearest-even float32 (not via a float64 product
    /// rounded again): the product's float64 rounding and its error from a
    /// fused multiply-add decide the float32 ties.
    @inline(__always)
    static func product(_ a: Double, _ b: Double) -> Float {
        let hi = a * b
        let r = Float(hi)
        // In float32's normal range only a float64 product that is exactly a float32 midpoint (its 29 low
        // significand bits 1 followed by zeros) can round differently from the exact product.
        let m = hi.magnitude
        if m >= 0x1p-126 && m < 0x1p127 && (hi.bitPattern & 0x1FFF_FFFF) != 0x1000_0000 { return r }
        let lo = (-hi).addingProduct(a, b)
        if lo == 0 || !r.isFinite { return r }
        // Only a float64 product that lies exactly halfway between two float32 values can round wrongly.
        let d = Double(r)
        let other = hi > d ? Double(r.nextUp) : (hi < d ? Double(r.nextDown) : d)
        if other == d || (d + other) / 2 != hi { return r }
        // hi is a tie; lo says which side the exact product is on.
        let upper = Swift.max(d, other), lower = Swift.min(d, other)
        return Float(lo > 0 ? upper : lower)
    }
}
