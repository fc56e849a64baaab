import Foundation
import FuzzSupport
import TensorIO

// The .npz reader: the zip end record, the central directory, local headers
// and the stored .npy members, every offset checked against the archive.
runFuzzer { input in
    let data = Data(input.bytes)
    guard let arrays = try? NPZ.arrays(in: data) else { return }
    for (name, array) in arrays {
        require(array.data.count == array.count * array.dtype.size, "member \(name): \(array.shape) of \(array.dtype) in \(array.data.count) bytes")
    }
}
