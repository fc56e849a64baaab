import FloatFormats
import Foundation
import Verification

/// The text of `floatlab verify`: what a check ran over, what it found, and
/// each mismatch on a line of its own.
public enum VerificationReport {
    /// The lines of a check against the referee.
    ///
    /// ```swift
    /// var report = CheckReport()
    /// report.inputs = 256
    /// VerificationReport.refereeLines(report, source: .float8_e4m3fn, target: .float4_e2m1fn, inputs: .exhaustive,
    ///                                 modes: [.nearestEven], policies: [.ieee], show: 10)[1]   // "inputs: 256 (exhaustive)"
    /// ```
    public static func refereeLines(_ report: CheckReport, source: FloatFormat, target: FloatFormat,
                                    inputs: ConversionInputs.Selection, modes: [RoundingMode], policies: [OverflowPolicy],
                                    show: Int) -> [String] {
        var lines = [
            "verify conversions \(source.name) -> \(target.name)",
            "inputs: \(report.inputs) (\(inputs.name))",
            "modes: \(modes.map(\.name).joined(separator: ", "))",
            "overflow: \(policies.map(\.rawValue).joined(separator: ", "))",
            "comparisons: \(report.comparisons)",
            "mismatches: \(report.mismatchCount)",
            String(format: "time: %.1f s", report.seconds),
        ]
        for m in report.mismatches.prefix(show) { lines.append("mismatch: " + line(m)) }
        return lines
    }

    /// The two lines that open a kernel sweep's report.
    public static func sweepHeader(source: FloatFormat, target: FloatFormat, againstMPFR: Bool) -> [String] {
        ["verify conversions \(source.name) -> \(target.name)",
         "inputs: \(source.encodingMask &+ 1) (exhaustive, bulk kernel against \(againstMPFR ? "MPFR" : "the bit-level core"))"]
    }

    /// One sweep's line, `nearest-even ieee: 4294967296 checked, 0 mismatches, 19.3 s (lanes kernel)`,
    /// and one line for each of its first `show` mismatches.
    public static func sweepLines(_ outcome: SweepOutcome, show: Int) -> [String] {
        var lines = [String(format: "%@ %@: %llu checked, %llu mismatches, %.1f s (%@ kernel)", outcome.mode.name,
                            outcome.overflow.rawValue, outcome.result.checked, outcome.result.mismatches, outcome.seconds,
                            outcome.kernel)]
        for m in outcome.result.examples.prefix(show) { lines.append("mismatch: " + line(m)) }
        return lines
    }

    /// A mismatch as text: the input with its exact value, mode and policy,
    /// what was computed and what the reference expected, each code with its
    /// value and flags.
    ///
    /// ```swift
    /// let m = Mismatch(source: .float32, target: .float8_e4m3fn, input: 0x3F80_0000, index: 0, options: .default,
    ///                  expected: Expected(code: 0x38), actualCode: 0x39, actualFlags: nil, reference: "core")
    /// VerificationReport.line(m)   // "0x3f800000 (1) nearest-even ieee: got 0x39 (1.125), core expects 0x38 (1)"
    /// ```
    public static func line(_ m: Mismatch) -> String {
        let input = "0x\(String(m.input, radix: 16)) (\(value(m.input, in: m.source)))"
        let got = "0x\(String(m.actualCode, radix: 16)) (\(value(m.actualCode, in: m.target)))" + (m.actualFlags.map { " \($0.letters)" } ?? "")
        let expected = "0x\(String(m.expected.code, radix: 16)) (\(m.expected.acceptsAnyNaN && m.target.isNaN(m.expected.code) ? "any NaN" : value(m.expected.code, in: m.target)))"
            + (m.expected.flags.map { " \($0.letters)" } ?? "")
        return "\(input) \(m.options.mode.name) \(m.options.overflow.rawValue): got \(got), \(m.reference) expects \(expected)"
    }

    private static func value(_ code: UInt64, in f: FloatFormat) -> String {
        let d = f.decodeUnchecked(code & f.encodingMask)
        return d.value?.exactDecimal() ?? d.specialText
    }
}
