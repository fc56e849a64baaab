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

    /// The cells of the column with this key, top to bottom.
    public func column(_ key: String) -> [Cell]? {
        guard let i = columns.firstIndex(where: { $0.key == key }) else { return nil }
        return rows.map { i < $0.count ? $0[i] : .null }
    }
}
