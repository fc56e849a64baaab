/// An HTML `<table>` fragment with escaped text and numeric columns right-aligned.
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

    static func render(_ table: Table) -> String {
        func attr(_ c: Table.Column) -> String { c.alignment == .right ? " style=\"text-align:right\"" : "" }
        var lines = ["<table>", "  <thead>", "    <tr>"]
        for c in table.columns { lines.append("      <th\(attr(c))>\(escape(c.title))</th>") }
        lines += ["    </tr>", "  </thead>", "  <tbody>"]
        for row in table.rows {
            lines.append("    <tr>")
            for (c, cell) in zip(table.columns, row) { lines.append("      <td\(attr(c))>\(escape(cell.text))</td>") }
            lines.append("    </tr>")
        }
        lines += ["  </tbody>", "</table>"]
        return lines.joined(separator: "\n") + "\n"
    }
}
