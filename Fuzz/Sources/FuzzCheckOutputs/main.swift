import FloatFormats
import Foundation
import FuzzSupport
import TensorIO

// `floatlab check`'s reader of someone else's outputs: .npy, raw packed
// elements or text lines. Every code it returns is an encoding of the format.
runFuzzer { input in
    let format = input.pick(FuzzInput.formats)
    let kind = input.pick([CodeFile.Kind.text, .npy, .raw])
    guard let codes = try? CodeFile.codes(Data(input.bytes), kind: kind, in: format) else { return }
    for c in codes where kind != .raw || format.storageBytes * 8 == format.bitWidth {
        require((try? format.validate(code: c)) != nil, "0x\(String(c, radix: 16)) is not an encoding of \(format.name)")
    }
}
