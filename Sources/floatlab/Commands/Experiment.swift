import Foundation
import ArgumentParser
import Experiments
import FormatReport
import Quantization
import TensorIO

struct Experiment: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Experiments that answer the quantization tutorials' open questions.",
        subcommands: [PTQvsQATCommand.self])
}

struct PTQvsQATCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ptq-vs-qat",
        abstract: "Post-training quantization against quantization-aware training, on a two-layer MLP.",
        discussion: """
        Trains in float32 (minibatch SGD with momentum), then per scheme: PTQ quantizes the trained weights; \
        QAT fine-tunes with fake-quantized weights and the straight-through estimator. Accuracy and loss on the \
        test samples, mean and spread over --seeds seeds. --data FILE: a .safetensors or .npz (np.savez) file with \
        x (samples × features, float) and y (labels 0…C−1, integer); the README shows how to write scikit-learn's \
        digits to one.
        """)

    @Option(help: "Comma-separated schemes (default: \(PTQvsQAT.defaultSchemes.joined(separator: ","))).")
    var schemes: String?
    @Option(help: "How many seeds (retrainings) to average over.") var seeds: Int = 3
    @Option(help: "Float32 training epochs.") var epochs: Int = 20
    @Option(help: "QAT fine-tuning epochs.") var qatEpochs: Int = 5
    @Option(help: "A .safetensors or .npz file with x and y; default: the generated task.") var data: String?
    @Option(help: "The first seed.") var seed: UInt64 = 1
    @OptionGroup var output: OutputOptions

    func validateOptions() throws {
        guard (1...32).contains(seeds) else { throw ValidationError("--seeds must be 1…32.") }
        guard (1...1000).contains(epochs), (0...1000).contains(qatEpochs) else { throw ValidationError("--epochs must be 1…1000 and --qat-epochs 0…1000.") }
    }

    static func load(_ path: String) throws -> ClassificationData {
        var tensors: [String: StoredTensor] = [:]
        switch TensorFile.kind(of: path) {
        case .safetensors:
            let file = try TensorFile(path: path)
            for (i, e) in file.entries.enumerated() where e.name == "x" || e.name == "y" { tensors[e.name] = try file.read(i) }
        default:
            guard path.lowercased().hasSuffix(".npz") else {
                throw CommandError("\(path): give a .safetensors or .npz file holding x and y (the README shows how to write one from NumPy).")
            }
            for (name, a) in try NPZ.read(path: path) where name == "x" || name == "y" {
                tensors[name] = StoredTensor(name: name, dtype: a.dtype, shape: a.shape, data: a.data)
            }
        }
        guard let x = tensors["x"], let y = tensors["y"] else {
            throw CommandError("\(path) must hold arrays named x (samples × features) and y (labels).")
        }
        guard x.shape.count == 2, let features = x.floatValues() else { throw CommandError("\(path): x must be a 2-D float array, not \(x.dtype) \(x.shape).") }
        let labels = y.doubleValues().map { Int($0) }
        guard labels.count == x.shape[0], let top = labels.max(), labels.allSatisfy({ $0 >= 0 }), top < 1000 else {
            throw CommandError("\(path): y must hold one label 0…C−1 per row of x (\(x.shape[0]) rows).")
        }
        // Shuffle the rows with a fixed permutation, so that a file sorted by class splits fairly.
        var order = Array(0..<labels.count)
        var g: UInt64 = 0x9E3779B97F4A7C15
        for i in stride(from: order.count - 1, to: 0, by: -1) {
            g = g &* 6364136223846793005 &+ 1442695040888963407
            order.swapAt(i, Int((g >> 33) % UInt64(i + 1)))
        }
        let d = x.shape[1]
        return ClassificationData(features: order.flatMap { features[($0 * d)..<(($0 + 1) * d)] }, labels: order.map { labels[$0] },
                                  dimension: d, classes: top + 1)
    }

    func run() throws {
        try validateOptions()
        let names = schemes?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } ?? PTQvsQAT.defaultSchemes
        do {
            let e = try PTQvsQAT(data: try data.map(Self.load), schemes: names, seeds: seeds, epochs: epochs, qatEpochs: qatEpochs, seed: seed)
            if output.format == .json { try output.emit(ExperimentReport.json(e)) } else { try output.write(ExperimentReport.table(e, seeds: seeds)) }
        } catch let e as QuantizationError {
            throw CommandError(e.message)
        } catch let e as TensorIOError {
            throw CommandError(e.message)
        }
    }
}
