/// An HTML `<table>` fragment with escaped text and numeric columns right-aligned.
/// An exact value whose cell text is not every digit carries them in a `title`
/// (shown on hover), and so does a rounded measurement.
enum HTMLRenderer {
    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    /// The hover text of a cell: its exact value when the shown text is not it.
    static func detail(_ cell: Cell, shown: String) -> String? {
        switch cell {
        case .value(let v):
            let exact = ValueNotation.exact.string(v.value, in: v.format, exponentLimit: v.exponentLimit)
            let power = ValueNotation.powerForm(v.value)
            let parts = [exact, power].filter { $0 != shown }
            return parts.isEmpty ? nil : "exact: " + parts.joined(separator: " = ")
        case .real(let x, _):
            return Double(shown) == x || !x.isFinite ? nil : RealStyle.shortest.string(x)
        default:
            return nil
        }
    }

    static func render(_ table: Table, notation: ValueNotation = .decimal) -> String {
        func attr(_ c: Table.Column) -> String { c.alignment == .right ? " style=\"text-align:right\"" : "" }
        var lines = ["<table>", "  <thead>", "    <tr>"]
        for c in table.columns { lines.append("      <th\(attr(c))>\(escape(c.title))</th>") }
        lines += ["    </tr>", "  </thead>", "  <tbody>"]
        for row in table.rows {
            lines.append("    <tr>")
            for (c, cell) in zip(table.columns, row) {
                let shown = cell.text(notation)
                let title = detail(cell, shown: shown).map { " title=\"\(escape($0))\"" } ?? ""
                lines.append("      <td\(attr(c))\(title)>\(escape(shown))</td>")
            }
            lines.append("    </tr>")
        }
        lines += ["  </tbody>", "</table>"]
        return lines.joined(separator: "\n") + "\n"
    }
}
