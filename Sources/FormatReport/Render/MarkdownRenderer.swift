import Foundation

/// GitHub-flavoured Markdown pipe tables, padded so the source reads as a table.
///
/// ```
/// | format   | bits |
/// |:---------|-----:|
/// | float32  |   32 |
/// ```
enum MarkdownRenderer {
    static func escape(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }

    static func render(_ table: Table, notation: ValueNotation = .decimal) -> String {
        let header = table.columns.map { escape($0.title) }
        let body = table.rows.map { $0.map { escape($0.text(notation)) } }
        var widths = header.map(\.count)
        for row in body {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        widths = widths.map { max($0, 3) }
        func pad(_ s: String, _ i: Int) -> String {
            let fill = String(repeating: " ", count: widths[i] - s.count)
            return table.columns[i].alignment == .right ? fill + s : s + fill
        }
        var lines = ["| " + header.enumerated().map { pad($1, $0) }.joined(separator: " | ") + " |"]
        lines.append("|" + table.columns.enumerated().map { i, c in
            let dashes = String(repeating: "-", count: widths[i])
            return c.alignment == .right ? "-" + dashes + ":" : ":" + dashes + "-"
        }.joined(separator: "|") + "|")
        for row in body {
            lines.append("| " + row.enumerated().map { pad($1, $0) }.joined(separator: " | ") + " |")
        }
        if !table.notes.isEmpty {
            lines.append("")
            lines.append(contentsOf: table.notes)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
