import FloatFormats

/// The format comparison table.
public enum FormatComparison {
    /// One row per format, one column per `FormatColumn`. Values are exact cells:
    /// the renderer's notation decides how they are written.
    ///
    /// ```swift
    /// let t = FormatComparison.table(formats: [.float32, .float16, .bfloat16],
    ///                                columns: try FormatColumn.columns(["default"]))
    /// OutputFormat.markdown.render(t)
    /// ```
    public static func table(formats: [FloatFormat], columns: [FormatColumn]) -> Table {
        Table(columns: columns.map { Table.Column(key: $0.key, title: $0.title, alignment: $0.alignment) },
              rows: formats.map { f in columns.map { $0.cell(f) } })
    }
}
