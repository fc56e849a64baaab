import Dispatch
import FloatFormats
import Foundation
import Verification

/// `floatlab verify conversions` as a library call: which check the options
/// choose, and running it. The rounding core is checked against MPFR's
/// referee input by input; an exhaustive check of a wide source (float32)
/// sweeps every encoding through the bulk kernel against the bit-level core
/// or the lean MPFR reference.
///
/// ```swift
/// let check = ConversionCheck(source: .float8_e4m3fn, target: .float4_e2m1fn,
///                             modes: [.nearestEven], policies: [.ieee])
/// try check.method(exhaustive: false, boundaries: false, random: nil, reference: nil)   // .referee(.exhaustive)
/// check.runReferee(.exhaustive).mismatchCount                                        // 0
/// ```
public struct ConversionCheck: Sendable {
    /// What a sweep checks the bulk kernel against.
    public enum Reference: String, Sendable, CaseIterable {
        case core, mpfr
    }

    /// How the check runs.
    public enum Method: Sendable, Hashable {
        /// The conversion core against MPFR's referee, on these inputs.
        case referee(ConversionInputs.Selection)
        /// Every source encoding through the bulk kernel, against the reference.
        case sweep(Reference)
    }

    public let source: FloatFormat
    public let target: FloatFormat
    public let modes: [RoundingMode]
    public let policies: [OverflowPolicy]
    /// Subnormal and tininess options; mode and policy come from the lists.
    public let base: RoundingOptions
    /// The seed of random inputs and of stochastic rounding.
    public let seed: UInt64
    /// How many mismatches are kept.
    public let keep: Int

    /// Sources up to this width are swept through the core input by input
    /// when exhaustive; wider ones through the bulk kernel.
    public static let exhaustiveLimit = 24

    /// The modes `all` stands for: the deterministic ones and stochastic:8.
    public static let allModes: [RoundingMode] = RoundingMode.deterministic + [.stochastic(bits: 8)]

    public init(source: FloatFormat, target: FloatFormat, modes: [RoundingMode] = ConversionCheck.allModes,
                policies: [OverflowPolicy] = OverflowPolicy.allCases, base: RoundingOptions = .default,
                seed: UInt64 = 1, keep: Int = 10) {
        self.source = source
        self.target = target
        self.modes = modes
        self.policies = policies
        self.base = base
        self.seed = seed
        self.keep = max(keep, 1)
    }

    /// The check the options choose: exhaustive by default for sources of up
    /// to 16 bits, every rounding boundary otherwise; `exhaustive` from a
    /// source wider than 24 bits (or with the core as reference) is a kernel
    /// sweep. Throws when the options conflict or ask for the impossible.
    public func method(exhaustive: Bool, boundaries: Bool, random: Int?, reference: Reference?) throws(VerificationError) -> Method {
        if [exhaustive, boundaries, random != nil].filter({ $0 }).count > 1 {
            throw VerificationError("choose one of --exhaustive, --boundaries and --random N.")
        }
        if let random, random <= 0 { throw VerificationError("--random takes a positive count.") }
        if exhaustive && source.bitWidth > 32 {
            throw VerificationError("--exhaustive from \(source.name) means 2^\(source.bitWidth) inputs; use --boundaries or --random N.")
        }
        if exhaustive && source.bitWidth > Self.exhaustiveLimit && reference == .mpfr
            && !(source == .float32 && target.bitWidth <= 16) {
            throw VerificationError("--exhaustive --reference mpfr from \(source.name) to \(target.name) is not supported: the MPFR sweep of wide sources takes float32 into formats of up to 16 bits; use --reference core, --boundaries or --random N.")
        }
        if exhaustive && (source.bitWidth > Self.exhaustiveLimit || reference == .core) {
            return .sweep(reference ?? .core)
        }
        if let random { return .referee(.random(count: random, seed: seed)) }
        if boundaries || (!exhaustive && source.bitWidth > 16) { return .referee(.boundaries) }
        return .referee(.exhaustive)
    }

    /// The core against MPFR's referee on the selected inputs, on every core;
    /// `progress(done, total)` now and then.
    public func runReferee(_ selection: ConversionInputs.Selection,
                           progress: (@Sendable (Int, Int) -> Void)? = nil) -> CheckReport {
        let start = Date()
        var report = run(codes(selection), progress: progress)
        report.seconds = Date().timeIntervalSince(start)
        return report
    }

    /// Every source encoding through the bulk kernel, one sweep per mode and
    /// policy, each handed to `each` as it ends; `progress(done, total)` now and then.
    public func runSweeps(against reference: Reference, threads: Int,
                          progress: (@Sendable (Int, Int) -> Void)? = nil,
                          each: (SweepOutcome) -> Void) {
        let total = Int(source.encodingMask &+ 1)
        let range = 0..<(source.encodingMask &+ 1)
        let report: @Sendable (UInt64) -> Void = { progress?(Int($0), total) }
        for mode in modes {
            for policy in policies {
                var options = base
                options.mode = mode
                options.overflow = policy
                let converter = BulkConverter(from: source, to: target, options: options, seed: seed)
                let sweep = KernelSweep(converter)
                let start = Date()
                let (target, seed) = (self.target, self.seed)
                let chosen = options
                let result = reference == .mpfr
                    ? sweep.run(range, threads: threads, progress: report) { MPFRSweepReference(target: target, options: chosen, seed: seed) }
                    : sweep.run(range, threads: threads, progress: report)
                each(SweepOutcome(mode: mode, overflow: policy, result: result, seconds: Date().timeIntervalSince(start),
                                  kernel: converter.kernelName))
            }
        }
    }
}
