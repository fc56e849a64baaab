import FloatFormats
import Quantization
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

    /// The MX shared-scale rules and who uses each, as `--scale-rule` names them.
    public static let mxRules: [(rule: MXScaleRule, users: String)] = [
        (.floor, "OCP MX v1.0 §6.3, microxcaling, FloatLab's default"), (.ceil, "torchao CEIL"),
        (.even, "torchao EVEN"), (.rceil, "cuBLAS and NVIDIA hardware, torchao RCEIL"),
    ]

    /// The block amaxes the MX table shows: inside the element range, at its top, just past it, between powers.
    static let mxAmaxes: [Float] = [0.75, 1, 4, 5, 6, 6.5, 7, 12]

    /// For MXFP4 and MXFP8 (E4M3) blocks of 32 whose largest magnitude is each of `mxAmaxes`, the shared
    /// scale 2^e each rule gives (from FloatLab's quantizer) and whether the largest element then saturates.
    public static func mxScaleTable() throws -> Table {
        var columns: [Table.Column] = [.init(key: "scheme", title: "scheme"), .init(key: "amax", title: "block amax", alignment: .right)]
        columns += mxRules.map { .init(key: $0.rule.rawValue, title: $0.rule.rawValue, alignment: .right) }
        var rows: [[Cell]] = []
        for (name, element, maxFinite) in [("mxfp4", MXElement.fp4, 6.0), ("mxfp8_e4m3", MXElement.fp8E4M3, 448.0)] {
            for a in mxAmaxes {
                let amax = element == .fp4 ? a : a * 64        // the same shapes at E4M3's scale
                var values = [Float](repeating: amax / 8, count: 32)
                values[0] = amax
                var cells: [Cell] = [.text(name), .real(Double(amax), .compact)]
                for (rule, _) in mxRules {
                    var o = QuantizationOptions()
                    o.scaleRule = rule
                    let q = try Quantizer(scheme: .mx(element), options: o).quantize(Tensor(name: "b", shape: [1, 32], values: values))
                    let e = Int(q.scaleCodes![0]) - 127
                    cells.append(.text("2^\(e)" + (Double(amax) / q.scales[0] > maxFinite ? " (clips)" : "")))
                }
                rows.append(cells)
            }
        }
        return Table(columns: columns, rows: rows, notes: ["The E8M0 scale 2^e each --scale-rule gives a block of 32 whose largest magnitude is amax; (clips): amax / 2^e exceeds the element's largest value, so the largest element saturates. "
                                                           + mxRules.map { "\($0.rule.rawValue): \($0.users)" }.joined(separator: "; ") + "."])
    }

    /// Markdown: a heading and a table per target, then what each convention is.
    public static func markdown(_ matrices: [ConventionMatrix]) -> String {
        var parts: [String] = []
        for m in matrices {
            parts.append("## \(m.target.name) (from \(m.source.name))\n\n" + OutputFormat.markdown.render(table(m)).trimmingCharacters(in: .newlines))
        }
        if let mx = try? mxScaleTable() {
            parts.append("## MX shared scales\n\n" + OutputFormat.markdown.render(mx).trimmingCharacters(in: .newlines))
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
        let mx = (try? mxScaleTable()).map { OutputFormat.json.render($0).trimmingCharacters(in: .newlines) } ?? "[]"
        return "{\n  \"targets\": [\n" + targets.joined(separator: ",\n") + "\n  ],\n  \"mx_scale_rules\": " + mx + ",\n  \"conventions\": [\n" + conventions.joined(separator: ",\n") + "\n  ]\n}\n"
    }
}
