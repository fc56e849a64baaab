import Testing
import FloatFormats
import FloatLabTestSupport
@testable import Quantization

@Suite("Integer schemes: the worked examples and PyTorch's conventions")
struct IntegerSchemeTests {
    func options(_ edit: (inout QuantizationOptions) -> Void) -> QuantizationOptions {
        var o = QuantizationOptions()
        edit(&o)
        return o
    }

    @Test("[0, 1000] onto 0…255: scale 1000/255 = 3.9215686274509803, and 500 → 128")
    func uint8Affine() throws {
        let q = try Quantizer(scheme: .integer(bits: 8, signed: false), options: options { $0.mode = .affine })
            .quantize(Tensor([0, 1000, 500]))
        #expect(q.scales == [3.9215686274509803])
        #expect(q.scales[0] == 1000.0 / 255)
        #expect(q.offsets == [0])
        #expect(q.codes == [0, 255, 128])
    }

    @Test("affine int8 on [−7.59, 10.8]: 1/s ≈ 13.866 codes per unit, Z = round(−s·β) − 128 = −23")
    func int8Affine() throws {
        let q = try Quantizer(scheme: .integer(bits: 8, signed: true), options: options { $0.mode = .affine })
            .quantize(Tensor([-7.59, 10.8, 0]))
        let s = q.scales[0]
        #expect(abs(1 / s - 13.866) < 0.001)
        #expect(s == (Double(Float(10.8)) - Double(Float(-7.59))) / 255)
        #expect(q.offsets == [-23])
        // The ends map to the ends of the range, zero to the zero point exactly.
        #expect(q.codes == [-128, 127, -23])
        #expect(q.dequantized[2] == 0)
    }

    @Test("symmetric narrow is ±127 with s = amax/127; full is PyTorch's −128…127 with s = amax/127.5; uint8 symmetric has zero point 128")
    func symmetricRanges() throws {
        let t = Tensor([-2, 1, 2])
        let narrow = try Quantizer(scheme: .integer(bits: 8, signed: true)).quantize(t)
        #expect(narrow.scales == [2.0 / 127])
        #expect(narrow.codes == [-127, 64, 127])     // 63.5 → 64 (even)
        let full = try Quantizer(scheme: .integer(bits: 8, signed: true), options: options { $0.range = .full }).quantize(t)
        #expect(full.scales == [2.0 / 127.5])
        #expect(full.codes == [-128, 64, 127])       // 63.75 → 64; 127.5 → 128 clamps to 127
        #expect(full.inRange == [true, true, false])
        let u = try Quantizer(scheme: .integer(bits: 8, signed: false), options: options { $0.range = .full }).quantize(t)
        #expect(u.offsets == [128])
        #expect(u.codes == [0, 192, 255])
        // An all-zero tensor: PyTorch's eps scale 2^-23 (full), 1 (narrow); every code is the zero point.
        let zeros = try Quantizer(scheme: .integer(bits: 8, signed: true), options: options { $0.range = .full }).quantize(Tensor([0, 0]))
        #expect(zeros.scales == [0x1p-23] && zeros.codes == [0, 0])
    }

    @Test("rounding against truncation on the same data: codes from 128-bit integer division")
    func roundingVersusTruncation() throws {
        var g = SplitMix64(seed: 5)
        let values = (0..<4096).map { _ in Float(Double(g.next() % 2_000_001) / 1_000_000 - 1) }
        let t = Tensor(name: "w", shape: [64, 64], values: values)
        for mode in [RoundingMode.nearestEven, .towardZero, .nearestAway, .up, .down] {
            let q = try Quantizer(scheme: .integer(bits: 4, signed: true),
                                  options: options { $0.rounding = mode; $0.granularity = .tensor }).quantize(t)
            let s = q.scales[0]
            let dequantized = q.dequantized
            let amax = values.map { Double($0.magnitude) }.max()!
            #expect(s == amax / 7)
            for (i, x) in values.enumerated() {
                let want = min(max(exactIntegerQuotient(Double(x), s, mode: mode), -7), 7)
                #expect(Double(q.codes[i]) == want)
                #expect(dequantized[i] == Float(want * s))    // (q · s) has ≤ 53 + 3 bits: checked against float64's product rounded to float32
            }
        }
        let rne = try Quantizer(scheme: .integer(bits: 4, signed: true), options: options { $0.granularity = .tensor }).statistics(t)
        let rtz = try Quantizer(scheme: .integer(bits: 4, signed: true), options: options { $0.granularity = .tensor; $0.rounding = .towardZero }).statistics(t)
        // Truncation's error is uniform over a whole step, rounding's over half: 4× the MSE, about 6 dB.
        #expect(rtz.mse / rne.mse > 3.5 && rtz.mse / rne.mse < 4.5)
    }

    @Test("per channel and per group scales cover exactly their elements")
    func granularities() throws {
        // 2 × 3: rows [1, -4, 2], [8, 0.5, -1].
        let t = Tensor(name: "w", shape: [2, 3], values: [1, -4, 2, 8, 0.5, -1])
        let rows = try Quantizer(scheme: .integer(bits: 8, signed: true)).quantize(t)
        let rowScales: [Double] = [4.0 / 127, 8.0 / 127]
        #expect(rows.scales == rowScales)
        let columns = try Quantizer(scheme: .integer(bits: 8, signed: true), options: options { $0.granularity = .channel(axis: 1) }).quantize(t)
        let columnScales: [Double] = [8.0 / 127, 4.0 / 127, 2.0 / 127]
        #expect(columns.scales == columnScales)
        let groups = try Quantizer(scheme: .integer(bits: 8, signed: true), options: options { $0.granularity = .group(size: 2) }).quantize(t)
        // Groups of 2 along rows of 3: [1, -4], [2 | pad], [8, 0.5], [-1 | pad].
        let groupScales: [Double] = [4.0 / 127, 2.0 / 127, 8.0 / 127, 1.0 / 127]
        #expect(groups.scales == groupScales)
        #expect(groups.isPadded)
        // 4 groups × 2 stored elements × 8 bits + 4 float64 scales.
        #expect(groups.storedBits == 4 * 2 * 8 + 4 * 64)
        // 1-D tensors default to one scale.
        #expect(try Quantizer(scheme: .integer(bits: 8, signed: true)).quantize(Tensor([1, 2, 3])).scales.count == 1)
    }

    @Test("float32 scale arithmetic is x · (1/s) in float32, as PyTorch's fake-quantize kernel computes it")
    func float32Arithmetic() throws {
        var g = SplitMix64(seed: 9)
        let values = (0..<20_000).map { _ in Float(bitPattern: UInt32(truncatingIfNeeded: g.next() % 0x3F80_0000)) * (g.next() % 2 == 0 ? 1 : -1) }
        let t = Tensor(values)
        var o = QuantizationOptions()
        o.scaleFormat = .float32
        o.scaleArithmetic = .float32
        let q = try Quantizer(scheme: .integer(bits: 8, signed: true), options: o).quantize(t)
        let s = Float(q.scales[0]), inv = 1 / s
        for (i, x) in values.enumerated() {
            let r: Float = (x * inv).rounded(.toNearestOrEven)
            let want = Int32(min(max(r, -127), 127))
            #expect(q.codes[i] == want)
        }
    }
}
