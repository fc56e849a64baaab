import Testing
import Quantization
@testable import Experiments

/// The PTQ-against-QAT experiment: reproducible, trained for real, with QAT's forward pass the quantizer's.
@Suite struct PTQvsQATTests {
    @Test func sameSeedSameRows() throws {
        let a = try PTQvsQAT(schemes: ["int4"], seeds: 2, epochs: 2, qatEpochs: 1, hidden: 16, seed: 5)
        let b = try PTQvsQAT(schemes: ["int4"], seeds: 2, epochs: 2, qatEpochs: 1, hidden: 16, seed: 5)
        #expect(a.rows == b.rows)
        #expect(a.rows.map(\.method) == ["baseline", "ptq", "qat", "ptq", "qat"])
        #expect(a.rows.map(\.scheme) == ["float32", "int4/tensor", "int4/tensor", "int4/channel", "int4/channel"])
        let c = try PTQvsQAT(schemes: ["int4"], seeds: 2, epochs: 2, qatEpochs: 1, hidden: 16, seed: 6)
        #expect(c.rows != a.rows)
    }

    /// Training lowers the loss and beats chance by far on the generated task.
    @Test func trainingLearns() throws {
        let data = ClassificationData.generated(count: 1200, seed: 3)
        let (train, test) = data.split(training: 0.75)
        var model = MLP(input: data.dimension, hidden: 32, classes: data.classes, seed: 3)
        let before = model.evaluate(test)
        try model.train(train, epochs: 8, seed: 3)
        let after = model.evaluate(test)
        #expect(after.loss < before.loss * 0.6)
        #expect(after.accuracy > 3.0 / Double(data.classes))
    }

    /// QAT's forward pass uses exactly the quantizer's fake-quantized weights, and PTQ evaluates with them.
    @Test func fakeQuantizeIsTheQuantizers() throws {
        let model = MLP(input: 16, hidden: 32, classes: 8, seed: 4)
        for (_, quantizer) in try PTQvsQAT.variants(PTQvsQAT.defaultSchemes) {
            let t = Tensor(name: "w1", shape: [32, 16], values: model.w1)
            #expect(try quantizer.fakeQuantize(t).values == quantizer.quantize(t).dequantized)
        }
        // Wide elements are refused, not crashed on.
        #expect(throws: QuantizationError.self) { try Quantizer(scheme: .float(.float32)) }
        // QAT with a quantizer that changes nothing on these weights (int16, whose grid is finer than the
        // weights' changes here, is not nothing; bfloat16 elements without a scale on bfloat16 weights are).
        var o = QuantizationOptions()
        o.floatScale = .none
        let identity = try Quantizer(scheme: .float(.bfloat16), options: o)
        let data = ClassificationData.generated(count: 300, seed: 7)
        var plain = MLP(input: data.dimension, hidden: 8, classes: data.classes, seed: 7)
        // Make the weights bfloat16 values first, so that bfloat16 fake quantization leaves them as they are at the start.
        plain.w1 = plain.w1.map { Float(bitPattern: $0.bitPattern & 0xFFFF_0000) }
        plain.w2 = plain.w2.map { Float(bitPattern: $0.bitPattern & 0xFFFF_0000) }
        let q = try identity.quantize(Tensor(name: "w", shape: [8, data.dimension], values: plain.w1))
        #expect(q.dequantized == plain.w1 && q.clippedIndices.isEmpty)
        // One step of QAT from there equals one step of plain training (same forward pass, an all-ones straight-through mask).
        var faked = plain
        let one = ClassificationData(features: Array(data.features.prefix(32 * data.dimension)), labels: Array(data.labels.prefix(32)),
                                     dimension: data.dimension, classes: data.classes)
        try plain.train(one, epochs: 1, batch: 32, seed: 9)
        try faked.train(one, epochs: 1, batch: 32, seed: 9, fakeQuantize: identity)
        #expect(plain.w1 == faked.w1 && plain.w2 == faked.w2)
    }
}
