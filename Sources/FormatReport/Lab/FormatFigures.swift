import Foundation
import FloatFormats

/// The pictures of a format's values: where they sit, how many fall in each
/// binade, how far apart neighbours are. Every number comes from the format
/// model (`binades`, decoded encodings), the source of `floatlab spacing` and
/// `floatlab values`.
public enum FormatFigures {
    /// The widest format whose every value is drawn as a tick.
    public static let everyValueBits = 8

    /// Positive values per binade [2^e, 2^(e+1)), subnormal binades split out:
    /// the subnormals with j + 1 significant bits fill the binade 2^(emin − M + j)
    /// and number 2^j. Sorted by e.
    public static func valuesPerBinade(_ f: FloatFormat) -> [(exponent: Int, count: UInt64)] {
        var out: [(Int, UInt64)] = []
        for row in f.binades {
            if row.isSubnormal {
                for j in 0..<f.fractionBits {
                    out.append((f.emin - f.fractionBits + j, UInt64(1) << UInt64(j)))
                }
            } else {
                out.append((row.exponent, row.count))
            }
        }
        return out.sorted { $0.0 < $1.0 }
    }

    /// The positive finite values of a format of up to 16 bits, by enumeration.
    public static func positiveValues(_ f: FloatFormat) -> [Dyadic] {
        precondition(f.bitWidth <= 16, "enumerates formats of up to 16 bits")
        var out: [Dyadic] = []
        for code in 0...f.encodingMask {
            if let v = f.decodeUnchecked(code).value, !v.isZero, !v.isNegative { out.append(v) }
        }
        return Array(Set(out)).sorted { $0.doubleValue < $1.doubleValue }
    }

    static func power(_ e: Int) -> Double { Foundation.pow(2, Double(e)) }

    /// The subnormal range as a band, if the format has one.
    static func subnormalBand(_ f: FloatFormat) -> Mark? {
        guard let s = f.smallestSubnormal else { return nil }
        return .band(from: s.doubleValue, to: f.smallestNormal.doubleValue, label: "subnormals")
    }

    /// Every positive value as a tick on a log₂ number line (formats of up
    /// to 8 bits), or for wider ones every binade's first value; subnormals shaded.
    public static func numberLine(_ f: FloatFormat) -> Figure {
        let every = f.bitWidth <= everyValueBits
        let ticks: [Double] = every ? positiveValues(f).map(\.doubleValue)
                                    : valuesPerBinade(f).map { power($0.exponent) }.filter { $0 <= f.maxFinite.doubleValue }
        let title = every ? "\(f.name): its \(ticks.count) positive values" : "\(f.name): the first value of each of its \(ticks.count) binades"
        return Figure(title: title,
                      x: Axis(label: "|x| (log scale)", scale: .log2),
                      y: Axis(label: ""),
                      series: [Series(name: f.name, plot: .rug(ticks))],
                      marks: [subnormalBand(f)].compactMap { $0 })
    }

    /// Values per binade: the same count in every normal binade, halving
    /// through the subnormals; since each binade is twice as wide as the one
    /// below, the values crowd together toward zero.
    public static func density(_ f: FloatFormat) -> Figure {
        let rows = valuesPerBinade(f)
        let bins = rows.map { Bin(power($0.exponent), min(power($0.exponent + 1), f.maxFinite.doubleValue.nextUp), Double($0.count)) }
        let logCounts = (rows.map(\.count).max() ?? 1) > 64
        return Figure(title: "\(f.name): values per binade",
                      x: Axis(label: "binade [2^e, 2^(e+1))", scale: .log2),
                      y: Axis(label: "values in the binade", scale: logCounts ? .log2 : .linear, integers: true),
                      series: [Series(name: "\(f.name) (positive values)", plot: .histogram(bins))],
                      marks: [subnormalBand(f)].compactMap { $0 })
    }

    /// ulp(x) against |x| for several formats, log–log: a staircase that
    /// doubles at each binade and is flat through the subnormals.
    public static func ulp(_ formats: [FloatFormat]) -> Figure {
        let series = formats.map { f -> Series in
            var points: [Point] = []
            for row in f.binades {
                points.append(Point(row.lowest.doubleValue, row.spacing.doubleValue))
            }
            if let last = f.binades.last { points.append(Point(last.highest.doubleValue, last.spacing.doubleValue)) }
            return Series(name: f.name, plot: .steps(points))
        }
        return Figure(title: "Spacing of neighbouring values: ulp(x)", x: Axis(label: "|x|", scale: .log2),
                      y: Axis(label: "ulp(x)", scale: .log2), series: series)
    }

    /// ulp(x)/|x| against |x|, log–log: a saw-tooth between 2^-M and
    /// 2^-(M+1) over the normal range, rising toward 1 through the
    /// subnormals; each format's unit roundoff u = 2^-(M+1) marked.
    public static func relativeSpacing(_ formats: [FloatFormat]) -> Figure {
        var marks: [Mark] = []
        let series = formats.enumerated().map { i, f -> Series in
            var points: [Point] = []
            for row in f.binades {
                let s = row.spacing.doubleValue
                points.append(Point(row.lowest.doubleValue, s / row.lowest.doubleValue))
                points.append(Point(row.highest.doubleValue, s / row.highest.doubleValue))
            }
            marks.append(.horizontal(y: f.unitRoundoff.doubleValue, label: "\(f.name) unit roundoff 2^\(f.unitRoundoff.binade!)", series: i))
            return Series(name: f.name, plot: .line(points))
        }
        return Figure(title: "Relative spacing: ulp(x) / |x|", x: Axis(label: "|x|", scale: .log2),
                      y: Axis(label: "ulp(x) / |x|", scale: .log2), series: series, marks: marks)
    }

    /// Histograms of the rounding error in ulps, one series per mode.
    public static func roundingErrors(_ study: RoundingErrorStudy) -> Figure {
        let series = study.rows.map { row in
            Series(name: "\(row.mode.name): mean \(RealStyle.significant(3).string(row.mean)), RMS \(RealStyle.significant(3).string(row.rms))",
                   plot: .histogram(Histogram.bins(row.errors, from: -1, to: 1, count: 64)))
        }
        return Figure(title: "\(study.format.name): rounding error of the data, in ulps",
                      x: Axis(label: "(|stored| − |x|) / ulp(x)", scale: .linear, range: -1...1),
                      y: Axis(label: "elements"), series: series)
    }
}
