import Foundation
import FloatFormats
import Quantization
import Simulation
import TensorIO

/// `floatlab report`: the formats compared in tables and pictures, the
/// error rounding adds against truncation, memory for a model size and, with
/// a tensor file, what each quantization scheme does to it. Every table is
/// the one the matching command prints (`floatlab table`, `floatlab memory`,
/// `floatlab quantize --compare`), built by the same call.
public struct LabReport: Sendable {
    /// float32, float16, bfloat16, fp8 E4M3 and E5M2, fp4 E2M1.
    public static let defaultFormats: [FloatFormat] = [.float32, .float16, .bfloat16, .float8_e4m3fn, .float8_e5m2, .float4_e2m1fn]
    public static let defaultSchemes: [String] = ["int8", "int4", "float8_e4m3fn", "mxfp8_e4m3", "mxfp4", "nvfp4", "q8_0", "q4_0", "nf4"]
    public static let roundingModes: [RoundingMode] = [.nearestEven, .towardZero, .stochastic(bits: 16)]

    public var formats: [FloatFormat]
    /// A .npy or .safetensors file; nil: seeded normal values.
    public var dataPath: String?
    public var schemes: [QuantizationScheme]
    public var parameters: ParameterCount
    public var seed: UInt64
    /// How many seeded normal values stand in for data when there is no file,
    /// and how many values of a file the rounding study takes (evenly spaced).
    public var sampleSize: Int

    public init(formats: [FloatFormat] = LabReport.defaultFormats, dataPath: String? = nil,
                schemes: [QuantizationScheme]? = nil, parameters: ParameterCount = ParameterCount(value: 70_000_000_000),
                seed: UInt64 = 1, sampleSize: Int = 20_000) {
        self.formats = formats
        self.dataPath = dataPath
        self.schemes = schemes ?? LabReport.defaultSchemes.map { try! QuantizationScheme(name: $0) }
        self.parameters = parameters
        self.seed = seed
        self.sampleSize = sampleSize
    }

    /// The comparison table's columns: the wide set (`floatlab table --columns wide`).
    public static let comparisonColumns = try! FormatColumn.columns(["wide"])

    /// The values the rounding study converts: the file's float values
    /// (every k-th, up to `sampleSize`), or seeded N(0, 1) values.
    public func roundingData(_ study: QuantizationStudy?) throws -> (values: [Double], description: String) {
        guard let dataPath else {
            return (InputDistribution.normal.values(count: sampleSize, seed: seed),
                    "\(sampleSize) seeded standard normal values (seed \(seed))")
        }
        var all: [Double] = []
        let file = try TensorFile(path: dataPath)
        for i in file.entries.indices where file.entries[i].dtype.isFloat {
            if let v = try file.read(i).floatValues() { all += v.lazy.map(Double.init).filter(\.isFinite) }
        }
        let step = max(1, all.count / sampleSize)
        let values = stride(from: 0, to: all.count, by: step).prefix(sampleSize).map { all[$0] }
        return (values, "\(values.count) values of \((dataPath as NSString).lastPathComponent), every \(step == 1 ? "" : "\(step)th ")value of its float tensors")
    }

