import Foundation

/// A tick on an axis: where it sits (in the scale's units) and its label.
public struct Tick: Sendable, Equatable {
    public var position: Double
    public var label: TickLabel
}

/// A tick label: plain text, or a power written base^exponent with the exponent raised.
public enum TickLabel: Sendable, Equatable {
    case text(String)
    case power(base: Int, exponent: Int)

    /// The label as plain text: `0.5`, `2^-9`, `10^3`.
    public var plain: String {
        switch self {
        case .text(let s): return s
        case .power(let b, let e): return "\(b)^\(e)"
        }
    }

    /// Width in ems, for spacing labels so they do not overlap.
    var ems: Double {
        switch self {
        case .text(let s): return 0.6 * Double(s.count)
        case .power(let b, let e): return 0.6 * Double(String(b).count) + 0.45 * Double(String(e).count)
        }
    }
}

/// Readable ticks for an axis: steps of 1, 2 or 5 × 10^k on linear axes,
/// whole powers (every one, or every k-th) on log axes, 0 and ±t·10^k on symlog.
/// The count is chosen so that labels, `labelEms` wide at most, keep a gap.
public enum AxisTicks {
    /// Ticks inside [lo, hi] (scale units) for an axis `pixels` long whose labels
    /// need `spacing(label)` pixels each along it.
    public static func ticks(_ scale: AxisScale, from lo: Double, to hi: Double, pixels: Double, integers: Bool = false,
                             spacing: (TickLabel) -> Double) -> [Tick] {
        guard hi > lo, pixels > 0 else { return [] }
        func fits(_ ticks: [Tick]) -> Bool {
            zip(ticks, ticks.dropFirst()).allSatisfy { a, b in
                (b.position - a.position) / (hi - lo) * pixels >= max(spacing(a.label), spacing(b.label))
            }
        }
        switch scale {
        case .linear:
            for step in linearSteps(span: hi - lo) where !integers || step >= 1 {
                let t = linear(lo, hi, step)
                if fits(t) && t.count <= 11 { return t }
            }
            return linear(lo, hi, (hi - lo))
        case .log2, .log10:
            let base = scale == .log2 ? 2 : 10
            for k in [1, 2, 3, 4, 5, 8, 10, 16, 20, 25, 32, 50, 64, 100, 128, 200, 256, 500, 512, 1000, 1024, 2000] {
                let first = Int((lo / Double(k)).rounded(.up)) * k
                let t = stride(from: first, through: Int(hi.rounded(.down)), by: k).map {
                    Tick(position: Double($0), label: .power(base: base, exponent: $0))
                }
                if fits(t) && t.count <= 12 { return t }
            }
            return []
        case .symlog(let c):
            // Positions: 0, ±1 (= ±c), ±(1 + j) (= ±c·10^j).
            for k in [1, 2, 3, 4, 5, 10, 20, 50] {
                var t: [Tick] = []
                var p = Int(lo.rounded(.up))
                while Double(p) <= hi {
                    if p == 0 || (abs(p) - 1) % k == 0 {
                        t.append(Tick(position: Double(p), label: .text(compact(scale.value(at: Double(p)), magnitude: c))))
                    }
                    p += 1
                }
                if fits(t) && t.count <= 11 { return t }
                if k == 50 { return thinned(t) }
            }
            return []
        }

        /// Greedily keeps ticks, zero first, that stay clear of the ones kept.
        func thinned(_ t: [Tick]) -> [Tick] {
            var kept: [Tick] = t.filter { $0.position == 0 }
            for tick in t.sorted(by: { abs($0.position) < abs($1.position) }) where tick.position != 0 {
                let clear = kept.allSatisfy { k in
                    abs(k.position - tick.position) / (hi - lo) * pixels >= max(spacing(k.label), spacing(tick.label))
                }
                if clear { kept.append(tick) }
            }
            return kept.sorted { $0.position < $1.position }
        }
    }

    /// 1, 2, 5 × 10^k from about a fiftieth of the span up.
    static func linearSteps(span: Double) -> [Double] {
        let start = Foundation.pow(10, (Foundation.log10(span / 50)).rounded(.down))
        var out: [Double] = []
        var p = start
        while out.count < 30 {
            for m in [1.0, 2, 5] { out.append(m * p) }
            p *= 10
        }
        return out
    }

    static func linear(_ lo: Double, _ hi: Double, _ step: Double) -> [Tick] {
        let first = (lo / step).rounded(.up), last = (hi / step).rounded(.down)
        guard first <= last, last - first < 1000 else { return [] }
        let decimals = max(0, -Int(Foundation.log10(step).rounded(.down)))
        let large = max(abs(first), abs(last)) * step >= 1e6
        return stride(from: first, through: last, by: 1).map { k in
            let v = k * step
            let text: String
            if v == 0 { text = "0" }
            else if large || (decimals > 4) { text = compact(v, magnitude: step) }
            else { text = String(format: "%.\(decimals)f", v) }
            return Tick(position: v, label: .text(text))
        }
    }

    /// A short label: %g with enough digits for the step.
    static func compact(_ v: Double, magnitude: Double) -> String {
        if v == 0 { return "0" }
        guard v.isFinite, magnitude.isFinite, magnitude > 0 else { return RealStyle.shortest.string(v) }
        let digits = max(1, Int(Foundation.log10(abs(v) / magnitude).rounded(.up)) + 1)
        return String(format: "%.\(min(digits, 6))g", v)
    }
}
