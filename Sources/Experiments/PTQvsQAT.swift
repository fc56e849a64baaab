import Foundation
import Quantization

/// Post-training quantization against quantization-aware training, on a
/// two-layer MLP: train in float32 for `epochs`; then fine-tune for
/// `qatEpochs` (learning rate 0.01) in float32 (the baseline, and PTQ, which
/// quantizes its weights) or with the weights fake-quantized in the forward
/// pass and the straight-through estimator in the backward pass (QAT,
/// evaluated with its quantized weights). Both arms train equally long. Weights
/// only are quantized (W1 and W2; biases and activations stay float32).
/// Every seed (seed, seed + 1, …) retrains from its own initialization and
/// shuffle; the table averages over them.
public struct PTQvsQAT: Sendable {
    public struct Row: Sendable, Equatable {
        /// `float32` for the baseline, else the scheme and its granularity (`int8/channel`, `mxfp4`).
        public let scheme: String
        /// `baseline`, `ptq` or `qat`.
        public let method: String
        public let accuracy: Double, accuracyStd: Double
        public let loss: Double, lossStd: Double
    }

    /// int8, int4, fp8 E4M3 and fp4 per tensor and per channel; MXFP4 and NVFP4 in their blocks.
    public static let defaultSchemes = ["int8", "int4", "float8_e4m3fn", "float4_e2m1fn", "mxfp4", "nvfp4"]

    public let rows: [Row]
    public let trainCount: Int, testCount: Int
    public let description: String

    /// The scheme variants: `NAME/tensor` and `NAME/channel` for int and scaled-float schemes, the name alone for block schemes.
    public static func variants(_ names: [String]) throws(QuantizationError) -> [(name: String, quantizer: Quantizer)] {
        var out: [(String, Quantizer)] = []
        for name in names {
            let scheme = try QuantizationScheme(name: name)
            if scheme.takesGranularity {
                for (g, granularity) in [("tensor", Granularity.tensor), ("channel", Granularity.channel(axis: 0))] {
                    var o = QuantizationOptions()
                    o.granularity = granularity
                    out.append(("\(scheme.name)/\(g)", try Quantizer(scheme: scheme, options: o)))
                }
            } else {
                out.append((scheme.name, try Quantizer(scheme: scheme)))
            }
        }
        return out
    }

    /// Runs the experiment. `data` nil: the generated task (3000 samples, 2000 for training).
    public init(data: ClassificationData? = nil, schemes: [String] = PTQvsQAT.defaultSchemes, seeds: Int = 3, epochs: Int = 20,
                qatEpochs: Int = 5, hidden: Int = 64, seed: UInt64 = 1) throws {
        let all = data ?? ClassificationData.generated(count: 3000, seed: seed)
        let (train, test) = all.split(training: data == nil ? 2.0 / 3.0 : 0.7)
        trainCount = train.count; testCount = test.count
        description = data == nil
            ? "the generated task: \(all.classes) Gaussian clusters in \(all.dimension) dimensions, squashed by x + ½·sin 2x (seed \(seed)); \(train.count) training and \(test.count) test samples"
            : "\(all.count) samples of \(all.dimension) features in \(all.classes) classes; the first \(train.count) for training, \(test.count) for testing"
        let variants = try Self.variants(schemes)
        // One result set per seed, computed in parallel (each is deterministic in its seed).
        let box = SeedResults(count: seeds)
        DispatchQueue.concurrentPerform(iterations: seeds) { s in
            do {
                let runSeed = seed &+ UInt64(s)
                var pretrained = MLP(input: all.dimension, hidden: hidden, classes: all.classes, seed: runSeed)
                try pretrained.train(train, epochs: epochs, seed: runSeed)
                // The baseline and PTQ get the same fine-tuning epochs as QAT, in float32: QAT's gain is then
                // what fake quantization buys, not what more training buys.
                var model = pretrained
                try model.train(train, epochs: qatEpochs, learningRate: 0.01, seed: runSeed &+ 0x9A7)
                var results: [(String, String, Double, Double)] = []
                let base = model.evaluate(test)
                results.append(("float32", "baseline", base.accuracy, base.loss))
                for (name, quantizer) in variants {
                    let q1 = try quantizer.quantize(Tensor(name: "w1", shape: [model.hidden, model.input], values: model.w1)).dequantized
                    let q2 = try quantizer.quantize(Tensor(name: "w2", shape: [model.classes, model.hidden], values: model.w2)).dequantized
                    let ptq = model.evaluate(test, w1: q1, w2: q2)
                    results.append((name, "ptq", ptq.accuracy, ptq.loss))
                    var tuned = pretrained
                    try tuned.train(train, epochs: qatEpochs, learningRate: 0.01, seed: runSeed &+ 0x9A7, fakeQuantize: quantizer)
                    let t1 = try quantizer.quantize(Tensor(name: "w1", shape: [tuned.hidden, tuned.input], values: tuned.w1)).dequantized
                    let t2 = try quantizer.quantize(Tensor(name: "w2", shape: [tuned.classes, tuned.hidden], values: tuned.w2)).dequantized
                    let qat = tuned.evaluate(test, w1: t1, w2: t2)
                    results.append((name, "qat", qat.accuracy, qat.loss))
                }
                box.set(s, results)
            } catch {
                box.fail(error)
            }
        }
        if let failure = box.failure { throw failure }
        let perSeed = box.results
        func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(max(v.count, 1)) }
        func std(_ v: [Double]) -> Double {
            guard v.count > 1 else { return 0 }
            let m = mean(v)
            return (v.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(v.count - 1)).squareRoot()
        }
        rows = perSeed[0].indices.map { i in
            let acc = perSeed.map { $0[i].2 }, loss = perSeed.map { $0[i].3 }
            return Row(scheme: perSeed[0][i].0, method: perSeed[0][i].1, accuracy: mean(acc), accuracyStd: std(acc), loss: mean(loss), lossStd: std(loss))
        }
    }
}

/// Per-seed results written from parallel workers, one slot each.
private final class SeedResults: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var results: [[(String, String, Double, Double)]]
    private(set) var failure: Error?
    init(count: Int) { results = Array(repeating: [], count: count) }
    func set(_ i: Int, _ r: [(String, String, Double, Double)]) { lock.lock(); results[i] = r; lock.unlock() }
    func fail(_ e: Error) { lock.lock(); failure = e; lock.unlock() }
}
