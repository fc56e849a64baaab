import Foundation
import FuzzSupport
import TensorIO

// The .safetensors header parser, on a whole file. A header that is accepted
// keeps its promises: every tensor lies inside the data, tensors tile the data
// without overlap or holes, and each holds shape × dtype size bytes, which
// then decode as values.
runFuzzer { input in
    let data = Data(input.bytes)
    guard let header = try? SafetensorsHeader(prefix: data, fileSize: data.count) else { return }
    var position = header.dataStart
    for e in header.entries {
        let begin = header.dataStart + e.byteRange.lowerBound, end = header.dataStart + e.byteRange.upperBound
        require(begin == position && end <= data.count, "tensor \(e.name) at \(e.byteRange) of a \(data.count)-byte file")
        require(e.byteRange.count == e.count * e.dtype.size, "tensor \(e.name): \(e.shape) of \(e.dtype) in \(e.byteRange.count) bytes")
        let tensor = StoredTensor(name: e.name, dtype: e.dtype, shape: e.shape, data: data.subdata(in: begin..<end))
        require(tensor.doubleValues().count == e.count, "tensor \(e.name) decodes to the wrong count")
        position = end
    }
    require(position == data.count, "the data section has \(data.count - position) bytes after the last tensor")
}
