import FuzzSupport
import TensorIO

// The text tensor reader: one value per line, or CSV columns with an optional
// header row. What it accepts is a set of 1-D float32 tensors of equal length.
runFuzzer { input in
    let text = input.text
    guard let tensors = try? TextTensors.parse(text, name: "fuzz") else { return }
    for t in tensors {
        require(t.shape.count == 1 && t.data.count == t.count * t.dtype.size, "\(t.name): \(t.shape) in \(t.data.count) bytes")
        require(t.shape == tensors[0].shape, "columns of different lengths")
    }
}
