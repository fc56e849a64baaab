import FloatFormats

/// Another implementation's conversion outputs against FloatLab's: which
/// differ, what kind of bug each difference looks like, and whether every
/// output follows some other convention (a whole hypothesis, tested on every
/// input).
///
/// ```swift
/// // Someone's float32 → e4m3fn that rounds ties away from zero:
/// let inputs: [UInt64] = [0x3F80_0000, 0x3F88_0000, 0x3F98_0000]     // 1, 1.0625, 1.1875
/// let check = OutputCheck(from: .float32, to: .float8_e4m3fn, inputs: inputs, outputs: [0x38, 0x39, 0x3A])
/// check.mismatches.count          // 1: 1.0625 is a tie, and nearest-even gives 0x38
/// check.diagnosis                 // "all 3 outputs match `--rounding nearest-away`"
/// ```
public struct OutputCheck: Sendable {
    /// What a mismatch looks like.
    public enum Kind: Hashable, Sendable, CustomStringConvertible {
        case tieHandling, truncation, overflowPolicy, nanEncoding, negativeZero, subnormalFlush
        case doubleRounding(through: String)
        case offByOneUlp, wrongValue

        public var description: String {
            switch self {
            case .tieHandling: return "tie handling"
            case .truncation: return "truncation"
            case .overflowPolicy: return "overflow policy"
            case .nanEncoding: return "NaN encoding or sign"
            case .negativeZero: return "negative zero in a format without one"
            case .subnormalFlush: return "subnormal flushed to zero"
            case .doubleRounding(let f): return "double rounding through \(f)"
            case .offByOneUlp: return "off by one ulp"
            case .wrongValue: return "wrong value"
            }
        }
    }

    public struct Mismatch: Sendable, Hashable {
        public let index: Int
        public let input: UInt64
        public let expected: RoundedResult
        public let actual: UInt64
        public let kind: Kind
        /// Steps of the target between the two results; nil when either is NaN.
        public let ulpDistance: UInt64?
    }

    public let source: FloatFormat
    public let target: FloatFormat
    public let options: RoundingOptions
    public let checked: Int
    public let mismatches: [Mismatch]
    /// The first convention (nearest the requested one) that gives every output, if any.
    public let matchingConvention: Convention?

    /// Checks `outputs[i]` against FloatLab's conversion of `inputs[i]`
    /// (stochastic rounding draws element i's integer from a stream seeded by `seed`).
    public init(from source: FloatFormat, to target: FloatFormat, options: RoundingOptions = .default, seed: UInt64 = 0,
                inputs: [UInt64], outputs: [UInt64]) {
        precondition(inputs.count == outputs.count, "one output per input")
        self.source = source
        self.target = target
        self.options = options
        checked = inputs.count
        let stream = RandomStream(seed: seed)
        var found: [Mismatch] = []
        for i in inputs.indices {
            let code = inputs[i] & source.encodingMask
            guard let expected = try? target.convert(code, from: source, options: options, random: stream[UInt64(i)]) else { continue }
            let actual = outputs[i] & target.encodingMask
            if actual == expected.code { continue }
            if target.isNaN(actual) && target.isNaN(expected.code) && target.canonicalNaN == nil { continue }
            found.append(Mismatch(index: i, input: code, expected: expected, actual: actual,
                                  kind: OutputCheck.classify(code, expected: expected.code, actual: actual, from: source, to: target, options: options),
                                  ulpDistance: target.ulpDistance(expected.code, actual)))
        }
        mismatches = found
        var match: Convention?
        var stochastic = false
        if case .stochastic = options.mode { stochastic = true }
        if !found.isEmpty && !stochastic {
            for c in Convention.candidates(around: options, from: source, to: target) {
                if inputs.indices.allSatisfy({ c.convert(inputs[$0] & source.encodingMask, from: source, to: target) == outputs[$0] & target.encodingMask }) {
                    match = c
                    break
                }
            }
        }
        matchingConvention = match
    }

