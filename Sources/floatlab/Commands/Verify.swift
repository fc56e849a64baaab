import ArgumentParser
import FloatFormats
import Foundation
import FormatReport
import MPFRReference

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check FloatLab against MPFR.",
        subcommands: [VerifyConversions.self, VerifyArithmetic.self])
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
    var reference: ConversionCheck.Reference?

    func validateOptions() throws {
        _ = try method()
    }

    func modes() throws -> [RoundingMode] {
        if rounding == "all" { return ConversionCheck.allModes }
        return try parseList(rounding, parseRoundingMode)
    }

    func policies() throws -> [OverflowPolicy] {
        if overflow == "all" { return OverflowPolicy.allCases }
        return try parseList(overflow, parseOverflowPolicy)
    }

    func check() throws -> ConversionCheck {
        ConversionCheck(source: from, target: to, modes: try modes(), policies: try policies(), base: subnormals.options,
                        seed: seed, keep: show)
    }

    func method() throws -> ConversionCheck.Method {
        let check = try check()
        do {
            return try check.method(exhaustive: exhaustive, boundaries: boundaries, random: random, reference: reference)
        } catch { throw ValidationError(error.message) }
    }

    func run() throws {
        try validateOptions()
        let check = try check()
        var failed = false
        switch try method() {
        case .referee(let inputs):
            let progress = Progress()
            let report = check.runReferee(inputs) { done, total in progress.update(done, of: total) }
            progress.finish()
            print(VerificationReport.refereeLines(report, source: from, target: to, inputs: inputs, modes: check.modes,
                                                  policies: check.policies, show: show).joined(separator: "\n"))
            failed = report.mismatchCount > 0
        case .sweep(let reference):
            print(VerificationReport.sweepHeader(source: from, target: to, againstMPFR: reference == .mpfr).joined(separator: "\n"))
            let progress = Progress()
            check.runSweeps(against: reference, threads: ProcessInfo.processInfo.activeProcessorCount,
                            progress: { done, total in progress.update(done, of: total) }) { outcome in
                progress.finish()
                print(VerificationReport.sweepLines(outcome, show: show).joined(separator: "\n"))
                if outcome.result.mismatches > 0 { failed = true }
            }
        }
        if failed { throw ExitCode(1) }
    }
}

extension ConversionCheck.Reference: ExpressibleByArgument {}

/// A progress line on standard error, redrawn at most every half second.
final class Progress: @unchecked Sendable {
    private let lock = NSLock()
    private var last = Date.distantPast
    private let enabled = isatty(STDERR_FILENO) == 1 || ProcessInfo.processInfo.environment["FLOATLAB_PROGRESS"] != nil

    func update(_ done: Int, of total: Int) {
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

struct VerifyArithmetic: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "arithmetic",
        abstract: "Run the arithmetic core against MPFR and report every disagreement.",
        discussion: """
        Operands: --exhaustive (every operand tuple, at most 2^18: pairs of an 8-bit format, fma triples of a \
        6-bit one, every encoding of a 16-bit format for sqrt) \
        or --random N --seed S (N seeded tuples per operation) or --structured (TestFloat-style: special pairs, ties, \
        cancellation, exponent gaps, overflow and underflow thresholds). Prints one line per operation and mode with \
        its count of comparisons and mismatches, then the first mismatches; exits 1 on any mismatch. \
        Progress goes to standard error.
        """)

    @Option(help: "The format.", transform: parseFormat)
    var format: FloatFormat

    @Option(help: "Comma-separated operations (\(ArithmeticOperation.allCases.map(\.rawValue).joined(separator: ", "))), or all.")
    var ops: String = "all"

    @Option(help: "Comma-separated rounding modes, or all (the deterministic ones and stochastic:8).")
    var rounding: String = "all"

    @Option(help: "Overflow policy: ieee, saturate, saturate-all.", transform: parseOverflowPolicy)
    var overflow: OverflowPolicy = .ieee

    @Flag(help: "Every operand tuple.")
    var exhaustive = false

    @Option(help: "This many seeded random operand tuples per operation.")
    var random: Int?

    @Flag(help: "TestFloat-style structured tuples: every pair of special operands, exact ties and their neighbours, massive cancellation, huge exponent differences, results at the overflow and underflow thresholds (seeded by --seed).")
    var structured = false

    @Option(help: "Seed of --random operands.")
    var seed: UInt64 = 1

    @OptionGroup var subnormals: SubnormalArguments

    @Option(help: "How many mismatches to print.")
    var show: Int = 10

    func operations() throws -> [ArithmeticOperation] {
        ops == "all" ? ArithmeticOperation.allCases : try parseList(ops, parseOperation)
    }

    func modes() throws -> [RoundingMode] {
        rounding == "all" ? RoundingMode.deterministic + [.stochastic(bits: 8)] : try parseList(rounding, parseRoundingMode)
    }

    func validateOptions() throws {
        guard [exhaustive, random != nil, structured].filter({ $0 }).count == 1 else {
            throw ValidationError("give one of --exhaustive, --random N or --structured (not both).")
        }
        if exhaustive {
            for op in try operations() where op.arity * format.bitWidth > 18 {
                throw ValidationError("--exhaustive \(op.rawValue) in \(format.name) is 2^\(op.arity * format.bitWidth) operand tuples; use --random N, or --ops without it.")
            }
        }
        if let random, random <= 0 { throw ValidationError("--random needs a positive count.") }
    }

    func run() throws {
        try validateOptions()
        var options = ArithmeticOptions(rounding: subnormals.options)
        options.rounding.overflow = overflow
        let check = ArithmeticCheck(format: format, operations: try operations(), modes: try modes(), options: options)
        let progress = Progress()
        let start = Date()
        let operands: ArithmeticCheck.Operands = exhaustive ? .exhaustive : (structured ? .structured(seed: seed) : .random(count: random!, seed: seed))
        let report = check.run(operands, keep: show) { done, total in
            progress.update(done, of: total)
        }
        progress.finish()
        let described = exhaustive ? "exhaustive" : (structured ? "structured, seed \(seed)" : "\(random!) random per operation, seed \(seed)")
        print(report.lines(format: format, operands: described, seconds: Date().timeIntervalSince(start), show: show)
            .joined(separator: "\n"))
        if report.mismatchCount > 0 { throw ExitCode(1) }
    }
}
