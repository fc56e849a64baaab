import FloatFormats

/// Conversion test vectors in named groups, each aimed at a bug that
/// conversion code is known to have: ties rounded away, truncation, the wrong
/// overflow policy, double rounding through an intermediate format, flushed
/// subnormals, NaN signs and payloads dropped.
///
/// Level 1 holds the structured groups; level 2 adds seeded random values at
/// every scale of the target. An input appears once, in the first group that
/// wants it.
///
/// ```swift
/// let groups = ConversionVectors.groups(from: .float32, to: .float8_e4m3fn)
/// groups.map(\.name).first          // "special values"
/// groups.first { $0.name == "exact ties" }!.inputs.contains(0x3F88_0000)   // true: 1.0625, midway between 1 and 1.125
/// ```
public enum ConversionVectors {
    /// A named group of source encodings and what it tests.
    public struct Group: Sendable, Hashable {
        public let name: String
        public let purpose: String
        public let inputs: [UInt64]
    }

    /// The formats a conversion is commonly done through; one group each where
    /// it lies strictly between the target's and the source's precision.
    public static let intermediates: [FloatFormat] = [.float16, .bfloat16, .float32]

    /// How many rounding boundaries the double-rounding groups sample (all of them for small targets).
    public static let doubleRoundingSamples = 600

    /// Targets with more positive values than this are sampled: per binade its
    /// first and last two values and four seeded random ones.
    public static let everyValueLimit = 4096

    /// The target's positive finite values, or the per-binade sample.
    public static func sampledValues(of target: FloatFormat, seed: UInt64) -> [Dyadic] {
        ConversionInputs.positiveValues(of: target, everyValueLimit: UInt64(everyValueLimit), edges: 2, randomPerBinade: 4,
                                        stream: RandomStream(seed: seed ^ 0x7E57), indexStride: 16)
    }

