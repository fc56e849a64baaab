/// A JSON array with one object per row, keyed by column key, in column order.
/// Numbers are JSON numbers, null is `null`, Booleans are `true`/`false`.
enum JSONRenderer {
    static func string(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    static func value(_ cell: Cell, notation: ValueNotation = .decimal) -> String {
        switch cell {
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        default:
            let text = cell.text(notation)
            return cell.isJSONNumber(notation) ? text : string(text)
        }
    }

    static func render(_ table: Table, notation: ValueNotation = .decimal) -> String {
        if table.rows.isEmpty { return "[]\n" }
        let objects = table.rows.map { row -> String in
            let members = zip(table.columns, row).map { "    " + string($0.key) + ": " + value($1, notation: notation) }
            return "  {\n" + members.joined(separator: ",\n") + "\n  }"
        }
        return "[\n" + objects.joined(separator: ",\n") + "\n]\n"
    }
}
