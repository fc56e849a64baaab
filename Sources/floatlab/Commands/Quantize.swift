import ArgumentParser
import FloatFormats
import FormatReport
import Foundation
import ModelQuantization
import Quantization
import TensorIO

struct Quantize: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Quantize the tensors of a .safetensors, .npy or text file and report the error and memory of each.",
        discussion: """
            Schemes: \(QuantizationScheme.acceptedNames).
            Examples:
              floatlab quantize model.safetensors --scheme int8
              floatlab quantize model.safetensors --scheme mxfp4 --scale-rule rceil --report json
              floatlab quantize model.safetensors --compare all
              floatlab quantize w.npy --scheme q4_0 --output w.q4_0.npy --store codes
            Docs/Quantization.md defines every scheme and option.
            """)

    @Argument(help: "A .safetensors, .npy or text file (one value per line, or CSV columns).")
    var input: String

    @Option(name: .customLong("tensor"), help: "Quantize only this tensor (repeat for more).")
    var tensors: [String] = []

    @Option(help: "The scheme (int8, e4m3, mxfp4, nvfp4, q4_0, nf4, …).")
    var scheme: String?

    @Option(help: "Compare schemes: a comma-separated list, or 'all'.")
    var compare: String?

    @Option(help: "Integer schemes: symmetric (zero point 0, or 2^(b-1) unsigned) or affine.")
    var mode: IntegerMode = .symmetric

    @Option(help: "Symmetric integer range: narrow (±(2^(b-1)-1), scale amax/qmax) or full (PyTorch: -2^(b-1)…, amax/((qmax-qmin)/2), eps 2^-23).")
    var range: IntegerRange = .narrow

    @Option(help: "Int and float-element schemes: tensor, channel, channel:AXIS or group:N (default: channel for 2-D and up, tensor for 1-D).")
    var granularity: String?

    @Option(help: "Clipping range: minmax, percentile:P, mse or entropy.")
    var calibration: String = "minmax"

    @Option(help: "Element rounding: nearest-even, nearest-away, toward-zero, up, down, odd, stochastic:BITS (default: the scheme's).")
    var rounding: String?

    @Option(help: "Seed of stochastic rounding.")
    var seed: UInt64 = 0

    @Option(help: "x / s: exact (rounded once, the default) or float32 (x · (1/s) in float32, as GPU and PyTorch kernels).")
    var scaleArithmetic: ScaleArithmetic = .exact

    @Flag(help: "Also run the other scale arithmetic and count the elements whose results differ.")
    var countDisagreements = false

    @Option(help: "MX shared-scale rule: floor (the spec), ceil, even, rceil (cuBLAS).")
    var scaleRule: MXScaleRule = .floor

    @Option(help: "NVFP4 smallest block scale: 2^-6 (torchao) or 2^-9 (Model-Optimizer).")
    var scaleMin: String = "2^-6"

    @Option(help: "Format of int and float-element scales (default float64 for int, float32 for float elements).")
    var scaleFormat: String?

    @Option(help: "Float-element schemes: amax (scale amax / max finite) or none.")
    var floatScale: FloatScaling = .amax

    @Option(help: "Block size of MX (32), NVFP4 (16), NF4 and fp4_bnb (64).")
    var block: Int?

    @Flag(help: "MXINT8: use the code -128 (-2.0), as gfloat does.")
    var mxint8Minus128 = false

    @Option(help: "NaN or Inf in a tensor: error, propagate or zero.")
    var nonfinite: NonfinitePolicy = .error

    @Option(help: "A tensor the scheme cannot take (ggml rows that are not whole blocks): error, or keep it unquantized as llama.cpp does (the default with --compare).")
    var unfit: UnfitPolicy?

    @Option(help: "The format of .npy arrays saved with an opaque 'V1'/'V2' dtype (ml_dtypes' bfloat16, fp8).")
    var dtype: String?

    @Option(help: "Write the quantized tensors to this file (.safetensors, .npy or text), atomically.")
    var output: String?

    @Option(help: "What --output holds: dequantized (float32 values) or codes (codes and scales; ggml blocks byte for byte).")
    var store: StoredForm = .dequantized

    @Option(help: "Report format: markdown, csv, json (also latex, html).")
    var report: OutputFormat = .markdown

    func validateOptions() throws {
        if (scheme == nil) == (compare == nil) { throw ValidationError("give --scheme SCHEME or --compare SCHEME,SCHEME,… (or --compare all).") }
        if compare != nil && output != nil { throw ValidationError("--compare writes no tensors; drop --output or use --scheme.") }
    }

    func options() throws -> QuantizationOptions {
        var o = QuantizationOptions()
        o.mode = mode
        o.range = range
        o.seed = seed
        o.scaleArithmetic = scaleArithmetic
        o.scaleRule = scaleRule
        o.floatScale = floatScale
        o.blockSize = block
        o.mxint8UsesMinus128 = mxint8Minus128
        o.nonfinite = nonfinite
        do {
            if let granularity { o.granularity = try Granularity(name: granularity) }
            o.calibration = try Calibration(name: calibration)
            if let rounding { o.rounding = try RoundingMode(name: rounding) }
            if let scaleFormat { o.scaleFormat = try FloatFormat.named(scaleFormat) }
        } catch let e as QuantizationError { throw ValidationError(e.message) }
        catch let e as FormatError { throw ValidationError(e.message) }
        switch scaleMin.replacingOccurrences(of: " ", with: "") {
        case "2^-6", "0.015625": o.nvfp4ScaleMinimumExponent = -6
        case "2^-9", "0.001953125": o.nvfp4ScaleMinimumExponent = -9
        default:
            guard scaleMin.hasPrefix("2^"), let k = Int(scaleMin.dropFirst(2)), (-9...8).contains(k) else {
                throw ValidationError("--scale-min takes a power of two E4M3 holds: 2^-6 (torchao), 2^-9 (Model-Optimizer), or 2^K with -9 ≤ K ≤ 8.")
            }
            o.nvfp4ScaleMinimumExponent = k
        }
        return o
    }

    func schemes() throws -> [QuantizationScheme] {
        do {
            if let scheme { return [try QuantizationScheme(name: scheme)] }
            let list = compare!.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if list == ["all"] { return QuantizationScheme.all }
            guard !list.isEmpty else { throw ValidationError("--compare needs scheme names, e.g. --compare int8,mxfp4,q4_0, or 'all'.") }
            return try list.map { try QuantizationScheme(name: $0) }
        } catch let e as QuantizationError { throw ValidationError(e.message) }
    }

    func run() throws {
        try validateOptions()
        let options = try options()
        let schemes = try schemes()
        let opaque = try dtype.map(parseFormat)
        do {
            let file = try TensorFile(path: input, assuming: opaque)
            let progress = ProgressBar(inputPath: input)
            var reports: [FileReport] = []
            for (k, scheme) in schemes.enumerated() {
                var o = options
                // A comparison applies each scheme's own defaults where an option does not fit it.
                if schemes.count > 1 { o = Self.fitted(o, to: scheme) }
                let run = FileQuantization(quantizer: try Quantizer(scheme: scheme, options: o),
                                           tensorNames: tensors.isEmpty ? nil : tensors, countDisagreements: countDisagreements,
                                           unfit: unfit ?? (schemes.count > 1 ? .keep : .error))
                let label = schemes.count > 1 ? "\(scheme.name) (\(k + 1)/\(schemes.count))" : scheme.name
                do {
                    reports.append(try run.run(file, output: output, store: store) { done, total, name in
                        progress?.update(done: done, total: total, label: "\(label) \(name)")
                    })
                } catch let e as QuantizationError where schemes.count > 1 {
                    FileHandle.standardError.write(Data("floatlab: \(scheme.name) left out of the comparison: \(e.message)\n".utf8))
                }
            }
            progress?.finish()
            if schemes.count > 1 {
                print(report.render(QuantizationReport.comparison(reports)), terminator: "")
            } else if report == .json {
                print(QuantizationReport.json(reports[0]), terminator: "")
            } else {
                print(report.render(QuantizationReport.table(reports[0])), terminator: "")
            }
        } catch let e as QuantizationError {
            throw CommandError(e.message)
        } catch let e as TensorIOError {
            throw CommandError(e.message)
        }
    }

    /// Options with the ones that do not apply to a scheme reset to its defaults.
    static func fitted(_ options: QuantizationOptions, to scheme: QuantizationScheme) -> QuantizationOptions {
        var o = options
        let defaults = QuantizationOptions()
        switch scheme {
        case .integer: break
        case .float: o.mode = defaults.mode
        case .ggml: o.blockSize = nil; o.rounding = nil
        case .codebook: o.rounding = nil
        default: break
        }
        return o
    }
}

extension IntegerMode: ExpressibleByArgument {}
extension IntegerRange: ExpressibleByArgument {}
extension ScaleArithmetic: ExpressibleByArgument {}
extension MXScaleRule: ExpressibleByArgument {}
extension FloatScaling: ExpressibleByArgument {}
extension NonfinitePolicy: ExpressibleByArgument {}
extension StoredForm: ExpressibleByArgument {}
extension UnfitPolicy: ExpressibleByArgument {}

/// A one-line progress bar on standard error, shown only when it is a
/// terminal and the input is over 4 MB.
final class ProgressBar {
    private var lastDraw = Date.distantPast

    init?(inputPath: String) {
        let size = ((try? FileManager.default.attributesOfItem(atPath: inputPath))?[.size] as? NSNumber)?.intValue ?? 0
        guard isatty(2) != 0, size > 4 << 20 else { return nil }
    }

    func update(done: Int, total: Int, label: String) {
        let now = Date()
        guard done == total || now.timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = now
        let width = 30, filled = total == 0 ? width : width * done / total
        let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
        let text = "\r[\(bar)] \(done)/\(total) \(label)".prefix(120)
        FileHandle.standardError.write(Data((text + "\u{1B}[K").utf8))
    }

    func finish() { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
}