    /// Mismatches per kind, most frequent first.
    public var kinds: [(kind: Kind, count: Int)] {
        var counts: [Kind: Int] = [:]
        var order: [Kind] = []
        for m in mismatches {
            if counts[m.kind] == nil { order.append(m.kind) }
            counts[m.kind, default: 0] += 1
        }
        return order.map { ($0, counts[$0]!) }.sorted { $0.count > $1.count }
    }

    /// One line: the convention every output follows, else the kinds of mismatch; nil when there is none.
    public var diagnosis: String? {
        guard !mismatches.isEmpty else { return nil }
        if let c = matchingConvention {
            return "all \(checked) outputs match \(c.describe(against: options))"
        }
        return "\(mismatches.count) of \(checked) outputs differ: " + kinds.map { "\($0.count) \($0.kind)" }.joined(separator: ", ")
    }

    /// What a single wrong output looks like, tested in order: NaNs, negative
    /// zero, overflow, flushed subnormals, ties, truncation, double rounding, one ulp.
    public static func classify(_ input: UInt64, expected: UInt64, actual: UInt64, from source: FloatFormat, to target: FloatFormat,
                                options: RoundingOptions) -> Kind {
        let inValue = source.decodeUnchecked(input)
        if source.isNaN(input) { return .nanEncoding }
        if inValue.value == nil { return .overflowPolicy }     // an infinity: what it becomes is the overflow policy's choice
        if target.isNaN(actual) && !target.isNaN(expected) && target.decodeUnchecked(expected).value?.isZero == true && !target.hasNegativeZero {
            return .negativeZero
        }
        let e = target.decodeUnchecked(expected), a = target.decodeUnchecked(actual)
        let beyond = inValue.value.map { $0.magnitude > target.maxFinite } ?? true
        let extreme: (FloatFormat.Decoded) -> Bool = { d in d.value == nil || d.value!.magnitude == target.maxFinite }
        if beyond || extreme(e) && extreme(a) && (target.isNaN(actual) || target.isNaN(expected) || e.value == nil || a.value == nil) {
            return .overflowPolicy
        }
        if target.isNaN(actual) { return .nanEncoding }
        if let av = a.value, av.isZero, let ev = e.value, !ev.isZero, ev.magnitude < target.smallestNormal { return .subnormalFlush }
        if let av = a.value, av.isZero, let iv = inValue.value, iv.magnitude < target.smallestNormal, target.smallestSubnormal != nil {
            return .subnormalFlush
        }
        if let x = inValue.value {
            let down = Convention.convert(input, from: source, to: target, options: RoundingOptions(mode: .towardZero, overflow: .saturateAll), random: 0)
            let next = ((down & target.magnitudeMask) + 1) | (down & target.signMask)
            if next <= target.encodingMask, !target.isNaN(next), isMidpoint(x, between: down, and: next, in: target) { return .tieHandling }
            if actual == down { return .truncation }
            for i in ConversionVectors.intermediates where i.precision > target.precision && i.precision < source.precision {
                if Convention(options: options, through: i).convert(input, from: source, to: target) == actual {
                    return .doubleRounding(through: i.name)
                }
            }
        }
        return target.ulpDistance(expected, actual) == 1 ? .offByOneUlp : .wrongValue
    }

    /// Whether x lies exactly midway between the values of two encodings.
    static func isMidpoint(_ x: Dyadic, between a: UInt64, and b: UInt64, in f: FloatFormat) -> Bool {
        guard a != b, let va = f.decodeUnchecked(a).value?.magnitude, let vb = f.decodeUnchecked(b).value?.magnitude else { return false }
        let (lo, hi) = va < vb ? (va, vb) : (vb, va)
        let mid = ConversionInputs.midpoint(lo, hi)
        return mid == x.magnitude
    }
}
