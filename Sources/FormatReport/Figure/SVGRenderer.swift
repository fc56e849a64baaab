import Foundation

/// Writes a `Figure` as one standalone SVG element: axes with readable ticks
/// (powers written 2^k or 10^k on log scales), grid lines, the series clipped
/// to the plot area, and a legend below the plot, where it cannot cover data
/// or collide with tick labels. Reference marks are named in the legend too.
public struct SVGRenderer: Sendable {
    public var width: Double
    /// Height of the plot area of line, step, marker and histogram figures.
    public var plotHeight: Double
    /// Prefix of the element ids (clip paths), unique per figure on a page.
    public var idPrefix: String
    public var fontSize: Double

    public init(width: Double = 720, plotHeight: Double = 280, idPrefix: String = "fig", fontSize: Double = 12) {
        self.width = width
        self.plotHeight = plotHeight
        self.idPrefix = idPrefix
        self.fontSize = fontSize
    }

    enum Kind { case xy, bars, rug }

    static func kind(_ f: Figure) -> Kind {
        let plots = f.series.map(\.plot)
        if !plots.isEmpty, plots.allSatisfy({ if case .bars = $0 { return true } else { return false } }) { return .bars }
        if !plots.isEmpty, plots.allSatisfy({ if case .rug = $0 { return true } else { return false } }) { return .rug }
        return .xy
    }

    /// The data range of one axis in scale units, padded; a fixed range wins.
    static func domain(_ axis: Axis, values: [Double], includeZero: Bool) -> (Double, Double) {
        if let r = axis.range, let lo = axis.scale.transform(r.lowerBound), let hi = axis.scale.transform(r.upperBound), hi > lo {
            return (lo, hi)
        }
        var t = values.compactMap { axis.scale.transform($0) }
        if includeZero, let z = axis.scale.transform(0) { t.append(z) }
        guard var lo = t.min(), var hi = t.max() else { return (0, 1) }
        if hi == lo {
            lo -= 0.5
            hi += 0.5
        }
        let pad = (hi - lo) * 0.03
        if !(includeZero && lo == axis.scale.transform(0)) { lo -= pad }
        hi += pad
        return (lo, hi)
    }

    func f(_ v: Double) -> String { String(format: "%.1f", v) }
    func esc(_ s: String) -> String { HTMLRenderer.escape(s) }
    func textWidth(_ s: String) -> Double { Double(s.count) * fontSize * 0.6 }

    func label(_ l: TickLabel, x: Double, y: Double, anchor: String) -> String {
        switch l {
        case .text(let s):
            return "<text x=\"\(f(x))\" y=\"\(f(y))\" text-anchor=\"\(anchor)\">\(esc(s))</text>"
        case .power(let b, let e):
            return "<text x=\"\(f(x))\" y=\"\(f(y))\" text-anchor=\"\(anchor)\">\(b)<tspan dy=\"-0.45em\" font-size=\"0.75em\">\(e)</tspan></text>"
        }
    }

