import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import FloatFormats
@testable import FormatReport

/// Ticks, the SVG writer and the document renderers.
@Suite struct FigureTests {
    /// Parses `text` as XML; nil on success, the parser's error otherwise.
    static func xmlError(_ text: String) -> String? {
        let p = XMLParser(data: Data(text.utf8))
        return p.parse() ? nil : (p.parserError.map { "\($0)" } ?? "unknown")
    }

    @Test func documentedExamples() {
        let f = Figure(title: "ulp", x: Axis(label: "|x|", scale: .log2), y: Axis(label: "ulp(x)", scale: .log2),
                       series: [Series(name: "bfloat16", plot: .steps([Point(0.5, 0.00390625), Point(1, 0.0078125), Point(2, 0.0078125)]))])
        #expect(SVGRenderer().render(f).hasPrefix("<svg"))
        var d = Document(title: "Formats")
        d.blocks.append(.paragraph("Three formats side by side."))
        #expect(HTMLDocumentRenderer().render(d).contains("<h1>Formats</h1>"))
        #expect(Histogram.bins([0.1, 0.2, 0.9], from: 0, to: 1, count: 2).map(\.count) == [2, 1])
    }

    /// Log ticks are whole powers written base^k; their labels never crowd:
    /// neighbours are at least as far apart as the wider label needs.
    @Test func ticksAreReadableAndDoNotOverlap() {
        var g = UInt64(7)
        func next() -> Double { g = g &* 6364136223846793005 &+ 1442695040888963407; return Double(g >> 11) * 0x1p-53 }
        let width: (TickLabel) -> Double = { $0.ems * 12 + 14 }
        for scale in [AxisScale.linear, .log2, .log10, .symlog(threshold: 0.01)] {
            for _ in 0..<300 {
                let a = (next() - 0.5) * 400, span = Foundation.pow(10, next() * 6 - 3)
                let lo = scale == .linear || { if case .symlog = scale { return true } else { return false } }() ? a / 50 : a, hi = lo + span * (scale == .linear ? 1 : 100)
                let pixels = 200 + next() * 600
                let ticks = AxisTicks.ticks(scale, from: lo, to: hi, pixels: pixels, spacing: width)
                for t in ticks { #expect(t.position >= lo - 1e-9 && t.position <= hi + 1e-9) }
                for (u, v) in zip(ticks, ticks.dropFirst()) {
                    let gap = (v.position - u.position) / (hi - lo) * pixels
                    #expect(gap + 1e-9 >= max(width(u.label), width(v.label)), "\(scale) \(lo)…\(hi): \(u.label) \(v.label)")
                }
                if scale == .log2 || scale == .log10 {
                    for t in ticks {
                        guard case .power(let b, let e) = t.label else { Issue.record("log tick \(t.label) is not a power"); continue }
                        #expect(b == (scale == .log2 ? 2 : 10) && Double(e) == t.position)
                    }
                }
            }
        }
        // Linear steps are 1, 2 or 5 times a power of ten, labels their values.
        // Eleven labels 43 px wide do not fit in 400 px; in 600 they do.
        #expect(AxisTicks.ticks(.linear, from: -1, to: 1, pixels: 400, spacing: width).map(\.label.plain) == ["-1.0", "-0.5", "0", "0.5", "1.0"])
        #expect(AxisTicks.ticks(.linear, from: -1, to: 1, pixels: 600, spacing: width).map(\.label.plain)
                == ["-1.0", "-0.8", "-0.6", "-0.4", "-0.2", "0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        let counts = AxisTicks.ticks(.linear, from: 0, to: 2.1, pixels: 300, integers: true, spacing: width)
        #expect(counts.map(\.label.plain) == ["0", "1", "2"])
    }

    @Test func symlogIsInvertibleAndOdd() {
        let s = AxisScale.symlog(threshold: 0.5)
        for v in [-1000.0, -3, -0.5, -0.1, 0, 0.25, 0.5, 7, 1e6] {
            let t = s.transform(v)!
            #expect(abs(s.value(at: t) - v) <= 1e-12 * max(1, abs(v)))
            #expect(s.transform(-v)! == -t)
        }
        #expect(AxisScale.log2.transform(0) == nil && AxisScale.log10.transform(-1) == nil && AxisScale.linear.transform(.nan) == nil)
    }

    /// The SVG is well-formed XML with the title, every series and mark in
    /// the legend, powers of two as 2 with a raised exponent, and the data clipped.
    @Test func svgIsWellFormedAndComplete() throws {
        let f = FormatFigures.relativeSpacing([.bfloat16, .float8_e4m3fn])
        let svg = SVGRenderer(idPrefix: "t1").render(f)
        #expect(Self.xmlError(svg) == nil)
        #expect(svg.contains("<title>Relative spacing: ulp(x) / |x|</title>"))
        for name in ["bfloat16", "float8_e4m3fn", "bfloat16 unit roundoff 2^-8", "float8_e4m3fn unit roundoff 2^-4"] {
            #expect(svg.contains(">\(name)</text>"), "\(name)")
        }
        #expect(svg.contains("2<tspan dy=\"-0.45em\" font-size=\"0.75em\">-8</tspan>"))
        #expect(svg.contains("clip-path=\"url(#t1-clip)\""))
        // Text with markup characters is escaped.
        let g = Figure(title: "a < b & c", x: Axis(label: "x"), y: Axis(label: "y"), series: [Series(name: "<s>", plot: .markers([Point(1, 2)]))])
        #expect(Self.xmlError(SVGRenderer().render(g)) == nil)
    }

    @Test func anEmptyFigureSaysSo() {
        let f = Figure(title: "nothing", x: Axis(label: "x", scale: .log2), y: Axis(label: "y"), series: [Series(name: "none", plot: .line([]))])
        #expect(!f.hasData)
        let svg = SVGRenderer().render(f)
        #expect(svg.contains(">no data</text>") && Self.xmlError(svg) == nil)
    }

    /// Every kind of plot renders to well-formed SVG, bars and rugs included.
    @Test func everyPlotKindRenders() {
        let kinds: [Plot] = [.line([Point(1, 1), Point(2, 4)]), .steps([Point(1, 1), Point(2, 2)]), .markers([Point(1, 3)]),
                             .rug([1, 2, 3]), .histogram([Bin(0, 1, 3), Bin(1, 2, 0)]), .bars([Bar("a", 2), Bar("b", 5)])]
        for k in kinds {
            let f = Figure(title: "t", x: Axis(label: "x"), y: Axis(label: "y"), series: [Series(name: "s", plot: k)],
                           marks: [.vertical(x: 1.5, label: "v"), .horizontal(y: 2, label: "h", series: 0), .band(from: 1, to: 1.2, label: "b")])
            let svg = SVGRenderer().render(f)
            #expect(Self.xmlError(svg) == nil, "\(k)")
            #expect(!svg.contains("nan") && !svg.contains("inf"), "\(k)")
        }
    }

    @Test func documentRenderers() throws {
        var d = Document(title: "T")
        d.blocks = [.heading(level: 2, text: "One"), .paragraph("see `x < y`"), .list(["a", "b"]),
                    .table(MemoryReport.table(parameters: ParameterCount(value: 7_000_000_000), formats: [.bfloat16]), caption: "cap", notation: .decimal),
                    .heading(level: 2, text: "Two"), .figure(FormatFigures.ulp([.bfloat16]), caption: "ulps")]
        let html = HTMLDocumentRenderer().render(d)
        #expect(html.contains("<code>x &lt; y</code>"))
        #expect(html.contains("<a href=\"#one\">One</a>") && html.contains("<h2 id=\"two\">Two</h2>"))
        #expect(html.contains("<td style=\"text-align:right\">14000000000</td>"))
        #expect(html.contains("<figcaption>Figure 1. ulps</figcaption>"))
        #expect(!html.contains("<script") && !html.contains("http://") || html.contains("xmlns=\"http://www.w3.org/2000/svg\""))
        let md = MarkdownDocumentRenderer(figureFolder: "r_figures").render(d)
        #expect(md.markdown.contains("![Spacing of neighbouring values: ulp(x)](r_figures/figure-1.svg)"))
        #expect(md.figures.map(\.name) == ["figure-1.svg"])
        #expect(Self.xmlError(md.figures[0].svg) == nil)
        #expect(md.markdown.contains("| bfloat16 |"))
    }
}
