import Foundation

/// One self-contained HTML page: inline CSS and SVG, no scripts, no
/// network. Tables are `HTMLRenderer`'s (exact values on hover), figures
/// `SVGRenderer`'s; level-2 headings get anchors and a contents list.
public struct HTMLDocumentRenderer: Sendable {
    public var figureWidth: Double

    public init(figureWidth: Double = 760) { self.figureWidth = figureWidth }

    static let style = """
    body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; color: #222; max-width: 1040px; margin: 2em auto; padding: 0 1em; line-height: 1.45; }
    h1 { font-size: 1.7em; } h2 { margin-top: 2em; border-bottom: 1px solid #ccc; padding-bottom: .2em; } h3 { margin-top: 1.5em; }
    table { border-collapse: collapse; margin: .6em 0 .3em; font-size: .86em; }
    th, td { padding: .2em .6em; border-bottom: 1px solid #e2e2e2; white-space: nowrap; }
    th { background: #f3f3f3; text-align: left; }
    td[title] { text-decoration: underline dotted #999; }
    .table-wrap { overflow-x: auto; }
    figure { margin: 1em 0 1.6em; } figcaption, .caption { font-size: .88em; color: #444; max-width: 760px; }
    code { font-family: "DejaVu Sans Mono", monospace; font-size: .92em; background: #f4f4f4; padding: 0 .2em; }
    nav ul { columns: 2; }
    @media print { h2 { page-break-before: auto; } figure, table { page-break-inside: avoid; } }
    """

    /// Escaped text with `code` spans.
    static func inline(_ s: String) -> String {
        var out = "", code = false
        for part in s.split(separator: "`", omittingEmptySubsequences: false) {
            out += code ? "<code>" + HTMLRenderer.escape(String(part)) + "</code>" : HTMLRenderer.escape(String(part))
            code.toggle()
        }
        return out
    }

    static func anchor(_ text: String) -> String {
        var out = ""
        for c in text.lowercased() {
            if c.isLetter || c.isNumber { out.append(c) } else if !out.hasSuffix("-") { out.append("-") }
        }
        return String(out.trimmingCharacters(in: ["-"]))
    }

    public func render(_ document: Document) -> String {
        var lines = ["<!DOCTYPE html>", "<html lang=\"en\">", "<head>", "<meta charset=\"utf-8\">",
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
                     "<title>\(HTMLRenderer.escape(document.title))</title>", "<style>", HTMLDocumentRenderer.style, "</style>",
                     "</head>", "<body>", "<h1>\(HTMLRenderer.escape(document.title))</h1>"]
        let sections = document.blocks.compactMap { b -> String? in
            if case .heading(2, let t) = b { return t } else { return nil }
        }
        if sections.count > 1 {
            lines.append("<nav><ul>")
            for s in sections { lines.append("<li><a href=\"#\(HTMLDocumentRenderer.anchor(s))\">\(HTMLRenderer.escape(s))</a></li>") }
            lines.append("</ul></nav>")
        }
        var figureIndex = 0
        for block in document.blocks {
            switch block {
            case .heading(let level, let text):
                let l = min(max(level, 2), 6)
                lines.append("<h\(l) id=\"\(HTMLDocumentRenderer.anchor(text))\">\(HTMLRenderer.escape(text))</h\(l)>")
            case .paragraph(let text):
                lines.append("<p>\(HTMLDocumentRenderer.inline(text))</p>")
            case .list(let items):
                lines.append("<ul>")
                for i in items { lines.append("<li>\(HTMLDocumentRenderer.inline(i))</li>") }
                lines.append("</ul>")
            case .table(let t, let caption, let notation):
                lines.append("<div class=\"table-wrap\">")
                lines.append(HTMLRenderer.render(t, notation: notation).trimmingCharacters(in: .newlines))
                lines.append("</div>")
                if let caption { lines.append("<p class=\"caption\">\(HTMLDocumentRenderer.inline(caption))</p>") }
                for n in t.notes { lines.append("<p class=\"caption\">\(HTMLDocumentRenderer.inline(n))</p>") }
            case .figure(let f, let caption):
                figureIndex += 1
                lines.append("<figure id=\"figure-\(figureIndex)\">")
                lines.append(SVGRenderer(width: figureWidth, idPrefix: "figure-\(figureIndex)").render(f).trimmingCharacters(in: .newlines))
                if let caption { lines.append("<figcaption>Figure \(figureIndex). \(HTMLDocumentRenderer.inline(caption))</figcaption>") }
                lines.append("</figure>")
            }
        }
        lines += ["</body>", "</html>"]
        return lines.joined(separator: "\n") + "\n"
    }
}