    public static func groups(from source: FloatFormat, to target: FloatFormat, level: Int = 1, seed: UInt64 = 1) -> [Group] {
        var seen = Set<UInt64>()
        var out: [Group] = []
        func add(_ name: String, _ purpose: String, _ codes: [UInt64]) {
            var fresh: [UInt64] = []
            for c in codes where seen.insert(c & source.encodingMask).inserted { fresh.append(c & source.encodingMask) }
            if !fresh.isEmpty { out.append(Group(name: name, purpose: purpose, inputs: fresh)) }
        }
        let toward = RoundingOptions(mode: .towardZero, overflow: .saturateAll)
        /// The source encodings at `value` (rounded toward zero into the source) and `distance` source ulps either side, both signs.
        func around(_ value: Dyadic, distance: Int, exactOnly: Bool = false) -> [UInt64] {
            var codes: [UInt64] = []
            for negative in source.isSigned && target.isSigned ? [false, true] : [false] {
                let v = negative ? value.negated : value
                let r = source.round(v, options: toward)
                if exactOnly {
                    if source.decodeUnchecked(r.code).value == v, !source.isNaN(r.code) { codes.append(r.code) }
                    continue
                }
                let magnitude = Int64(bitPattern: r.code & source.magnitudeMask), sign = r.code & source.signMask
                for delta in -distance...distance where delta != 0 || r.flags.isEmpty {
                    let m = magnitude + Int64(delta)
                    guard m >= 0, UInt64(m) <= source.magnitudeMask, !source.isNaN(UInt64(m) | sign) else { continue }
                    codes.append(UInt64(m) | sign)
                }
            }
            return codes
        }

        // Specials: both zeros, infinities, NaNs of both signs with several payloads.
        var specials = ConversionInputs.specials(of: source)
        if let nan = source.canonicalNaN {
            for variant in [nan, nan ^ 1, nan | source.fractionMask,
                            nan & ~(UInt64(1) << UInt64(max(source.fractionBits - 1, 0))) | 1] {
                for sign in [UInt64(0), source.signMask] where source.isNaN((variant ^ sign) & source.encodingMask) {
                    specials.append((variant ^ sign) & source.encodingMask)
                }
            }
        }
        add("special values", "both zeros, both infinities, NaNs of both signs with several payloads (quiet and signalling where the source has both), the extremes", specials)

        let values = sampledValues(of: target, seed: seed)
        // Each value's midpoint with the value just below it (zero below the smallest).
        var midpoints: [Dyadic] = []
        for v in values {
            let code = target.round(v).code & target.magnitudeMask
            let below = code == 0 ? Dyadic.zero : (target.decodeUnchecked(code - 1).value ?? .zero)
            midpoints.append(ConversionInputs.midpoint(below.magnitude, v))
        }
        let maxFinite = target.maxFinite, topUlp = target.ulp(at: maxFinite)
        let overflowTie = ConversionInputs.midpoint(maxFinite, Dyadic.sum(maxFinite, topUlp))
        add("exact ties", "inputs exactly midway between neighbouring target values: nearest-even and nearest-away part here",
            midpoints.flatMap { around($0, distance: 0, exactOnly: true) } + around(overflowTie, distance: 0, exactOnly: true))
        add("around the ties", "one and two source ulps either side of every midpoint: truncation and off-by-one rounding show here",
            midpoints.flatMap { around($0, distance: 2) })
        add("target values", "every target value (a sample per binade for wide targets) and one and two source ulps either side",
            values.flatMap { around($0, distance: 2) })

        // Double rounding: x just off a midpoint m, on the side that rounds away from m, close enough that an
        // intermediate format I rounds it onto m, where ties-to-even may then go the wrong way.
        for i in intermediates where i.precision > target.precision && i.precision < source.precision {
            var codes: [UInt64] = []
            let step = max(1, midpoints.count / doubleRoundingSamples)
            for m in stride(from: 0, to: midpoints.count, by: step).map({ midpoints[$0] }) + [overflowTie] {
                guard !m.isZero, m.binade! >= i.emin else { continue }
                let quarter = Dyadic(significand: 1, exponent: i.ulp(at: m).exponent - 2)
                for x in [Dyadic.sum(m, quarter), Dyadic.difference(m, quarter)] {
                    codes += around(x, distance: 0, exactOnly: true)
                }
            }
            add("double rounding through \(i.name)", "within a quarter \(i.name) ulp of a midpoint: rounding through \(i.name) first makes a tie of it, and the tie may go the wrong way", codes)
        }

        add("overflow", "the largest finite value, the overflow threshold (its tie), values beyond, the source's largest",
            around(maxFinite, distance: 2) + around(overflowTie, distance: 2) + around(Dyadic.sum(maxFinite, topUlp), distance: 2)
                + [source.maxFiniteCode(), source.maxFiniteCode(negative: true)])
        let smallest = target.smallestPositive
        let half = Dyadic(significand: 1, exponent: smallest.exponent - 1)
        add("underflow and subnormals", "half the smallest subnormal (a tie with zero), values below it, the smallest and largest subnormals, the smallest normal, each with neighbours; flushed subnormals show here",
            around(half, distance: 2) + around(Dyadic(significand: 1, exponent: smallest.exponent - 3), distance: 1)
                + around(smallest, distance: 2) + around(target.smallestNormal, distance: 2)
                + (target.smallestSubnormal.map { _ in around(Dyadic.difference(target.smallestNormal, smallest), distance: 2) } ?? []))
        if !target.isSigned && source.isSigned {
            let negatives = [target.smallestPositive, target.smallestNormal, .powerOfTwo(0), maxFinite, overflowTie].map {
                source.round($0.negated, options: toward).code
            }
            add("negative inputs", "negative values into a format without a sign: each implementation picks NaN, zero or the smallest value", negatives)
        }
        if level >= 2 {
            add("random", "seeded random values at every scale of the target (seed \(seed)), half of them uniform bit patterns",
                ConversionInputs.random(count: 4096, from: source, to: target, seed: seed))
        }
        return out
    }
}
