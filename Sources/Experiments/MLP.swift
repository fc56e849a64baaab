import Foundation
import FloatFormats
import Quantization
import Simulation

/// A two-layer perceptron, input → hidden (ReLU) → classes (softmax), in
/// float32, trained by minibatch SGD with momentum on the cross-entropy.
/// Weights are stored as PyTorch's Linear does: W1 hidden × input, W2 classes × hidden.
public struct MLP: Sendable {
    public var w1: [Float], b1: [Float], w2: [Float], b2: [Float]
    public let input: Int, hidden: Int, classes: Int

    /// He-initialized weights from a seeded normal stream, zero biases.
    public init(input: Int, hidden: Int, classes: Int, seed: UInt64) {
        self.input = input; self.hidden = hidden; self.classes = classes
        let r1 = InputDistribution.normal.values(count: hidden * input, seed: seed, stream: 20)
        let r2 = InputDistribution.normal.values(count: classes * hidden, seed: seed, stream: 21)
        w1 = r1.map { Float($0 * (2.0 / Double(input)).squareRoot()) }
        w2 = r2.map { Float($0 * (2.0 / Double(hidden)).squareRoot()) }
        b1 = [Float](repeating: 0, count: hidden)
        b2 = [Float](repeating: 0, count: classes)
    }

    /// Hidden activations and logits of one sample, with the given weights (fake-quantized or not).
    @inline(__always)
    func forward(_ x: ArraySlice<Float>, w1: [Float], w2: [Float], hiddenOut h: inout [Float], logits z: inout [Float]) {
        let base = x.startIndex
        for j in 0..<hidden {
            var s = b1[j]
            for d in 0..<input { s += w1[j * input + d] * x[base + d] }
            h[j] = max(0, s)
        }
        for c in 0..<classes {
            var s = b2[c]
            for j in 0..<hidden { s += w2[c * hidden + j] * h[j] }
            z[c] = s
        }
    }

    /// Accuracy and mean cross-entropy on a data set, with these weights.
    public func evaluate(_ data: ClassificationData, w1 q1: [Float]? = nil, w2 q2: [Float]? = nil) -> (accuracy: Double, loss: Double) {
        let v1 = q1 ?? w1, v2 = q2 ?? w2
        var h = [Float](repeating: 0, count: hidden), z = [Float](repeating: 0, count: classes)
        var correct = 0, loss = 0.0
        for i in 0..<data.count {
            forward(data.features[(i * input)..<((i + 1) * input)], w1: v1, w2: v2, hiddenOut: &h, logits: &z)
            let m = z.max()!
            let sum = z.reduce(0.0) { $0 + exp(Double($1 - m)) }
            loss += -(Double(z[data.labels[i]] - m) - log(sum))
            if z.firstIndex(of: m)! == data.labels[i] { correct += 1 }
        }
        return (Double(correct) / Double(max(data.count, 1)), loss / Double(max(data.count, 1)))
    }

    /// Trains for `epochs` passes over `data` in seeded shuffled minibatches. With `fakeQuantize`, the
    /// forward pass uses the quantizer's fake-quantized weights and the gradient reaches the float
    /// weights through the straight-through estimator (zero where the quantizer clipped).
    public mutating func train(_ data: ClassificationData, epochs: Int, batch: Int = 32, learningRate: Float = 0.05,
                               momentum: Float = 0.9, seed: UInt64, fakeQuantize quantizer: Quantizer? = nil) throws {
        var v1 = [Float](repeating: 0, count: w1.count), v2 = [Float](repeating: 0, count: w2.count)
        var vb1 = [Float](repeating: 0, count: hidden), vb2 = [Float](repeating: 0, count: classes)
        var h = [Float](repeating: 0, count: hidden), z = [Float](repeating: 0, count: classes)
        var order = Array(0..<data.count)
        let stream = RandomStream(seed: seed ^ 0x5ABE)
        for epoch in 0..<epochs {
            // Fisher–Yates with the seeded stream.
            for i in stride(from: order.count - 1, to: 0, by: -1) {
                let j = Int(stream[UInt64(epoch) << 32 | UInt64(i)] % UInt64(i + 1))
                order.swapAt(i, j)
            }
            var start = 0
            while start < order.count {
                let end = min(start + batch, order.count)
                var q1 = w1, q2 = w2
                var mask1: [Float]? = nil, mask2: [Float]? = nil
                if let quantizer {
                    let t1 = try quantizer.quantize(Tensor(name: "w1", shape: [hidden, input], values: w1))
                    let t2 = try quantizer.quantize(Tensor(name: "w2", shape: [classes, hidden], values: w2))
                    q1 = t1.dequantized; q2 = t2.dequantized
                    mask1 = t1.straightThrough([Float](repeating: 1, count: w1.count))
                    mask2 = t2.straightThrough([Float](repeating: 1, count: w2.count))
                }
                var g1 = [Float](repeating: 0, count: w1.count), g2 = [Float](repeating: 0, count: w2.count)
                var gb1 = [Float](repeating: 0, count: hidden), gb2 = [Float](repeating: 0, count: classes)
                for idx in order[start..<end] {
                    let x = data.features[(idx * input)..<((idx + 1) * input)]
                    forward(x, w1: q1, w2: q2, hiddenOut: &h, logits: &z)
                    let m = z.max()!
                    var p = z.map { exp($0 - m) }
                    let sum = p.reduce(0, +)
                    for c in 0..<classes { p[c] /= sum }
                    p[data.labels[idx]] -= 1                          // dL/dz
                    var dh = [Float](repeating: 0, count: hidden)
                    for c in 0..<classes {
                        gb2[c] += p[c]
                        for j in 0..<hidden {
                            g2[c * hidden + j] += p[c] * h[j]
                            dh[j] += p[c] * q2[c * hidden + j]
                        }
                    }
                    let base = x.startIndex
                    for j in 0..<hidden where h[j] > 0 {
                        gb1[j] += dh[j]
                        for d in 0..<input { g1[j * input + d] += dh[j] * x[base + d] }
                    }
                }
                let scale = learningRate / Float(end - start)
                for i in w1.indices {
                    let g = g1[i] * (mask1?[i] ?? 1)
                    v1[i] = momentum * v1[i] - scale * g
                    w1[i] += v1[i]
                }
                for i in w2.indices {
                    let g = g2[i] * (mask2?[i] ?? 1)
                    v2[i] = momentum * v2[i] - scale * g
                    w2[i] += v2[i]
                }
                for j in 0..<hidden { vb1[j] = momentum * vb1[j] - scale * gb1[j]; b1[j] += vb1[j] }
                for c in 0..<classes { vb2[c] = momentum * vb2[c] - scale * gb2[c]; b2[c] += vb2[c] }
                start = end
            }
        }
    }
}
