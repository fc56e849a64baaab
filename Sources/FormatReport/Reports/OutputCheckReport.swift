import FloatFormats
import Verification

/// `floatlab check`'s output: a summary line, the first mismatches with their
/// inputs, exact values, both results and the ulp distance, the count per
/// kind, and the diagnosis as the last line.
public enum OutputCheckReport {
    static func hex(_ c: UInt64, _ f: FloatFormat) -> String { EncodingReport.hex(c, in: f) }

    /// The exact value of an encoding, or inf / nan with its sign.
    static func value(_ c: UInt64, _ f: FloatFormat) -> String { EncodingReport.valueText(c, in: f, notation: .exact) }

    /// `input 0x3F880000 (1.0625): expected 0x38 (1) x, got 0x39 (1.125), 1 ulp away: tie handling`
    public static func line(_ m: OutputCheck.Mismatch, _ c: OutputCheck) -> String {
        let distance = m.ulpDistance.map { "\($0) ulp\($0 == 1 ? "" : "s") away" } ?? "not comparable (NaN)"
        return "input \(hex(m.input, c.source)) (\(value(m.input, c.source))): expected \(hex(m.expected.code, c.target)) (\(value(m.expected.code, c.target))) \(m.expected.flags.letters), got \(hex(m.actual, c.target)) (\(value(m.actual, c.target))), \(distance): \(m.kind)"
    }

    public static func lines(_ c: OutputCheck, show: Int = 10) -> [String] {
        var out = ["checked \(c.checked) conversions \(c.source.name) -> \(c.target.name) (rounding \(c.options.mode.name), overflow \(c.options.overflow.rawValue)): \(c.mismatches.isEmpty ? "no" : String(c.mismatches.count)) mismatch\(c.mismatches.count == 1 ? "" : "es")"]
        for m in c.mismatches.prefix(show) { out.append(line(m, c)) }
        if c.mismatches.count > show { out.append("… \(c.mismatches.count - show) more") }
        if !c.mismatches.isEmpty {
            out.append("by kind: " + c.kinds.map { "\($0.count) \($0.kind)" }.joined(separator: ", "))
        }
        if let d = c.diagnosis { out.append("diagnosis: " + d) }
        return out
    }

    /// One object: `checked`, `mismatches`, `diagnosis` (null when none), `matches_convention`
    /// (the options, or null), `kinds`, and `first` (the first mismatches).
    public static func json(_ c: OutputCheck, show: Int = 10) -> String {
        let s = JSONRenderer.string
        let first = c.mismatches.prefix(show).map { m in
            "    {\"index\": \(m.index), \"input\": \(s(hex(m.input, c.source))), \"input_value\": \(s(value(m.input, c.source))), \"expected\": \(s(hex(m.expected.code, c.target))), \"expected_flags\": \(s(m.expected.flags.letters)), \"actual\": \(s(hex(m.actual, c.target))), \"ulp_distance\": \(m.ulpDistance.map(String.init) ?? "null"), \"kind\": \(s(m.kind.description))}"
        }
        let kinds = c.kinds.map { "\(s($0.kind.description)): \($0.count)" }.joined(separator: ", ")
        let convention = c.matchingConvention.map { s($0.through == nil ? $0.flags(against: c.options) : $0.describe(against: c.options)) } ?? "null"
        return "{\n  \"from\": \(s(c.source.name)),\n  \"to\": \(s(c.target.name)),\n  \"checked\": \(c.checked),\n  \"mismatches\": \(c.mismatches.count),\n  \"diagnosis\": \(c.diagnosis.map(s) ?? "null"),\n  \"matches_convention\": \(convention),\n  \"kinds\": {\(kinds)},\n  \"first\": [\n" + first.joined(separator: ",\n") + "\n  ]\n}\n"
    }
}