    public func render(_ figure: Figure) -> String {
        let kind = SVGRenderer.kind(figure)
        let clip = "\(idPrefix)-clip"
        // Collect the data extent.
        var xs: [Double] = [], ys: [Double] = []
        var categories: [String] = []
        var zeroX = false, zeroY = false
        for s in figure.series {
            switch s.plot {
            case .line(let p), .steps(let p), .markers(let p):
                xs += p.map(\.x); ys += p.map(\.y)
            case .rug(let x): xs += x
            case .histogram(let b):
                xs += b.flatMap { [$0.lower, $0.upper] }; ys += b.map(\.count).filter { $0 > 0 }
                zeroY = true
            case .bars(let b):
                xs += b.map(\.value); zeroX = true
                for bar in b where !categories.contains(bar.category) { categories.append(bar.category) }
            }
        }
        for m in figure.marks {
            switch m {
            case .vertical(let x, _, _): xs.append(x)
            case .horizontal(let y, _, _): ys.append(y)
            case .band(let a, let b, _): xs += [a, b]
            }
        }
        if case .log2 = figure.y.scale { zeroY = false }
        if case .log10 = figure.y.scale { zeroY = false }
        let (xlo, xhi) = SVGRenderer.domain(figure.x, values: xs, includeZero: zeroX)
        let (ylo, yhi) = kind == .xy ? SVGRenderer.domain(figure.y, values: ys, includeZero: zeroY) : (0, 1)
        let rugSeries = figure.series.filter { if case .rug = $0.plot { return true } else { return false } }

        // Vertical layout.
        let top = 34.0
        let rowHeight = max(16.0, Double(figure.series.count) * (figure.series.count > 4 ? 6 : 9) + 8)
        let height: Double
        switch kind {
        case .xy: height = plotHeight
        case .bars: height = Double(max(categories.count, 1)) * rowHeight
        case .rug: height = Double(max(rugSeries.count, 1)) * 34
        }
        // y ticks (xy only) decide the left margin.
        let yTicks = kind == .xy ? AxisTicks.ticks(figure.y.scale, from: ylo, to: yhi, pixels: height,
                                                   integers: figure.y.integers, spacing: { _ in self.fontSize * 1.6 }) : []
        let leftLabels: [String]
        switch kind {
        case .xy: leftLabels = yTicks.map { $0.label.plain }
        case .bars: leftLabels = categories.map { SVGRenderer.shortened($0) }
        case .rug: leftLabels = rugSeries.map { SVGRenderer.shortened($0.name) }
        }
        let labelWidth = (leftLabels.map { textWidth($0) }.max() ?? 0)
        let left = 12 + (figure.y.label.isEmpty || kind != .xy ? 0 : fontSize + 8) + labelWidth + 8
        let right = width - 18
        let plotWidth = max(40, right - left)
        let bottom = top + height
        let xTicks = AxisTicks.ticks(figure.x.scale, from: xlo, to: xhi, pixels: plotWidth, integers: figure.x.integers,
                                     spacing: { $0.ems * self.fontSize + self.fontSize * 1.2 })
        func px(_ v: Double) -> Double? { figure.x.scale.transform(v).map { left + ($0 - xlo) / (xhi - xlo) * plotWidth } }
        func py(_ v: Double) -> Double? { figure.y.scale.transform(v).map { bottom - ($0 - ylo) / (yhi - ylo) * height } }
        func pyClamped(_ v: Double) -> Double { py(v) ?? bottom }

        var body: [String] = []
        // Grid and frame.
        for t in xTicks {
            let x = left + (t.position - xlo) / (xhi - xlo) * plotWidth
            body.append("<line x1=\"\(f(x))\" y1=\"\(f(top))\" x2=\"\(f(x))\" y2=\"\(f(bottom))\" stroke=\"#e6e6e6\"/>")
            body.append(label(t.label, x: x, y: bottom + fontSize + 8, anchor: "middle"))
        }
        for t in yTicks {
            let y = bottom - (t.position - ylo) / (yhi - ylo) * height
            body.append("<line x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(right))\" y2=\"\(f(y))\" stroke=\"#e6e6e6\"/>")
            body.append(label(t.label, x: left - 6, y: y + fontSize * 0.35, anchor: "end"))
        }
        // Marks behind the data; their legend entries follow the series'.
        var legend: [(swatch: String, name: String)] = []
        var markLegend: [(swatch: String, name: String)] = []
        for m in figure.marks {
            switch m {
            case .band(let a, let b, let name):
                guard let xa = px(a), let xb = px(b) else { continue }
                let x0 = max(left, min(xa, xb)), x1 = min(right, max(xa, xb))
                guard x1 > x0 else { continue }
                body.append("<rect x=\"\(f(x0))\" y=\"\(f(top))\" width=\"\(f(x1 - x0))\" height=\"\(f(height))\" fill=\"#888888\" fill-opacity=\"0.16\"><title>\(esc(name))</title></rect>")
                markLegend.append(("<rect x=\"0\" y=\"-8\" width=\"18\" height=\"10\" fill=\"#888888\" fill-opacity=\"0.3\"/>", name))
            case .vertical(let x, let name, let s):
                guard let xp = px(x) else { continue }
                let c = s.map(Palette.colour) ?? Palette.neutral
                body.append("<line x1=\"\(f(xp))\" y1=\"\(f(top))\" x2=\"\(f(xp))\" y2=\"\(f(bottom))\" stroke=\"\(c)\" stroke-width=\"1.2\" stroke-dasharray=\"5 3\"><title>\(esc(name))</title></line>")
                markLegend.append(("<line x1=\"9\" y1=\"-9\" x2=\"9\" y2=\"3\" stroke=\"\(c)\" stroke-width=\"1.5\" stroke-dasharray=\"3 2\"/>", name))
            case .horizontal(let y, let name, let s):
                guard let yp = py(y) else { continue }
                let c = s.map(Palette.colour) ?? Palette.neutral
                body.append("<line x1=\"\(f(left))\" y1=\"\(f(yp))\" x2=\"\(f(right))\" y2=\"\(f(yp))\" stroke=\"\(c)\" stroke-width=\"1.2\" stroke-dasharray=\"5 3\"><title>\(esc(name))</title></line>")
                markLegend.append(("<line x1=\"0\" y1=\"-3\" x2=\"18\" y2=\"-3\" stroke=\"\(c)\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>", name))
            }
        }
        // The data.
        var data: [String] = []
        var rugLane = 0
        for (i, s) in figure.series.enumerated() {
            let c = Palette.colour(i), dash = Palette.dash(i)
            let dashAttr = dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\""
            switch s.plot {
            case .line(let points), .steps(let points):
                var d = "", pen = false
                let isSteps: Bool = { if case .steps = s.plot { return true } else { return false } }()
                var lastY: Double?
                for p in points {
                    guard let x = px(p.x), let y = py(p.y) else { pen = false; lastY = nil; continue }
                    if !pen { d += "M\(f(x)) \(f(y))"; pen = true }
                    else if isSteps, let ly = lastY { d += "H\(f(x))"; if ly != y { d += "V\(f(y))" } }
                    else { d += "L\(f(x)) \(f(y))" }
                    lastY = y
                }
                data.append("<path d=\"\(d)\" fill=\"none\" stroke=\"\(c)\" stroke-width=\"1.8\"\(dashAttr)><title>\(esc(s.name))</title></path>")
                legend.append(("<line x1=\"0\" y1=\"-3\" x2=\"18\" y2=\"-3\" stroke=\"\(c)\" stroke-width=\"2\"\(dashAttr)/>", s.name))
            case .markers(let points):
                let shape = Palette.marker(i)
                for p in points {
                    guard let x = px(p.x), let y = py(p.y) else { continue }
                    data.append(marker(shape, x: x, y: y, colour: c))
                }
                legend.append((marker(shape, x: 9, y: -3, colour: c), s.name))
            case .rug(let values):
                // A lane of its own in a number-line figure; along the bottom edge in an x–y plot.
                let laneTop = kind == .rug ? top + Double(rugLane) * 34 + 6 : bottom - 14
                let laneBottom = kind == .rug ? laneTop + 22 : bottom
                var d = ""
                for v in values {
                    guard let x = px(v) else { continue }
                    d += "M\(String(format: "%.2f", x)) \(f(laneTop))V\(f(laneBottom))"
                }
                data.append("<path d=\"\(d)\" stroke=\"\(c)\" stroke-width=\"\(kind == .rug ? "0.8" : "1")\"><title>\(esc(s.name)): \(values.count) values</title></path>")
                if kind == .rug {
                    body.append("<text x=\"\(f(left - 6))\" y=\"\(f(laneTop + 15))\" text-anchor=\"end\">\(esc(SVGRenderer.shortened(s.name)))</text>")
                    rugLane += 1
                } else {
                    legend.append(("<path d=\"M3 -9V3M9 -9V3M15 -9V3\" stroke=\"\(c)\" stroke-width=\"1.2\"/>", s.name))
                }
            case .histogram(let bins):
                var d = ""
                let base = bottom
                for (j, b) in bins.enumerated() {
                    guard let x0 = px(b.lower), let x1 = px(b.upper) else { continue }
                    let y = b.count > 0 ? pyClamped(b.count) : base
                    if j == 0 || d.isEmpty { d += "M\(f(x0)) \(f(base))" } else { d += "H\(f(x0))" }
                    d += "V\(f(y))H\(f(x1))"
                    if j == bins.count - 1 { d += "V\(f(base))" }
                }
                data.append("<path d=\"\(d)\" fill=\"\(c)\" fill-opacity=\"0.08\" stroke=\"\(c)\" stroke-width=\"1.6\"\(dashAttr)><title>\(esc(s.name))</title></path>")
                legend.append(("<line x1=\"0\" y1=\"-3\" x2=\"18\" y2=\"-3\" stroke=\"\(c)\" stroke-width=\"2\"\(dashAttr)/>", s.name))
            case .bars(let bars):
                let n = Double(figure.series.count)
                let barHeight = (rowHeight - 6) / n
                for b in bars {
                    guard let row = categories.firstIndex(of: b.category), let x = px(b.value) else { continue }
                    let x0 = px(0) ?? left
                    let y = top + Double(row) * rowHeight + 3 + Double(i) * barHeight
                    data.append("<rect x=\"\(f(min(x0, x)))\" y=\"\(f(y))\" width=\"\(f(max(0.5, abs(x - x0))))\" height=\"\(f(barHeight))\" fill=\"\(c)\"><title>\(esc(b.category)) · \(esc(s.name)): \(esc(RealStyle.significant(4).string(b.value)))</title></rect>")
                }
                legend.append(("<rect x=\"0\" y=\"-9\" width=\"18\" height=\"10\" fill=\"\(c)\"/>", s.name))
            }
        }
        if kind == .bars {
            for (row, cat) in categories.enumerated() {
                let y = top + Double(row) * rowHeight + rowHeight / 2 + fontSize * 0.35
                body.append("<text x=\"\(f(left - 6))\" y=\"\(f(y))\" text-anchor=\"end\"><title>\(esc(cat))</title>\(esc(SVGRenderer.shortened(cat)))</text>")
            }
        }
        if kind == .rug { legend.removeAll { entry in rugSeries.contains { $0.name == entry.name } } }
        legend += markLegend

        // Axis labels and the legend, below the plot.
        var y = bottom + fontSize + 8
        if !xTicks.isEmpty { y += 4 }
        var foot: [String] = []
        if !figure.x.label.isEmpty {
            y += fontSize + 4
            foot.append("<text x=\"\(f(left + plotWidth / 2))\" y=\"\(f(y))\" text-anchor=\"middle\">\(esc(figure.x.label))</text>")
        }
        if kind == .xy && !figure.y.label.isEmpty {
            let cx = 12 + fontSize / 2, cy = top + height / 2
            foot.append("<text x=\"\(f(cx))\" y=\"\(f(cy))\" text-anchor=\"middle\" transform=\"rotate(-90 \(f(cx)) \(f(cy)))\">\(esc(figure.y.label))</text>")
        }
        // Legend entries flow left to right and wrap.
        var lx = left
        if !legend.isEmpty { y += fontSize + 10 }
        for entry in legend {
            let w = 24 + textWidth(entry.name) + 18
            if lx + w > right && lx > left {
                lx = left
                y += fontSize + 8
            }
            foot.append("<g transform=\"translate(\(f(lx)) \(f(y)))\">\(entry.swatch)<text x=\"24\" y=\"0\">\(esc(entry.name))</text></g>")
            lx += w
        }
        let total = (y + 10).rounded(.up)
        var out: [String] = []
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"figure\" viewBox=\"0 0 \(f(width)) \(f(total))\" width=\"\(f(width))\" height=\"\(f(total))\" role=\"img\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"\(f(fontSize))\" fill=\"#222222\">")
        out.append("<title>\(esc(figure.title))</title>")
        out.append("<defs><clipPath id=\"\(clip)\"><rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotWidth))\" height=\"\(f(height))\"/></clipPath></defs>")
        out.append("<rect x=\"0\" y=\"0\" width=\"\(f(width))\" height=\"\(f(total))\" fill=\"#ffffff\"/>")
        out.append("<text x=\"\(f(left))\" y=\"20\" font-weight=\"bold\" font-size=\"\(f(fontSize + 2))\">\(esc(figure.title))</text>")
        out += body
        out.append("<g clip-path=\"url(#\(clip))\" class=\"data\">")
        out += data
        out.append("</g>")
        out.append("<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotWidth))\" height=\"\(f(height))\" fill=\"none\" stroke=\"#999999\"/>")
        out += foot
        if !figure.hasData {
            out.append("<text x=\"\(f(left + plotWidth / 2))\" y=\"\(f(top + height / 2))\" text-anchor=\"middle\">no data</text>")
        }
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }

    func marker(_ shape: Palette.Marker, x: Double, y: Double, colour: String) -> String {
        switch shape {
        case .circle: return "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"3\" fill=\"\(colour)\"/>"
        case .square: return "<rect x=\"\(f(x - 3))\" y=\"\(f(y - 3))\" width=\"6\" height=\"6\" fill=\"\(colour)\"/>"
        case .triangle: return "<path d=\"M\(f(x)) \(f(y - 3.5))L\(f(x + 3.5)) \(f(y + 3))L\(f(x - 3.5)) \(f(y + 3))Z\" fill=\"\(colour)\"/>"
        case .diamond: return "<path d=\"M\(f(x)) \(f(y - 4))L\(f(x + 4)) \(f(y))L\(f(x)) \(f(y + 4))L\(f(x - 4)) \(f(y))Z\" fill=\"\(colour)\"/>"
        }
    }

    /// Names longer than 36 characters keep their end (where tensor names differ).
    static func shortened(_ s: String) -> String {
        s.count <= 36 ? s : "…" + s.suffix(35)
    }
}
