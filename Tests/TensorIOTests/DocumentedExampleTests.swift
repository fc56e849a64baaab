import Foundation
import Testing
import FloatFormats
import TensorIO

/// The documented examples of TensorIO, as written, and the library side of
/// `floatlab convert`.
@Suite struct TensorIODocumentedExampleTests {
    @Test func examples() throws {
        let c = ElementConversion(to: .float8_e4m3fn, withFlags: true)
        #expect(try c.convert(lines: "464\n465\n") == "0x7e x\n0x7f ox\n")
        let a = NPYArray(dtype: .unsigned(bytes: 1), shape: [3], data: Data([1, 2, 3]))
        #expect(try NPYArray(decoding: a.encoded()) == a)
        #expect(TensorDType(bitPatternsOf: .float8_e4m3fn) == .unsigned(bytes: 1))
        #expect(TensorDType(bitPatternsOf: .bfloat16) == .unsigned(bytes: 2))
        #expect(TensorDType.float(.float16).valueFormat == .float16)
        #expect(TensorDType.unsigned(bytes: 1).valueFormat == nil)
        #expect(TensorDType(safetensors: "BF16") == .float(.bfloat16))
        #expect(TensorDType.float(.bfloat16).size == 2)
        #expect(TensorDType(npyName: "float8_e4m3fn") == .float(.float8_e4m3fn))
        #expect(try TextTensors.parse("a,b\n1,2\n3,4\n", name: "t").map(\.name) == ["a", "b"])
    }

    @Test func linesNameTheirErrors() throws {
        #expect(throws: TensorIOError("line 2: '0x7e' is a bit pattern, so --from must say its format (or write the value as a decimal).")) {
            try ElementConversion(to: .float8_e4m3fn).convert(lines: "1\n0x7e\n")
        }
        #expect(throws: TensorIOError.self) { try ElementConversion(from: .float8_e4m3fn, to: .bfloat16).convert(lines: "0x1ff\n") }
        #expect(try ElementConversion(from: .float8_e4m3fn, to: .bfloat16).convert(lines: "# c\n\n0x7e\n0b0111_1110\n") == "0x43e0\n0x43e0\n")
    }

    @Test func arraysMapDtypesToFormats() throws {
        let values = NPYArray(dtype: .float(.float32), shape: [2], data: Data([0, 0, 0x80, 0x3F, 0, 0, 0xE0, 0x43]))   // 1, 448
        let (out, flags) = try ElementConversion(to: .float8_e4m3fn, withFlags: true).convert(array: values)
        #expect(out.dtype == .unsigned(bytes: 1) && out.shape == [2] && out.data == Data([0x38, 0x7E]) && flags == [])
        #expect(throws: TensorIOError.self) { try values.elementFormat(bitPatternsOf: .bfloat16) }
        let bits = NPYArray(dtype: .unsigned(bytes: 2), shape: [1], data: Data([0x80, 0x3F]))
        #expect(throws: TensorIOError.self) { try bits.elementFormat(bitPatternsOf: nil) }
        #expect(throws: TensorIOError.self) { try bits.elementFormat(bitPatternsOf: .float8_e4m3fn) }
        #expect(try bits.elementFormat(bitPatternsOf: .bfloat16) == .bfloat16)
    }
}
