/// The output formats every table renders to.
public enum OutputFormat: String, Sendable, CaseIterable {
    case markdown, csv, json, latex, html

    /// Renders a table, exact values in `notation`; the result ends with a newline.
    public func render(_ table: Table, notation: ValueNotation = .decimal) -> String {
        switch self {
        case .markdown: return MarkdownRenderer.render(table, notation: notation)
        case .csv: return CSVRenderer.render(table, notation: notation)
        case .json: return JSONRenderer.render(table, notation: notation)
        case .latex: return LaTeXRenderer.render(table, notation: notation)
        case .html: return HTMLRenderer.render(table, notation: notation)
        }
    }
}
