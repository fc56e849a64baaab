import Foundation

/// A plot as data: axes, series and reference marks, rendered to SVG by
/// `SVGRenderer`. The numbers are the ones the report's tables hold (the same
/// library calls), so a figure and its table cannot disagree.
///
/// ```swift
/// let f = Figure(title: "ulp", x: Axis(label: "|x|", scale: .log2), y: Axis(label: "ulp(x)", scale: .log2),
///                series: [Series(name: "bfloat16", plot: .steps([Point(0.5, 0.00390625), Point(1, 0.0078125), Point(2, 0.0078125)]))])
/// SVGRenderer().render(f).hasPrefix("<svg")   // true
/// ```
public struct Figure: Sendable, Equatable {
    public var title: String
    public var x: Axis
    public var y: Axis
    public var series: [Series]
    /// Reference lines and shaded ranges drawn behind the data.
    public var marks: [Mark]

    public init(title: String, x: Axis, y: Axis, series: [Series], marks: [Mark] = []) {
        self.title = title
        self.x = x
        self.y = y
        self.series = series
        self.marks = marks
    }

    /// Whether any series has something to draw on these axes.
    public var hasData: Bool {
        series.contains { !$0.plot.isEmpty }
    }
}

/// One axis: a label, a scale and, optionally, a fixed range (in data units).
public struct Axis: Sendable, Equatable {
    public var label: String
    public var scale: AxisScale
    /// nil: from the data, padded to the ticks.
    public var range: ClosedRange<Double>?
    /// Ticks at whole numbers only (counts).
    public var integers: Bool

    public init(label: String, scale: AxisScale = .linear, range: ClosedRange<Double>? = nil, integers: Bool = false) {
        self.label = label
        self.scale = scale
        self.range = range
        self.integers = integers
    }
}

/// How data values map to positions along an axis.
public enum AxisScale: Sendable, Equatable {
    case linear
    /// Powers of two evenly spaced; ticks written 2^k.
    case log2
    /// Powers of ten evenly spaced; ticks written 10^k.
    case log10
    /// Linear within ±threshold and logarithmic (base 10) beyond, for data
    /// with both signs and a wide range (matplotlib's symlog).
    case symlog(threshold: Double)

    /// The position of `v` in the scale's own units; nil where it has none
    /// (zero or negative values on a log scale, non-finite values).
    public func transform(_ v: Double) -> Double? {
        guard v.isFinite else { return nil }
        switch self {
        case .linear: return v
        case .log2: return v > 0 ? Foundation.log2(v) : nil
        case .log10: return v > 0 ? Foundation.log10(v) : nil
        case .symlog(let c):
            let m = abs(v)
            let t = m <= c ? m / c : 1 + Foundation.log10(m / c)
            return v < 0 ? -t : t
        }
    }

    /// The inverse of `transform`.
    public func value(at t: Double) -> Double {
        switch self {
        case .linear: return t
        case .log2: return Foundation.pow(2, t)
        case .log10: return Foundation.pow(10, t)
        case .symlog(let c):
            let m = abs(t)
            let v = m <= 1 ? m * c : c * Foundation.pow(10, m - 1)
            return t < 0 ? -v : v
        }
    }
}

/// A point of a line, step or marker series.
public struct Point: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }
}

/// A histogram bin: [lower, upper) holding `count` (or a density).
public struct Bin: Sendable, Equatable {
    public var lower: Double
    public var upper: Double
    public var count: Double
    public init(_ lower: Double, _ upper: Double, _ count: Double) {
        self.lower = lower
        self.upper = upper
        self.count = count
    }
}

/// A named bar of a bar chart (bars are horizontal: the names stay readable).
public struct Bar: Sendable, Equatable {
    public var category: String
    public var value: Double
    public init(_ category: String, _ value: Double) {
        self.category = category
        self.value = value
    }
}

/// A named series in one of the plot kinds.
public struct Series: Sendable, Equatable {
    public var name: String
    public var plot: Plot
    public init(name: String, plot: Plot) {
        self.name = name
        self.plot = plot
    }
}

public enum Plot: Sendable, Equatable {
    /// Points joined by straight lines (in the axes' scales).
    case line([Point])
    /// Each y holds from its x to the next point's x.
    case steps([Point])
    case markers([Point])
    /// A short vertical tick at each x (a number line); y is unused.
    case rug([Double])
    /// Bins drawn as an outline (several histograms stay readable on one plot).
    case histogram([Bin])
    /// Horizontal bars, one per category; series side by side within a category.
    case bars([Bar])

    public var isEmpty: Bool {
        switch self {
        case .line(let p), .steps(let p), .markers(let p): return p.isEmpty
        case .rug(let x): return x.isEmpty
        case .histogram(let b): return b.isEmpty
        case .bars(let b): return b.isEmpty
        }
    }
}

/// Reference marks: lines and ranges with a label.
public enum Mark: Sendable, Equatable {
    /// A vertical line at x; `series` colours it like that series (nil: grey).
    case vertical(x: Double, label: String, series: Int? = nil)
    case horizontal(y: Double, label: String, series: Int? = nil)
    /// A shaded range of x (the subnormal region, the clipping range).
    case band(from: Double, to: Double, label: String)
}
