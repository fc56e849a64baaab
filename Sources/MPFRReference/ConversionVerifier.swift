import Dispatch
import FloatFormats
import Foundation

/// Runs the conversion core against the referee: every chosen source encoding,
/// in every chosen rounding mode and overflow policy.
public struct ConversionVerifier: Sendable {
    /// Which source encodings to check.
    public enum Inputs: Sendable, Equatable {
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
    }

    /// One disagreement.
    public struct Mismatch: Sendable, CustomStringConvertible {
        public let sourceCode: UInt64
        public let mode: RoundingMode
        public let overflow: OverflowPolicy
        public let got: RoundedResult
        public let expected: String
        public let sourceText: String

        public var description: String {
            "0x\(String(sourceCode, radix: 16)) (\(sourceText)) \(mode.name) \(overflow.rawValue): got 0x\(String(got.code, radix: 16)) \(got.flags.letters), MPFR says \(expected)"
        }
    }

    /// What a run checked.
    public struct Report: Sendable {
        public var inputs = 0
        public var comparisons = 0
        public var mismatchCount = 0
        public var mismatches: [Mismatch] = []
    }

    public let source: FloatFormat
    public let target: FloatFormat
    public let modes: [RoundingMode]
    public let policies: [OverflowPolicy]
    public let base: RoundingOptions
    public let seed: UInt64
    /// How many mismatches are kept for the report.
    public var keep = 20

    public init(source: FloatFormat, target: FloatFormat, modes: [RoundingMode], policies: [OverflowPolicy],
                base: RoundingOptions = .default, seed: UInt64 = 1) {
        self.source = source
        self.target = target
        self.modes = modes
        self.policies = policies
        self.base = base
        self.seed = seed
    }

    /// The source encodings `inputs` stands for.
    public func codes(_ inputs: Inputs) -> [UInt64] {
        switch inputs {
        case .exhaustive:
            return Array(0...source.encodingMask)
        case .random(let count, let seed):
            return randomCodes(count: count, seed: seed)
        case .boundaries:
            return boundaryCodes()
        }
    }

