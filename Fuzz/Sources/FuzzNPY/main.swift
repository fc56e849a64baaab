import FloatFormats
import Foundation
import FuzzSupport
import TensorIO

// The .npy reader: magic, version 1–3, header dictionary, dtype, shape and
// data size. An array that decodes holds exactly shape × itemsize bytes, and
// writing it and reading it back gives the same shape and bytes, and the same
// dtype (formats NumPy has no code for are written as unsigned bit patterns).
runFuzzer { input in
    let opaque: FloatFormat? = input.pick([nil, .float8_e4m3fn, .bfloat16])
    let data = Data(input.bytes)
    guard let array = try? NPYArray(decoding: data, assuming: opaque) else { return }
    require(array.data.count == array.count * array.dtype.size, "\(array.shape) of \(array.dtype) in \(array.data.count) bytes")
    let again = try? NPYArray(decoding: array.encoded(), assuming: opaque)
    let written = array.dtype.npyCode == nil ? TensorDType.unsigned(bytes: array.dtype.size) : array.dtype
    require(again == NPYArray(dtype: written, shape: array.shape, data: array.data), "an array of shape \(array.shape) does not survive a write and a read")
}
