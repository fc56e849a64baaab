/// A table: named columns and rows of cells. Every report is built as one and
/// rendered by one of the renderers (Markdown, CSV, JSON, LaTeX, HTML).
public struct Table: Sendable, Equatable {
    public struct Column: Sendable, Equatable {
        /// The machine name: JSON key and CSV header.
        public let key: String
        /// The human title: Markdown, LaTeX and HTML header.
        public let title: String
        public let alignment: Alignment

        public init(key: String, title: String, alignment: Alignment = .left) {
            self.key = key
            self.title = title
            self.alignment = alignment
        }
    }

    public enum Alignment: Sendable, Equatable { case left, right }

    public var columns: [Column]
    public var rows: [[Cell]]
    /// Lines printed under the table in text renderings (notes, omitted rows).
    public var notes: [String]

    public init(columns: [Column], rows: [[Cell]] = [], notes: [String] = []) {
        self.columns = columns
        self.rows = rows
        self.notes = notes
    }
}

/// One table cell. Numbers keep their exact decimal text, so JSON gets the digits
/// the library chose, not a re-rounded `Double`.
public enum Cell: Sendable, Equatable, ExpressibleByStringLiteral {
    case text(String)
    /// A decimal literal (JSON number syntax: `-1.5e-06`, `448`).
    case number(String)
    case bool(Bool)
    /// No value (a format without subnormals has no smallest subnormal).
    case null

    public init(stringLiteral value: String) { self = .text(value) }

    public static func integer<T: BinaryInteger>(_ value: T) -> Cell { .number(String(value)) }

    /// The cell as plain text, with `–` for null.
    public var text: String {
        switch self {
        case .text(let s), .number(let s): return s
        case .bool(let b): return b ? "yes" : "no"
        case .null: return "–"
        }
    }
}
