import Testing
import FloatFormats
@testable import Quantization

/// The ```swift examples of the Quantization module's doc comments, run.
@Suite("Quantization documented examples")
struct QuantizationDocumentedExampleTests {
    @Test func tensorsAndGranularity() throws {
        let t = Tensor(name: "w", shape: [2, 3], values: [1, 2, 3, 4, 5, 6])
        #expect(t.count == 6)
        #expect(t.rowLength == 3)
        #expect(Tensor.index(of: 5, in: [2, 3]) == [1, 2])
        #expect(try Granularity(name: "channel") == .channel(axis: 0))
        #expect(try Granularity(name: "channel:1") == .channel(axis: 1))
        #expect(try Granularity(name: "group:128") == .group(size: 128))
        #expect(try Calibration(name: "percentile:99.9") == .percentile(99.9))
        #expect(GroupRanges.percentile(50, of: [4, -1, 3, 2]) == 2)
    }

    @Test func schemes() throws {
        #expect(try QuantizationScheme(name: "int8") == .integer(bits: 8, signed: true))
        #expect(try QuantizationScheme(name: "mxfp4") == .mx(.fp4))
        #expect(try QuantizationScheme(name: "e4m3").name == "float8_e4m3fn")
    }

    @Test func quantizerAndStraightThrough() throws {
        let q = try Quantizer(scheme: .integer(bits: 8, signed: true)).quantize(Tensor([0.5, -1, 0.25]))
        #expect(q.codes == [64, -127, 32])
        #expect(q.dequantized[1] == -1.0)
        do {
            let q = try Quantizer(scheme: .integer(bits: 8, signed: true)).quantize(Tensor([1, -2, 4]))
            #expect(q.straightThrough([1, 1, 1]) == [1, 1, 1])
        }
    }

    @Test func sums() {
        var s = CompensatedSum()
        s.add(1); s.add(0x1p-60); s.add(-1)
        #expect(s.value == 0x1p-60)
    }
}
