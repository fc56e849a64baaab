import Foundation

/// Markdown with the figures as SVG files beside it: `render` returns the
/// Markdown text, which links the figures as `FOLDER/figure-N.svg`, and the
/// files to write there.
public struct MarkdownDocumentRenderer: Sendable {
    /// The folder the figure links point into, relative to the Markdown file.
    public var figureFolder: String
    public var figureWidth: Double

    public init(figureFolder: String, figureWidth: Double = 760) {
        self.figureFolder = figureFolder
        self.figureWidth = figureWidth
    }

    public struct Output: Sendable, Equatable {
        public var markdown: String
        /// File names (inside `figureFolder`) and their SVG text.
        public var figures: [(name: String, svg: String)]

        public static func == (a: Output, b: Output) -> Bool {
            a.markdown == b.markdown && a.figures.map(\.name) == b.figures.map(\.name) && a.figures.map(\.svg) == b.figures.map(\.svg)
        }
    }

    public func render(_ document: Document) -> Output {
        var parts = ["# " + document.title]
        var figures: [(String, String)] = []
        for block in document.blocks {
            switch block {
            case .heading(let level, let text):
                parts.append(String(repeating: "#", count: min(max(level, 2), 6)) + " " + text)
            case .paragraph(let text):
                parts.append(text)
            case .list(let items):
                parts.append(items.map { "- " + $0 }.joined(separator: "\n"))
            case .table(let t, let caption, let notation):
                var s = MarkdownRenderer.render(t, notation: notation).trimmingCharacters(in: .newlines)
                if let caption { s += "\n\n" + caption }
                parts.append(s)
            case .figure(let f, let caption):
                let name = "figure-\(figures.count + 1).svg"
                figures.append((name, SVGRenderer(width: figureWidth, idPrefix: "figure-\(figures.count + 1)").render(f)))
                var s = "![\(f.title)](\(figureFolder)/\(name))"
                if let caption { s += "\n\n*Figure \(figures.count).* " + caption }
                parts.append(s)
            }
        }
        return Output(markdown: parts.joined(separator: "\n\n") + "\n", figures: figures)
    }
}
