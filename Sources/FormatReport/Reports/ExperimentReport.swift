import Experiments

/// `floatlab experiment ptq-vs-qat`'s table and JSON.
public enum ExperimentReport {
    public static func table(_ e: PTQvsQAT, seeds: Int) -> Table {
        let columns: [Table.Column] = [
            .init(key: "scheme", title: "scheme"), .init(key: "method", title: "method"),
            .init(key: "accuracy", title: "accuracy", alignment: .right), .init(key: "accuracy_std", title: "± (std)", alignment: .right),
            .init(key: "loss", title: "loss", alignment: .right), .init(key: "loss_std", title: "± (std)", alignment: .right),
        ]
        let rows = e.rows.map { r -> [Cell] in
            [.text(r.scheme), .text(r.method), .real(r.accuracy, .fixed(4)), .real(r.accuracyStd, .fixed(4)),
             .real(r.loss, .fixed(4)), .real(r.lossStd, .fixed(4))]
        }
        return Table(columns: columns, rows: rows, notes: [
            "A two-layer MLP (ReLU hidden layer) trained in float32 on \(e.description); mean and standard deviation over \(seeds) seed\(seeds == 1 ? "" : "s") (accuracy and cross-entropy loss on the test samples).",
            "ptq: the trained weights quantized; qat: fine-tuned further with fake-quantized weights (straight-through estimator), then quantized. Weights only; biases and activations stay float32.",
        ])
    }

    /// One object with a `rows` array (`scheme`, `method`, `accuracy`, `accuracy_std`, `loss`, `loss_std`).
    public static func json(_ e: PTQvsQAT) -> String {
        let s = JSONRenderer.string
        func n(_ x: Double) -> String { JSONRenderer.value(.real(x, .shortest)) }
        let rows = e.rows.map {
            "    {\"scheme\": \(s($0.scheme)), \"method\": \(s($0.method)), \"accuracy\": \(n($0.accuracy)), \"accuracy_std\": \(n($0.accuracyStd)), \"loss\": \(n($0.loss)), \"loss_std\": \(n($0.lossStd))}"
        }
        return "{\n  \"train\": \(e.trainCount),\n  \"test\": \(e.testCount),\n  \"rows\": [\n" + rows.joined(separator: ",\n") + "\n  ]\n}\n"
    }
}
