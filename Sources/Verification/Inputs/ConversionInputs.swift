import FloatFormats

/// The source encodings a conversion check feeds in: every encoding, every
/// rounding boundary of the target, the specials, or seeded random values at
/// every scale of the target. One place for every check and test that needs
/// them.
///
/// ```swift
/// ConversionInputs.codes(.exhaustive, from: .float8_e4m3fn, to: .float4_e2m1fn).count   // 256
/// ConversionInputs.specials(of: .float32).contains(0x7F80_0000)                         // true: +Inf
/// ```
public enum ConversionInputs {
    /// Which source encodings to check.
    public enum Selection: Sendable, Hashable {
        /// Every encoding (sources of up to 16 bits … 32 bits if you wait).
        case exhaustive
        /// Every rounding boundary of the target (each midpoint between
        /// neighbours, the overflow threshold, the underflow thresholds) with the
        /// source encodings at and up to two ulps of the source either side, both
        /// signs; plus the source's specials.
        case boundaries
        /// Seeded random encodings: half uniform bit patterns, half with an
        /// exponent inside the target's range.
        case random(count: Int, seed: UInt64)

        /// The name reports use: `exhaustive`, `boundaries`, `random N, seed S`.
        public var name: String {
            switch self {
            case .exhaustive: return "exhaustive"
            case .boundaries: return "boundaries"
            case .random(let n, let s): return "random \(n), seed \(s)"
            }
        }
    }

    /// The source encodings `selection` stands for. `seed` picks the sample
    /// values of targets too wide to list every value for boundaries.
    public static func codes(_ selection: Selection, from source: FloatFormat, to target: FloatFormat,
                             seed: UInt64 = 1) -> [UInt64] {
        switch selection {
        case .exhaustive: return Array(0...source.encodingMask)
        case .boundaries: return boundaries(from: source, to: target, seed: seed)
        case .random(let count, let seed): return random(count: count, from: source, to: target, seed: seed)
        }
    }

    /// The source's zeros, infinities, canonical NaN, extremes and smallest subnormals.
    public static func specials(of source: FloatFormat) -> [UInt64] {
        var set = Set<UInt64>()
        for c in [0, source.signMask, source.encodingMask, source.maxFiniteCode(), source.maxFiniteCode(negative: true),
                  1, source.signMask | 1] {
            set.insert(c & source.encodingMask)
        }
        if let inf = source.positiveInfinity { set.insert(inf) }
        if let inf = source.negativeInfinity { set.insert(inf) }
        if let nan = source.canonicalNaN { set.insert(nan) }
        return set.sorted()
    }

    /// Every rounding boundary of `target` in `source` (see `Selection.boundaries`), sorted.
    public static func boundaries(from source: FloatFormat, to target: FloatFormat, seed: UInt64 = 1,
                                  distance: Int = 2) -> [UInt64] {
        var set = Set<UInt64>()
        let toward = RoundingOptions(mode: .towardZero, overflow: .saturateAll)
        func around(_ value: Dyadic) {
            for negative in source.isSigned ? [false, true] : [false] {
                let v = negative ? value.negated : value
                let c = source.round(v, options: toward).code
                let magnitude = c & source.magnitudeMask
                let sign = c & source.signMask
                for delta in -distance...(distance + 1) {
                    let m = Int64(bitPattern: magnitude) + Int64(delta)
                    guard m >= 0, UInt64(m) <= source.magnitudeMask else { continue }
                    set.insert(UInt64(m) | sign)
                }
            }
        }
        // Neighbouring target values and their midpoints.
        var previous: Dyadic = .zero
        for v in positiveValues(of: target, seed: seed) {
            around(v)
            around(midpoint(previous, v))
            previous = v
        }
        // Overflow threshold: max + ulp/2, and max + ulp.
        let max = target.maxFinite, ulp = target.ulp(at: max)
        around(midpoint(max, Dyadic.sum(max, ulp)))
        around(Dyadic.sum(max, ulp))
        set.formUnion(specials(of: source))
        return set.sorted()
    }

    /// Seeded random encodings of `source`: even-numbered ones uniform bit
    /// patterns, odd-numbered ones a value whose binade lies within the
    /// target's range (±2 binades, subnormals included), so that every scale of
    /// the target is sampled.
    public static func random(count: Int, from source: FloatFormat, to target: FloatFormat, seed: UInt64) -> [UInt64] {
        let stream = RandomStream(seed: seed ^ 0x5EED)
        var out: [UInt64] = []
        out.reserveCapacity(count)
        let lowE = target.emin - target.fractionBits - 3, highE = target.emax + 2
        for i in 0..<count {
            let r = stream[UInt64(i)]
            if i % 2 == 0 {
                out.append(r & source.encodingMask)
            } else {
                let span = UInt64(highE - lowE + 1)
                let e = lowE + Int(r % span)
                let fraction = stream[UInt64(i) &+ (1 << 40)]
                let negative = (r >> 63) & 1 == 1
                let d = Dyadic(isNegative: negative, significand: fraction | (1 << 63), exponent: e - 63)
                out.append(source.round(d, options: RoundingOptions(mode: .towardZero, overflow: .saturateAll)).code)
            }
        }
        return out
    }

    /// The target's positive finite values: all of them for targets of up to 2^17,
    /// else per binade the first and last 8 and 16 seeded random ones.
    public static func positiveValues(of target: FloatFormat, seed: UInt64 = 1) -> [Dyadic] {
        positiveValues(of: target, everyValueLimit: 1 << 17, edges: 8, randomPerBinade: 16, stream: RandomStream(seed: seed), indexStride: 64)
    }

    /// The target's positive finite values when there are fewer than `everyValueLimit`, else per
    /// binade its first and last `edges` and `randomPerBinade` values drawn from `stream`
    /// (binade b's i-th draw at index b · indexStride + i), sorted.
    public static func positiveValues(of target: FloatFormat, everyValueLimit: UInt64, edges: Int, randomPerBinade: Int,
                                      stream: RandomStream, indexStride: UInt64) -> [Dyadic] {
        let first: UInt64 = target.hasZero ? 1 : 0
        let last = target.largestFiniteMagnitude
        if last - first < everyValueLimit {
            return (first...last).compactMap { target.decodeUnchecked($0).value }
        }
        var codes = Set<UInt64>()
        let m = UInt64(target.fractionBits)
        var field: UInt64 = 0
        while (field << m) <= last {
            let lo = Swift.max(field << m, first), hi = Swift.min(((field + 1) << m) - 1, last)
            if lo <= hi {
                for i in 0..<edges where lo + UInt64(i) <= hi { codes.insert(lo + UInt64(i)); codes.insert(hi - UInt64(i)) }
                for i in 0..<randomPerBinade { codes.insert(lo + stream[field &* indexStride &+ UInt64(i)] % (hi - lo + 1)) }
            }
            field += 1
        }
        return codes.sorted().compactMap { target.decodeUnchecked($0).value }
    }

    static func midpoint(_ a: Dyadic, _ b: Dyadic) -> Dyadic {
        let s = Dyadic.sum(a, b)
        return Dyadic(isNegative: false, significand: s.significand, exponent: s.exponent - 1)
    }
}
