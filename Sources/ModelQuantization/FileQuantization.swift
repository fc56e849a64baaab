import Foundation
import FloatFormats
import Quantization
import TensorIO

/// A tensor a scheme cannot take.
public enum UnfitPolicy: String, Sendable, CaseIterable {
    /// Refuse the whole file, naming the tensor and the reason.
    case error
    /// Keep it unquantized in its own dtype, as llama.cpp keeps tensors whose
    /// rows are not whole blocks, and report it as skipped with the reason.
    case keep
}

/// What `--store` writes.
public enum StoredForm: String, Sendable, CaseIterable {
    /// The dequantized values, float32, in the input's shapes.
    case dequantized
    /// Codes and scales (`CodeStorage`); ggml blocks byte for byte.
    case codes
}

/// Every tensor of a file through one quantizer, one tensor at a time:
/// read, quantize, measure, write, let go. Integer and boolean tensors are
/// copied through unchanged and reported as skipped.
public struct FileQuantization: Sendable {
    public let quantizer: Quantizer
    /// Tensors to quantize (all when nil); others are neither reported nor written.
    public var tensorNames: [String]?
    /// Also run the other scale arithmetic and count elements whose codes differ.
    public var countDisagreements = false
    /// What happens to a tensor the scheme cannot take (ggml rows that are not whole blocks).
    public var unfit: UnfitPolicy = .error

    public init(quantizer: Quantizer, tensorNames: [String]? = nil, countDisagreements: Bool = false, unfit: UnfitPolicy = .error) {
        self.quantizer = quantizer
        self.tensorNames = tensorNames
        self.countDisagreements = countDisagreements
        self.unfit = unfit
    }

    /// The entries selected, in file order; unknown names are an error that lists some known ones.
    public func selection(in file: TensorFile) throws(QuantizationError) -> [Int] {
        guard let names = tensorNames else { return Array(file.entries.indices) }
        var out: [Int] = []
        for name in names {
            guard let i = file.entries.firstIndex(where: { $0.name == name }) else {
                let known = file.entries.prefix(8).map(\.name).joined(separator: ", ")
                throw QuantizationError("no tensor named '\(name)' in '\(file.path)'; it has \(file.entries.count): \(known)\(file.entries.count > 8 ? ", …" : "").")
            }
            if !out.contains(i) { out.append(i) }
        }
        return out.sorted()
    }

    /// Quantizes the file; with an output path, writes it (atomically).
    /// `progress(done, total, name)` is called after each tensor.
    public func run(_ file: TensorFile, output: String? = nil, store: StoredForm = .dequantized,
                    progress: ((Int, Int, String) -> Void)? = nil) throws -> FileReport {
        let selected = try selection(in: file)
        var reports: [TensorReport] = []
        func process(_ k: Int) throws -> (TensorReport, QuantizedTensor?, StoredTensor) {
            let stored = try file.read(selected[k])
            let r = try quantize(stored)
            progress?(k + 1, selected.count, stored.name)
            return (r.0, r.1, stored)
        }
        guard let output else {
            for k in selected.indices { reports.append(try process(k).0) }
            return FileReport(scheme: quantizer.summary(for: [2, 2]), tensors: reports)
        }
        switch TensorFile.kind(of: output) {
        case .safetensors:
            // The header first: every stored tensor's dtype and shape is known before quantizing.
            var layouts: [[(name: String, dtype: TensorDType, shape: [Int])]] = []
            for i in selected {
                let e = file.entries[i]
                let kept = !e.dtype.isFloat || quantizer.unfitReason(for: e.shape) != nil
                if e.dtype.isFloat, unfit == .error, let why = quantizer.unfitReason(for: e.shape) {
                    throw unfitError(e.name, e.shape, why)   // before anything is written
                }
                if kept || store == .dequantized {
                    layouts.append([(e.name, kept ? e.dtype : .float(.float32), e.shape)])
                } else {
                    layouts.append(try CodeStorage.layout(name: e.name, shape: e.shape, quantizer: quantizer))
                }
            }
            let flat = layouts.flatMap { $0 }
            var pending: [Data] = []
            var next = 0
            var metadata = file.metadata
            metadata["floatlab.stored"] = store.rawValue
            for i in selected where file.entries[i].dtype.isFloat {
                metadata["floatlab.scheme." + file.entries[i].name] = quantizer.summary(for: file.entries[i].shape)
            }
            try TensorWriter.writeSafetensors(path: output, tensors: flat, metadata: metadata) { _ in
                if pending.isEmpty {
                    let (report, q, stored) = try process(next)
                    reports.append(report)
                    if let q {
                        pending = store == .dequantized ? [StoredTensor(name: q.name, shape: q.shape, float32: q.dequantized).data]
                                                        : CodeStorage.encode(q, layout: layouts[next])
                    } else {
                        pending = [stored.data]
                    }
                    next += 1
                }
                return pending.removeFirst()
            }
        case .npy, .text:
            guard selected.count == 1 else {
                throw QuantizationError("a .npy or text output holds one tensor; '\(file.path)' gives \(selected.count). Write a .safetensors file or pick one with --tensor.")
            }
            let (report, q, stored) = try process(0)
            reports.append(report)
            if store == .codes {
                guard let blocks = q?.ggmlBlocks else {
                    throw QuantizationError("--store codes writes codes and scales as separate tensors: give a .safetensors output (ggml schemes can also write their blocks to .npy).")
                }
                try TensorWriter.writeNPY(path: output, NPYArray(dtype: .unsigned(bytes: 1), shape: [blocks.count], data: Data(blocks)))
            } else if TensorFile.kind(of: output) == .npy {
                let t = q.map { StoredTensor(name: $0.name, shape: $0.shape, float32: $0.dequantized) } ?? stored
                try TensorWriter.writeNPY(path: output, NPYArray(dtype: t.dtype, shape: t.shape, data: t.data))
            } else {
                try TensorWriter.writeText(path: output, values: q?.dequantized ?? stored.floatValues() ?? [])
            }
        }
        return FileReport(scheme: quantizer.summary(for: [2, 2]), tensors: reports)
    }