    /// The report as a document.
    public func document() throws -> Document {
        var d = Document(title: "FloatLab report: " + formats.map(\.name).joined(separator: ", "))
        let study = try dataPath.map { try QuantizationStudy(path: $0, schemes: schemes) }
        let data = try roundingData(study)
        d.blocks.append(.paragraph("Every number below is exact or computed from exact values by FloatLab's format model; each table is the one the command named under it prints. Hover over a value for all its digits."))

        d.blocks.append(.heading(level: 2, text: "Formats side by side"))
        let names = formats.map(\.name).joined(separator: ",")
        d.blocks.append(.table(FormatComparison.table(formats: formats, columns: LabReport.comparisonColumns),
                               caption: "`floatlab table --formats \(names) --columns wide`", notation: .decimal))

        d.blocks.append(.heading(level: 2, text: "Where the values are"))
        d.blocks.append(.paragraph("Each format's positive values on a logarithmic number line (every value for formats of up to \(FormatFigures.everyValueBits) bits, the start of every binade for wider ones; negative values mirror them, and zero has no place on a log scale). The shaded range holds the subnormals. Below each: the count per binade. A binade is twice as wide as the one beneath it and holds the same number of values, so the values crowd together toward zero; through the subnormals the count halves with each binade."))
        for f in formats {
            d.blocks.append(.heading(level: 3, text: f.name))
            d.blocks.append(.figure(FormatFigures.numberLine(f), caption: "\(f.name): \(f.distinctValueCount) distinct finite values from \(ValueNotation.decimal.string(f.minFinite, in: f)) to \(ValueNotation.decimal.string(f.maxFinite, in: f)); smallest positive \(ValueNotation.decimal.string(f.smallestPositive, in: f))."))
            d.blocks.append(.figure(FormatFigures.density(f), caption: "\(f.name): values per binade (`floatlab spacing --format \(f.name)` lists them row by row)."))
        }

        d.blocks.append(.heading(level: 2, text: "Spacing"))
        d.blocks.append(.figure(FormatFigures.ulp(formats), caption: "The gap between neighbouring values doubles with every binade and stays flat through the subnormals."))
        d.blocks.append(.figure(FormatFigures.relativeSpacing(formats), caption: "Relative spacing: between 2^-M and 2^-(M+1) over the normal range, growing toward 1 through the subnormals. Dashed: each format's unit roundoff u = 2^-(M+1), the largest relative error of rounding to nearest in the normal range."))

        d.blocks.append(.heading(level: 2, text: "Rounding against truncation"))
        d.blocks.append(.paragraph("The data (\(data.description)) converted into each format with each rounding mode. The error is measured on the magnitude, (|stored| − |x|) / ulp(x): truncation always shortens, so its mean (the bias) is near −½ ulp; nearest-even and stochastic rounding are unbiased, and stochastic rounding pays for it with a larger RMS. Values beyond the largest finite value are left out (they saturate: that is clipping, not rounding)."))
        var statRows: [[Cell]] = []
        for f in formats {
            let s = RoundingErrorStudy(format: f, data: data.values, modes: LabReport.roundingModes, seed: seed)
            d.blocks.append(.figure(FormatFigures.roundingErrors(s), caption: "\(f.name): error of each element in ulps, one outline per rounding mode."))
            for r in s.rows {
                statRows.append([.text(f.name), .text(r.mode.name), .integer(r.errors.count), .real(r.mean, .significant(4)),
                                 .real(r.rms, .significant(4)), .real(r.maxMagnitude, .significant(4)), .integer(r.exact), .integer(r.leftOut)])
            }
        }
        d.blocks.append(.table(Table(columns: [
            .init(key: "format", title: "format"), .init(key: "rounding", title: "rounding"),
            .init(key: "elements", title: "elements", alignment: .right), .init(key: "mean_ulp", title: "mean (bias), ulp", alignment: .right),
            .init(key: "rms_ulp", title: "RMS, ulp", alignment: .right), .init(key: "max_ulp", title: "max |error|, ulp", alignment: .right),
            .init(key: "exact", title: "exact", alignment: .right), .init(key: "left_out", title: "left out", alignment: .right),
        ], rows: statRows), caption: "Bias and RMS of the rounding error, in ulps. For uniformly spread fractions nearest rounding gives RMS 1/√12 ≈ 0.289, truncation mean −½ and RMS 1/√3 ≈ 0.577, stochastic rounding mean 0 and RMS 1/√6 ≈ 0.408.", notation: .decimal))

        if let study {
            d.blocks.append(.heading(level: 2, text: "Quantizing \((study.path as NSString).lastPathComponent)"))
            let list = schemes.map(\.name).joined(separator: ",")
            d.blocks.append(.table(QuantizationReport.comparison(study.reports),
                                   caption: "`floatlab quantize \((study.path as NSString).lastPathComponent) --compare \(list)`", notation: .decimal))
            if !study.leftOut.isEmpty {
                d.blocks.append(.list(study.leftOut.map { "\($0.scheme) left out: \($0.reason)" }))
            }
            d.blocks.append(.figure(study.sqnrFigure(), caption: "Signal-to-quantization-noise ratio of each tensor under each scheme; about 6 dB per bit."))
            for s in study.samples {
                d.blocks.append(.heading(level: 3, text: s.scheme))
                d.blocks.append(.figure(QuantizationStudy.dataFigure(s), caption: "\(s.tensor) under \(s.scheme): the histogram of its values, the ticks along the bottom the grid of the block (or channel, or tensor) that holds its largest magnitude, shaded the range that grid covers."))
                d.blocks.append(.figure(QuantizationStudy.errorFigure(s), caption: "\(s.tensor) under \(s.scheme): dequantized minus original, every element."))
            }
        }

        d.blocks.append(.heading(level: 2, text: "Memory for \(parameters) parameters"))
        let memory = MemoryReport.table(parameters: parameters, formats: formats)
        d.blocks.append(.table(memory, caption: "`floatlab memory --params \(parameters) --formats \(names)`", notation: .decimal))
        let bars = zip(formats, memory.column("gb") ?? []).map { Bar($0.name, $1.numericValue ?? 0) }
        d.blocks.append(.figure(Figure(title: "Memory for \(parameters) parameters (GB, 10^9 bytes)", x: Axis(label: "GB"), y: Axis(label: ""),
                                       series: [Series(name: "element storage", plot: .bars(bars))]),
                                caption: "The memory table's GB column as bars."))
        return d
    }
}