    /// Runs the check over `codes`, on every core, calling `progress(done, total)` now and then.
    public func run(_ codes: [UInt64], progress: (@Sendable (Int, Int) -> Void)? = nil) -> Report {
        let refereeTarget = Referee.Target(target)
        let stream = RandomStream(seed: seed)
        let chunks = max(1, min(64, codes.count / 256))
        let shared = Shared(keep: keep)
        let work = codes
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let lo = work.count * chunk / chunks, hi = work.count * (chunk + 1) / chunks
            var local = Report()
            for i in lo..<hi {
                let code = work[i]
                let input = Referee.input(code, in: source, flushSubnormals: base.flushSubnormalInputs)
                local.inputs += 1
                let infinite: Bool
                if case .infinity = input { infinite = true } else { infinite = false }
                let random = stream[code]
                for mode in modes {
                    var shared: Referee.Expected? = nil
                    for policy in policies {
                        var options = base
                        options.mode = mode
                        options.overflow = policy
                        let got = try! target.convert(code, from: source, options: options, random: random)
                        // The overflow policy decides only overflows and infinities: elsewhere
                        // the referee's answer for one policy is its answer for all.
                        let expected: Referee.Expected
                        if let e = shared {
                            expected = e
                        } else {
                            expected = Referee.round(input, into: refereeTarget, options: options, random: random)
                            if !infinite && !expected.flags.contains(.overflow) { shared = expected }
                        }
                        local.comparisons += 1
                        if !Referee.agrees(got.code, got.flags, in: target, with: expected) {
                            local.mismatchCount += 1
                            if local.mismatches.count < keep {
                                let text = source.decodeUnchecked(code).value?.exactDecimal() ?? source.decodeUnchecked(code).floatClass.description
                                local.mismatches.append(Mismatch(sourceCode: code, mode: mode, overflow: policy, got: got,
                                                                 expected: expected.description, sourceText: text))
                            }
                        }
                    }
                }
            }
            let d = shared.merge(local, count: hi - lo)
            progress?(d, work.count)
        }
        return shared.report
    }

    /// The report the workers merge into, under a lock.
    private final class Shared: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var report = Report()
        private var done = 0
        let keep: Int

        init(keep: Int) { self.keep = keep }

        func merge(_ local: Report, count: Int) -> Int {
            lock.lock()
            defer { lock.unlock() }
            report.inputs += local.inputs
            report.comparisons += local.comparisons
            report.mismatchCount += local.mismatchCount
            report.mismatches += local.mismatches.prefix(max(0, keep - report.mismatches.count))
            done += count
            return done
        }
    }

    // MARK: Input generation

    private func randomCodes(count: Int, seed: UInt64) -> [UInt64] {
        let stream = RandomStream(seed: seed ^ 0x5EED)
        var out: [UInt64] = []
        out.reserveCapacity(count)
        let lowE = target.emin - target.fractionBits - 3, highE = target.emax + 2
        for i in 0..<count {
            let r = stream[UInt64(i)]
            if i % 2 == 0 {
                out.append(r & source.encodingMask)
            } else {
                // A value whose binade lies within the target's range (±2), in the source.
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

    private func boundaryCodes() -> [UInt64] {
        var set = Set<UInt64>()
        let toward = RoundingOptions(mode: .towardZero, overflow: .saturateAll)
        func around(_ value: Dyadic) {
            for negative in source.isSigned ? [false, true] : [false] {
                let v = negative ? value.negated : value
                let c = source.round(v, options: toward).code
                let magnitude = c & source.magnitudeMask
                let sign = c & source.signMask
                for delta in -2...3 {
                    let m = Int64(bitPattern: magnitude) + Int64(delta)
                    guard m >= 0, UInt64(m) <= source.magnitudeMask else { continue }
                    set.insert(UInt64(m) | sign)
                }
            }
        }
        // Neighbouring target values and their midpoints.
        let positives = targetPositives()
        var previous: Dyadic = .zero
        for v in positives {
            around(v)
            around(midpoint(previous, v))
            previous = v
        }
        // Overflow threshold: max + ulp/2, and max + ulp.
        let max = target.maxFinite, ulp = target.ulp(at: max)
        around(midpoint(max, Dyadic.sum(max, ulp)))
        around(Dyadic.sum(max, ulp))
        // Source specials and extremes.
        for c in [0, source.signMask, source.encodingMask, source.maxFiniteCode(), source.maxFiniteCode(negative: true), 1, source.signMask | 1] {
            set.insert(c & source.encodingMask)
        }
        if let inf = source.positiveInfinity { set.insert(inf) }
        if let inf = source.negativeInfinity { set.insert(inf) }
        if let nan = source.canonicalNaN { set.insert(nan) }
        return set.sorted()
    }

    /// The target's positive finite values: all of them for targets of up to 2^17,
    /// else per binade the first and last 8 and 16 seeded random ones.
    private func targetPositives() -> [Dyadic] {
        let first: UInt64 = target.hasZero ? 1 : 0
        let last = target.largestFiniteMagnitude
        if last - first < 1 << 17 {
            return (first...last).compactMap { target.decodeUnchecked($0).value }
        }
        var codes: [UInt64] = []
        let stream = RandomStream(seed: seed)
        let m = UInt64(target.fractionBits)
        var field: UInt64 = 0
        while (field << m) <= last {
            let lo = max(field << m, first), hi = min(((field + 1) << m) - 1, last)
            if lo <= hi {
                for i in 0..<8 where lo + UInt64(i) <= hi { codes.append(lo + UInt64(i)); codes.append(hi - UInt64(i)) }
                for i in 0..<16 { codes.append(lo + stream[field &* 64 &+ UInt64(i)] % (hi - lo + 1)) }
            }
            field += 1
        }
        return Set(codes).sorted().compactMap { target.decodeUnchecked($0).value }
    }

    private func midpoint(_ a: Dyadic, _ b: Dyadic) -> Dyadic {
        let s = Dyadic.sum(a, b)
        return Dyadic(isNegative: false, significand: s.significand, exponent: s.exponent - 1)
    }
}
