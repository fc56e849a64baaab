import ArgumentParser
import FloatFormats
import Foundation
import MPFRReference

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check FloatLab against MPFR.",
        subcommands: [VerifyConversions.self])
}

struct VerifyConversions: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conversions",
        abstract: "Run the conversion core against MPFR and report every disagreement.",
        discussion: """
        Inputs: --exhaustive (every source encoding; the default for sources of up to 16 bits), \
        --boundaries (every rounding boundary of the target with the source values at, one and two \
        ulps either side; the default for wider sources) or --random N --seed S. Exits 1 on any mismatch \
        and prints the first ones. Progress goes to standard error.
        """)

    @Option(help: "Target format.", transform: parseFormat)
    var to: FloatFormat

    @Option(help: "Source format.", transform: parseFormat)
    var from: FloatFormat = .float32

    @Option(help: "Comma-separated rounding modes, or all.")
    var rounding: String = "all"

    @Option(help: "Comma-separated overflow policies, or all.")
    var overflow: String = "all"

    @Flag(help: "Every source encoding.")
    var exhaustive = false

    @Flag(help: "Every rounding boundary of the target.")
    var boundaries = false

    @Option(help: "This many seeded random source encodings.")
    var random: Int?

    @Option(help: "Seed of --random inputs and of stochastic rounding.")
    var seed: UInt64 = 1

    @OptionGroup var subnormals: SubnormalArguments

    @Option(help: "How many mismatches to print.")
    var show: Int = 10

    @Option(help: "What the fast bulk kernel is checked against in --exhaustive sweeps of sources wider than 24 bits: core (the bit-level path, the default) or mpfr (float32 into formats of up to 16 bits).")
    var reference: Reference?

    enum Reference: String, ExpressibleByArgument { case core, mpfr }

    /// The widest source `--exhaustive` accepts here.
    static let exhaustiveLimit = 24

    func validate() throws {
        if [exhaustive, boundaries, random != nil].filter({ $0 }).count > 1 {
            throw ValidationError("choose one of --exhaustive, --boundaries and --random N.")
        }
        if exhaustive && from.bitWidth > 32 {
            throw ValidationError("--exhaustive from \(from.name) means 2^\(from.bitWidth) inputs; use --boundaries or --random N.")
        }
        if exhaustive && from.bitWidth > VerifyConversions.exhaustiveLimit && reference == .mpfr
            && !(from == .float32 && to.bitWidth <= 16) {
            throw ValidationError("--exhaustive --reference mpfr from \(from.name) to \(to.name) is not supported: the MPFR sweep of wide sources takes float32 into formats of up to 16 bits; use --reference core, --boundaries or --random N.")
        }
        if let random, random <= 0 { throw ValidationError("--random takes a positive count.") }
        _ = try modes()
        _ = try policies()
    }

    func modes() throws -> [RoundingMode] {
        if rounding == "all" { return RoundingMode.deterministic + [.stochastic(bits: 8)] }
        return try parseList(rounding, parseRoundingMode)
    }

    func policies() throws -> [OverflowPolicy] {
        if overflow == "all" { return OverflowPolicy.allCases }
        return try parseList(overflow, parseOverflowPolicy)
    }

    func run() throws {
        if exhaustive && from.bitWidth > VerifyConversions.exhaustiveLimit || exhaustive && reference == .core {
            try sweepKernel()
            return
        }
        let inputs: ConversionVerifier.Inputs
        if let random { inputs = .random(count: random, seed: seed) }
        else if boundaries || (!exhaustive && from.bitWidth > 16) { inputs = .boundaries }
        else { inputs = .exhaustive }
        let base = subnormals.options
        var verifier = ConversionVerifier(source: from, target: to, modes: try modes(), policies: try policies(), base: base, seed: seed)
        verifier.keep = max(show, 1)
        let codes = verifier.codes(inputs)
        let name: String
        switch inputs {
        case .exhaustive: name = "exhaustive"
        case .boundaries: name = "boundaries"
        case .random(let n, let s): name = "random \(n), seed \(s)"
        }
        let start = Date()
        let progress = Progress(total: codes.count)
        let report = verifier.run(codes) { done, total in progress.update(done) }
        progress.finish()
        let seconds = Date().timeIntervalSince(start)
        var lines = [
            "verify conversions \(from.name) -> \(to.name)",
            "inputs: \(report.inputs) (\(name))",
            "modes: \(try modes().map(\.name).joined(separator: ", "))",
            "overflow: \(try policies().map(\.rawValue).joined(separator: ", "))",
            "comparisons: \(report.comparisons)",
            "mismatches: \(report.mismatchCount)",
            String(format: "time: %.1f s", seconds),
        ]
        for m in report.mismatches.prefix(show) { lines.append("mismatch: \(m)") }
        print(lines.joined(separator: "\n"))
        if report.mismatchCount > 0 { throw ExitCode(1) }
    }
}

extension VerifyConversions {
    /// Every source encoding through the bulk kernel and the bit-level core, per mode and policy.
    func sweepKernel() throws {
        let base = subnormals.options
        let mpfr = reference == .mpfr
        var lines = ["verify conversions \(from.name) -> \(to.name)",
                     "inputs: \(from.encodingMask &+ 1) (exhaustive, bulk kernel against \(mpfr ? "MPFR" : "the bit-level core"))"]
        var failed = false
        for mode in try modes() {
            for policy in try policies() {
                var options = base
                options.mode = mode
                options.overflow = policy
                let converter = BulkConverter(from: from, to: to, options: options, seed: seed)
                let progress = Progress(total: Int(from.encodingMask) &+ 1)
                let start = Date()
                let sweep = KernelSweep(converter)
                let range = 0..<(from.encodingMask &+ 1)
                let threads = ProcessInfo.processInfo.activeProcessorCount
                let report: @Sendable (UInt64) -> Void = { progress.update(Int($0)) }
                let (target, seed, chosen) = (to, self.seed, options)
                let result = mpfr
                    ? sweep.run(range, threads: threads, progress: report) { MPFRSweepReference(target: target, options: chosen, seed: seed) }
                    : sweep.run(range, threads: threads, progress: report)
                progress.finish()
                lines.append(String(format: "%@ %@: %llu checked, %llu mismatches, %.1f s (%@ kernel)", mode.name, policy.rawValue,
                                    result.checked, result.mismatches, Date().timeIntervalSince(start), converter.kernelName))
                for (code, got, expected) in result.examples.prefix(show) {
                    lines.append("mismatch: 0x\(String(code, radix: 16)) \(mode.name) \(policy.rawValue): kernel 0x\(String(got, radix: 16)), \(expected)")
                }
                if result.mismatches > 0 { failed = true }
                print(lines.joined(separator: "\n"))
                lines = []
            }
        }
        if failed { throw ExitCode(1) }
    }
}

/// A progress line on standard error, redrawn at most every half second.
final class Progress: @unchecked Sendable {
    let total: Int
    private let lock = NSLock()
    private var last = Date.distantPast
    private let enabled = isatty(STDERR_FILENO) == 1 || ProcessInfo.processInfo.environment["FLOATLAB_PROGRESS"] != nil

    init(total: Int) { self.total = total }

    func update(_ done: Int) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        guard Date().timeIntervalSince(last) > 0.5 else { return }
        last = Date()
        let percent = total == 0 ? 100 : done * 100 / total
        FileHandle.standardError.write(Data("\r\(done)/\(total) inputs (\(percent)%)".utf8))
    }

    func finish() {
        if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
