import Dispatch
import FloatFormats
import Foundation
import Verification

/// The referee check of `ConversionCheck`: the conversion core against MPFR,
/// every chosen source encoding in every chosen rounding mode and overflow
/// policy. Input `code` takes the random integer `RandomStream(seed)[code]`
/// for stochastic rounding (the mismatch's index is the code).
extension ConversionCheck {
    /// The source encodings `inputs` stands for.
    public func codes(_ inputs: ConversionInputs.Selection) -> [UInt64] {
        ConversionInputs.codes(inputs, from: source, to: target, seed: seed)
    }

    /// Runs the check over `codes`, on every core, calling `progress(done, total)` now and then.
    public func run(_ codes: [UInt64], progress: (@Sendable (Int, Int) -> Void)? = nil) -> CheckReport {
        let refereeTarget = Referee.Target(target)
        let stream = RandomStream(seed: seed)
        let chunks = max(1, min(64, codes.count / 256))
        let shared = Shared(keep: keep)
        let work = codes
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let lo = work.count * chunk / chunks, hi = work.count * (chunk + 1) / chunks
            var local = CheckReport()
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
                                local.mismatches.append(Mismatch(
                                    source: source, target: target, input: code, index: code, options: options,
                                    expected: expected.expectation(in: target), actualCode: got.code,
                                    actualFlags: got.flags, reference: "MPFR"))
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
        private(set) var report = CheckReport()
        private var done = 0
        let keep: Int

        init(keep: Int) { self.keep = keep }

        func merge(_ local: CheckReport, count: Int) -> Int {
            lock.lock()
            defer { lock.unlock() }
            report.merge(local, keep: keep)
            done += count
            return done
        }
    }
}