    func unfitError(_ name: String, _ shape: [Int], _ why: String) -> QuantizationError {
        QuantizationError("tensor '\(name)' (shape \(shape)): \(why), so \(quantizer.scheme.name) cannot lay it out; llama.cpp keeps such tensors unquantized. Pass --unfit keep to do the same, pick tensors with --tensor, or use a scheme with padded groups (mxfp4, nf4, int4 --granularity group:32).")
    }

    /// One tensor: its report and, unless skipped, the quantized tensor.
    public func quantize(_ stored: StoredTensor) throws -> (TensorReport, QuantizedTensor?) {
        if stored.dtype.isFloat, let why = quantizer.unfitReason(for: stored.shape) {
            guard unfit == .keep else { throw unfitError(stored.name, stored.shape, why) }
            let report = TensorReport(name: stored.name, shape: stored.shape, dtype: stored.dtype.description, scheme: "kept",
                                      skipped: why + ", kept unquantized", count: stored.count, originalBits: stored.data.count * 8,
                                      storedBits: stored.data.count * 8, statistics: ErrorStatistics(), isPadded: false)
            return (report, nil)
        }
        guard let values = stored.floatValues() else {
            let report = TensorReport(name: stored.name, shape: stored.shape, dtype: stored.dtype.description, scheme: "copied",
                                      skipped: "\(stored.dtype) tensor", count: stored.count, originalBits: stored.data.count * 8,
                                      storedBits: stored.data.count * 8, statistics: ErrorStatistics(), isPadded: false)
            return (report, nil)
        }
        let tensor = Tensor(name: stored.name, shape: stored.shape, values: values)
        let q: QuantizedTensor
        do { q = try quantizer.quantize(tensor) } catch {
            throw QuantizationError("tensor '\(stored.name)' (shape \(stored.shape)): \(error.message)")
        }
        var disagreements: Int? = nil
        if countDisagreements {
            var other = quantizer.options
            other.scaleArithmetic = other.scaleArithmetic == .exact ? .float32 : .exact
            let alternative = try Quantizer(scheme: quantizer.scheme, options: other).quantize(tensor)
            disagreements = zip(q.dequantized, alternative.dequantized).reduce(0) { $0 + ($1.0.bitPattern != $1.1.bitPattern ? 1 : 0) }
        }
        let report = TensorReport(name: stored.name, shape: stored.shape, dtype: stored.dtype.description,
                                  scheme: quantizer.summary(for: stored.shape), skipped: nil, count: stored.count,
                                  originalBits: stored.data.count * 8, storedBits: q.storedBits,
                                  statistics: ErrorStatistics(original: values, dequantized: q.dequantized),
                                  isPadded: q.isPadded, arithmeticDisagreements: disagreements)
        return (report, q)
    }
}
