import Foundation
import FloatFormats
import Quantization
import TensorIO
import ModelQuantization

/// A tensor file through several quantization schemes, as the report shows
/// it: the file reports (`floatlab quantize --compare`'s numbers, from the
/// same `FileQuantization.run`) and, for the file's largest float tensor,
/// the values before and after with the grid they were rounded to.
public struct QuantizationStudy: Sendable {
    /// One scheme on the sample tensor.
    public struct Sample: Sendable {
        public let scheme: String
        public let tensor: String
        public let original: [Float]
        public let dequantized: [Float]
        /// The grid of the group holding the tensor's largest magnitude (nil for the k-quants).
        public let levels: [Float]?
    }

    public let path: String
    public let reports: [FileReport]
    public let samples: [Sample]
    /// Schemes left out, with the reason.
    public let leftOut: [(scheme: String, reason: String)]

    /// Runs every scheme with its default options over every tensor of the
    /// file (tensors a scheme cannot lay out are kept, as `--compare` does).
    public init(path: String, schemes: [QuantizationScheme]) throws {
        self.path = path
        let file = try TensorFile(path: path)
        // The sample: the largest float tensor.
        var sampleIndex: Int?
        for (i, e) in file.entries.enumerated() where e.dtype.isFloat {
            if sampleIndex.map({ file.entries[$0].shape.reduce(1, *) < e.shape.reduce(1, *) }) ?? true { sampleIndex = i }
        }
        let sample = try sampleIndex.map { try file.read($0) }
        var reports: [FileReport] = [], samples: [Sample] = [], leftOut: [(String, String)] = []
        for scheme in schemes {
            do {
                let run = FileQuantization(quantizer: try Quantizer(scheme: scheme), unfit: .keep)
                reports.append(try run.run(file))
                if let sample, let original = sample.floatValues() {
                    let (_, q) = try run.quantize(sample)
                    if let q {
                        let dq = q.dequantized
                        var argmax = 0
                        for i in original.indices where abs(original[i]) > abs(original[argmax]) { argmax = i }
                        let levels = q.group(of: argmax).flatMap { q.levels(ofGroup: $0) }
                        samples.append(Sample(scheme: scheme.name, tensor: sample.name, original: original, dequantized: dq, levels: levels))
                    }
                }
            } catch let e as QuantizationError {
                leftOut.append((scheme.name, e.message))
            }
        }
        self.reports = reports
        self.samples = samples
        self.leftOut = leftOut
    }

    /// The data histogram (log counts) with the grid as a rug and the grid's range shaded.
    public static func dataFigure(_ s: Sample) -> Figure {
        let values = s.original.map(Double.init).filter(\.isFinite)
        let lo = min(values.min() ?? -1, Double(s.levels?.first ?? 0)), hi = max(values.max() ?? 1, Double(s.levels?.last ?? 0))
        let (a, b) = lo < hi ? (lo, hi) : (lo - 1, hi + 1)
        let bins = Histogram.bins(values, from: a, to: b, count: 120)
        var series = [Series(name: "\(s.tensor): \(values.count) values", plot: .histogram(bins))]
        var marks: [Mark] = []
        if let levels = s.levels, let first = levels.first, let last = levels.last {
            series.append(Series(name: "grid of the block holding max |x|: \(levels.count) levels", plot: .rug(levels.map(Double.init))))
            marks.append(.band(from: Double(first), to: Double(last), label: "its range [\(first), \(last)]: beyond it values clip"))
        }
        return Figure(title: "\(s.scheme): the data and the grid it is rounded to", x: Axis(label: "x"),
                      y: countAxis(bins), series: series, marks: marks)
    }

    /// The histogram of dequantized − original.
    public static func errorFigure(_ s: Sample) -> Figure {
        var errors: [Double] = []
        errors.reserveCapacity(s.original.count)
        for (x, q) in zip(s.original, s.dequantized) where x.isFinite && q.isFinite { errors.append(Double(q) - Double(x)) }
        let m = max(errors.map(abs).max() ?? 1, .leastNormalMagnitude)
        let bins = Histogram.bins(errors, from: -m, to: m, count: 100)
        return Figure(title: "\(s.scheme): quantization error of \(s.tensor)", x: Axis(label: "dequantized − original"),
                      y: countAxis(bins), series: [Series(name: s.scheme, plot: .histogram(bins))])
    }

    /// Counts on a log scale when they span more than two decades, else linear in whole numbers.
    static func countAxis(_ bins: [Bin]) -> Axis {
        (bins.map(\.count).max() ?? 0) > 100 ? Axis(label: "elements (log scale)", scale: .log10)
                                               : Axis(label: "elements", integers: true)
    }

    /// SQNR of each quantized tensor, one bar per scheme; the `limit` largest tensors.
    public func sqnrFigure(limit: Int = 12) -> Figure {
        var sizes: [String: Int] = [:], order: [String] = []
        for r in reports {
            for t in r.tensors where t.skipped == nil && sizes[t.name] == nil {
                sizes[t.name] = t.count
                order.append(t.name)
            }
        }
        let chosen = Set(order.sorted { sizes[$0]! > sizes[$1]! }.prefix(limit))
        let series = reports.map { r in
            Series(name: r.scheme, plot: .bars(r.tensors.filter { $0.skipped == nil && chosen.contains($0.name) }
                .map { Bar($0.name, $0.statistics.sqnrDecibels.isFinite ? $0.statistics.sqnrDecibels : 0) }))
        }
        let title = order.count > limit ? "SQNR per tensor (dB), the \(limit) largest of \(order.count) tensors" : "SQNR per tensor (dB)"
        return Figure(title: title, x: Axis(label: "SQNR, dB (higher is better)"), y: Axis(label: ""), series: series)
    }
}
