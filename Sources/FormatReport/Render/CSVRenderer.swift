import Foundation

/// RFC 4180 CSV: a header of column keys, fields quoted when they need it, empty
/// fields for null.
enum CSVRenderer {
    static func field(_ s: String) -> String {
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }

    static func render(_ table: Table, notation: ValueNotation = .decimal) -> String {
        var lines = [table.columns.map { field($0.key) }.joined(separator: ",")]
        for row in table.rows {
            lines.append(row.map { cell -> String in
                switch cell {
                case .null: return ""
                case .bool(let b): return b ? "true" : "false"
                default: return field(cell.text(notation))
                }
            }.joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
