import Foundation

/// A report as data: headings, paragraphs, lists, tables and figures in
/// order. `HTMLDocumentRenderer` writes it as one self-contained page and
/// `MarkdownDocumentRenderer` as Markdown with SVG files beside it.
///
/// ```swift
/// var d = Document(title: "Formats")
/// d.blocks.append(.paragraph("Three formats side by side."))
/// HTMLDocumentRenderer().render(d).contains("<h1>Formats</h1>")   // true
/// ```
public struct Document: Sendable, Equatable {
    public var title: String
    public var blocks: [Block]

    public init(title: String, blocks: [Block] = []) {
        self.title = title
        self.blocks = blocks
    }

    /// Every figure, in order.
    public var figures: [Figure] {
        blocks.compactMap { if case .figure(let f, _) = $0 { return f } else { return nil } }
    }

    /// Every table, in order.
    public var tables: [Table] {
        blocks.compactMap { if case .table(let t, _, _) = $0 { return t } else { return nil } }
    }
}

/// One block of a document. Text may hold `code` spans in backticks.
public enum Block: Sendable, Equatable {
    case heading(level: Int, text: String)
    case paragraph(String)
    case list([String])
    /// A table with a caption, its exact values written in `notation`.
    case table(Table, caption: String?, notation: ValueNotation)
    case figure(Figure, caption: String?)
}
