import FloatFormats
import Verification

/// `floatlab conventions`: per target, one row per special case and one
/// column per named convention.
public enum ConventionReport {
    /// `448 (0x7e) ox`: the value (shortest decimal, or inf / nan), the bits, the flags.
    static func cell(_ r: RoundedResult, _ f: FloatFormat) -> String {
        let value = EncodingReport.valueText(r.code, in: f, notation: .decimal)
        return "\(value) (\(EncodingReport.hex(r.code, in: f)))" + (r.flags.isEmpty ? "" : " \(r.flags.letters)")
    }

    static func input(_ c: ConventionMatrix.Case, _ f: FloatFormat) -> String {
        let value = EncodingReport.valueText(c.input, in: f, notation: .decimal)
        return "\(value) (\(EncodingReport.hex(c.input, in: f)))"
    }

    public static func table(_ m: ConventionMatrix) -> Table {
        var columns: [Table.Column] = [.init(key: "case", title: "case"), .init(key: "input", title: "\(m.source.name) input", alignment: .right)]
        columns += m.conventions.map { .init(key: $0.name, title: $0.name, alignment: .right) }
        let rows = m.cases.enumerated().map { i, c -> [Cell] in
            [.text(c.name), .text(input(c, m.source))] + m.results[i].map { .text(cell($0, m.target)) }
        }
        return Table(columns: columns, rows: rows)
    }

    /// Markdown: a heading and a table per target, then what each convention is.
    public static func markdown(_ matrices: [ConventionMatrix]) -> String {
        var parts: [String] = []
        for m in matrices {
            parts.append("## \(m.target.name) (from \(m.source.name))\n\n" + OutputFormat.markdown.render(table(m)).trimmingCharacters(in: .newlines))
        }
        let conventions = matrices.first?.conventions ?? NamedConvention.all
        parts.append("Each cell: the result's value, its bits and the flags raised (v invalid, o overflow, u underflow, x inexact).\n\n"
                     + conventions.map { c in
                         "- `\(c.name)`: \(c.summary). Source: \(c.source)." + c.deviations.map { " Not expressed by the preset: \($0)." }.joined()
                     }.joined(separator: "\n"))
        return parts.joined(separator: "\n\n") + "\n"
    }

    /// JSON: `{"targets": [{"to", "from", "cases": [{"case", "input", "results": {NAME: {"bits", "value", "flags"}}}]}], "conventions": [{"name", "summary", "source"}]}`.
    public static func json(_ matrices: [ConventionMatrix]) -> String {
        let s = JSONRenderer.string
        func result(_ r: RoundedResult, _ f: FloatFormat) -> String {
            let value = EncodingReport.valueText(r.code, in: f) { $0.exactDecimal() }
            return "{\"bits\": \(s(EncodingReport.hex(r.code, in: f))), \"value\": \(s(value)), \"flags\": \(s(r.flags.letters))}"
        }
        let targets = matrices.map { m -> String in
            let cases = m.cases.enumerated().map { i, c -> String in
                let results = zip(m.conventions, m.results[i]).map { "\(s($0.name)): \(result($1, m.target))" }.joined(separator: ", ")
                return "      {\"case\": \(s(c.name)), \"input\": \(s(EncodingReport.hex(c.input, in: m.source))), \"results\": {\(results)}}"
            }
            return "    {\"to\": \(s(m.target.name)), \"from\": \(s(m.source.name)), \"cases\": [\n" + cases.joined(separator: ",\n") + "\n    ]}"
        }
        let conventions = (matrices.first?.conventions ?? NamedConvention.all).map {
            "    {\"name\": \(s($0.name)), \"summary\": \(s($0.summary)), \"source\": \(s($0.source)), \"deviations\": [\($0.deviations.map(s).joined(separator: ", "))]}"
        }
        return "{\n  \"targets\": [\n" + targets.joined(separator: ",\n") + "\n  ],\n  \"conventions\": [\n" + conventions.joined(separator: ",\n") + "\n  ]\n}\n"
    }
}
