/// A LaTeX `tabular` in booktabs style (`\toprule`, `\midrule`, `\bottomrule`),
/// with the text special characters escaped.
enum LaTeXRenderer {
    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "\\": out += "\\textbackslash{}"
            case "&", "%", "$", "#", "_", "{", "}": out += "\\" + String(c)
            case "~": out += "\\textasciitilde{}"
            case "^": out += "\\textasciicircum{}"
            case "–": out += "--"
            case "−": out += "-"
            case "×": out += "$\\times$"
            case "±": out += "$\\pm$"
            default: out.append(c)
            }
        }
        return out
    }

    static func render(_ table: Table, notation: ValueNotation = .decimal) -> String {
        let spec = table.columns.map { $0.alignment == .right ? "r" : "l" }.joined()
        var lines = ["\\begin{tabular}{\(spec)}", "\\toprule"]
        lines.append(table.columns.map { escape($0.title) }.joined(separator: " & ") + " \\\\")
        lines.append("\\midrule")
        for row in table.rows {
            lines.append(row.map { escape($0.text(notation)) }.joined(separator: " & ") + " \\\\")
        }
        lines.append("\\bottomrule")
        lines.append("\\end{tabular}")
        return lines.joined(separator: "\n") + "\n"
    }
}
