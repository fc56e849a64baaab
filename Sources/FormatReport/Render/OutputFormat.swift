/// The output formats every table renders to.
public enum OutputFormat: String, Sendable, CaseIterable {
    case markdown, csv, json, latex, html

    /// Renders a table; the result ends with a newline.
    public func render(_ table: Table) -> String {
        switch self {
        case .markdown: return MarkdownRenderer.render(table)
        case .csv: return CSVRenderer.render(table)
        case .json: return JSONRenderer.render(table)
        case .latex: return LaTeXRenderer.render(table)
        case .html: return HTMLRenderer.render(table)
        }
    }
}
