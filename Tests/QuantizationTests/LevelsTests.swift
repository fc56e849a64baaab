import Testing
import FloatFormats
@testable import Quantization

/// The grid of a group, which the report draws under the data.
@Suite struct LevelsTests {
    @Test func documentedExample() throws {
        var o = QuantizationOptions()
        o.granularity = .channel(axis: 0)
        let q = try Quantizer(scheme: .integer(bits: 8, signed: true), options: o)
            .quantize(Tensor(name: "w", shape: [2, 2], values: [1, 2, 30, 40]))
        #expect(q.group(of: 3) == 1)
        #expect(q.levels(ofGroup: 1)!.count == 255)
    }

    static func data(_ n: Int) -> [Float] {
        var g: UInt64 = 5
        return (0..<n).map { i in
            g = g &* 6364136223846793005 &+ 1442695040888963407
            let u = Float(g >> 40) / Float(1 << 24) * 2 - 1
            return i % 61 == 0 ? 9 * u : u
        }
    }

    /// Symmetric int8 per tensor: the levels are q·s for q in −127…127, s = amax/127 as stored.
    @Test func int8LevelsAreTheCodesTimesTheScale() throws {
        var o = QuantizationOptions()
        o.granularity = .tensor
        let t = Tensor(name: "t", shape: [8, 64], values: Self.data(512))
        let q = try Quantizer(scheme: .integer(bits: 8, signed: true), options: o).quantize(t)
        let s = q.scales[0]
        let expected = (-127...127).map { Float(Double($0) * s) }
        #expect(q.levels(ofGroup: 0) == expected)
    }

    /// MXFP4: a block's levels are the E2M1 values times the block's power of two.
    @Test func mxfp4LevelsAreE2M1TimesTheBlockScale() throws {
        let t = Tensor(name: "t", shape: [4, 64], values: Self.data(256))
        let q = try Quantizer(scheme: .mx(.fp4)).quantize(t)
        let e2m1 = (0...15).compactMap { FloatFormat.float4_e2m1fn.decodeUnchecked(UInt64($0)).value?.doubleValue }
        for g in 0..<q.scales.count {
            let expected = Array(Set(e2m1.map { Float($0 * q.scales[g]) })).sorted()
            #expect(q.levels(ofGroup: g) == expected, "block \(g)")
        }
    }

    /// Every dequantized value lies on the grid of its own group, for every family with plain group scales.
    @Test func everyValueLiesOnItsGroupsGrid() throws {
        let t = Tensor(name: "t", shape: [4, 128], values: Self.data(512))
        for name in ["int4", "uint8", "int8", "float8_e4m3fn", "e2m1", "mxfp8_e4m3", "mxfp6_e3m2", "mxint8", "mxfp4", "nvfp4",
                     "q8_0", "q4_0", "q4_1", "q5_0", "q5_1", "nf4", "fp4_bnb"] {
            let q = try Quantizer(scheme: try QuantizationScheme(name: name)).quantize(t)
            let dq = q.dequantized
            var grids: [Int: Set<Float>] = [:]
            for i in dq.indices {
                let g = try #require(q.group(of: i))
                if grids[g] == nil { grids[g] = Set(try #require(q.levels(ofGroup: g), "\(name)")) }
                #expect(grids[g]!.contains(dq[i] == 0 ? 0 : dq[i]), "\(name) element \(i) = \(dq[i]) off the grid of group \(g)")
            }
        }
        // k-quants have sub-block scales: no single grid.
        let k = try Quantizer(scheme: .ggml(.q4_k)).quantize(Tensor(name: "k", shape: [1, 256], values: Self.data(256)))
        #expect(k.levels(ofGroup: 0) == nil)
    }
}
