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

    @Test func codes() {
        let c: Codes = [64, -127, 32]
        #expect(c[1] == -127)
        #expect(c == [64, -127, 32])
        #expect(Codes([64, -127, 32], width: .int8) == c && Codes([64, -127, 32], width: .int8).width == .int8)
        #expect(Codes.Width(holding: 0, 15) == .uint8 && Codes.Width(holding: -127, 127) == .int8)
        #expect(Codes.Width(holding: -32767, 32767) == .int16 && Codes.Width(holding: 0, 65535) == .uint16)
        #expect(E2M1Kernel.midpoints == [0.25, 0.75, 1.25, 1.75, 2.5, 3.5, 5.0])
    }

    @Test("codes are stored in the narrowest type of each scheme")
    func codeWidths() throws {
        let t = Tensor(name: "w", shape: [2, 32], values: (0..<64).map { Float($0) / 10 - 3 })
        let expected: [(String, Codes.Width)] = [("int8", .int8), ("uint8", .uint8), ("int4", .int8), ("int12", .int16), ("uint16", .uint16),
                                                 ("mxfp4", .uint8), ("mxint8", .int8), ("nvfp4", .uint8), ("q8_0", .int8), ("q4_0", .uint8),
                                                 ("nf4", .uint8), ("e4m3", .uint8), ("bf16", .uint16)]
        for (name, width) in expected {
            let q = try Quantizer(scheme: QuantizationScheme(name: name)).quantize(t)
            #expect(q.codes.width == width, "\(name)")
        }
    }

    @Test func indexCollector() {
        var c = IndexCollector()
        c.append(3); c.append(7)
        #expect(c.finish() == [3, 7])
        // Past one buffer-full, in order.
        var d = IndexCollector()
        for i in 0..<(3 * IndexCollector.bufferSize + 5) { d.append(i) }
        #expect(d.finish() == Array(0..<(3 * IndexCollector.bufferSize + 5)))
        var e = IndexCollector()
        #expect(e.finish().isEmpty)
    }

    @Test func halfBits() {
        #expect(HalfBits.encode(1.0) == 0x3C00)
        #expect(HalfBits.encode(65520) == 0x7C00)
        #expect(HalfBits.decode(0x0001) == 5.960464477539063e-08)
    }

    @Test func sums() {
        var s = CompensatedSum()
        s.add(1); s.add(0x1p-60); s.add(-1)
        #expect(s.value == 0x1p-60)
    }
}
