import Testing
import FloatFormats
import FloatLabTestSupport
@testable import Quantization

/// A 32-element block: the given leading values, zeros after.
func block(_ leading: [Float], count: Int = 32) -> Tensor {
    Tensor(leading + [Float](repeating: 0, count: count - leading.count))
}

@Suite("OCP MX blocks, worked by hand")
struct MXTests {
    func mx(_ e: MXElement, _ t: Tensor, _ edit: (inout QuantizationOptions) -> Void = { _ in }) throws -> QuantizedTensor {
        var o = QuantizationOptions()
        edit(&o)
        return try Quantizer(scheme: .mx(e), options: o).quantize(t)
    }

    @Test("mxfp4: amax 6 gives X = 2^(2 − 2) = 1; 5 is a tie of 4 and 6 (even: 4, away: 6); 0.26 → 0.5")
    func mxfp4Elements() throws {
        let t = block([6, 5, 1.1, -0.26, 0.25, 3.1])
        let q = try mx(.fp4, t)
        #expect(q.scales == [1])
        #expect(q.dequantized[0..<6] == [6, 4, 1, -0.5, 0, 3])
        let away = try mx(.fp4, t) { $0.rounding = .nearestAway }
        #expect(away.dequantized[0..<6] == [6, 6, 1, -0.5, 0.5, 3])
        #expect(q.bitsPerElement == 4.25)
    }

    @Test("the four scale rules on amax = 7 (E2M1, emax 2): floor saturates 7 to 6, ceil/even/rceil give X = 2")
    func scaleRules() throws {
        let t = block([7, 1])
        #expect(try mx(.fp4, t).scales == [1])
        #expect(try mx(.fp4, t).dequantized[0] == 6)
        #expect(try mx(.fp4, t).inRange[0] == false)
        for rule in [MXScaleRule.ceil, .even, .rceil] {
            let q = try mx(.fp4, t) { $0.scaleRule = rule }
            #expect(q.scales == [2], "\(rule)")
            #expect(q.dequantized[0] == 8, "\(rule)")      // 7 / 2 = 3.5, a tie of 3 and 4: 4 (even)
        }
        // amax = 5 = 1.25 · 2^2: ceil → 2^(3−2); even keeps 2^2 (at E2M1's one mantissa bit 1.25 rounds to 1.0;
        // only a mantissa of 1.75 or more rounds up to 2.0); rceil: 5/6 ≤ 1 → X = 1.
        let five = block([5])
        #expect(try mx(.fp4, five) { $0.scaleRule = .ceil }.scales == [2])
        #expect(try mx(.fp4, five) { $0.scaleRule = .even }.scales == [1])
        #expect(try mx(.fp4, five) { $0.scaleRule = .rceil }.scales == [1])
        // amax = 6 = 1.5 · 2^2 under even: 1.5 is exact at one bit, X stays 1; 7 = 1.75 · 2^2 rounds to 2.0 (above).
        #expect(try mx(.fp4, block([6])) { $0.scaleRule = .even }.scales == [1])
    }

    @Test("mxfp8_e4m3: amax 1000 → ⌊log2 1000⌋ − 8 = 1, X = 2; 1000/2 = 500 saturates to 448 → 896")
    func mxfp8() throws {
        let q = try mx(.fp8E4M3, block([1000, 3]))
        #expect(q.scales == [2])
        #expect(q.dequantized[0] == 896)
        #expect(q.dequantized[1] == 3)
        #expect(q.bitsPerElement == 8.25)
    }

    @Test("all-zero blocks get scale code 0x00 (2^-127); tiny blocks clamp e at −127")
    func zeroAndClamp() throws {
        let q = try mx(.fp4, block([]))
        #expect(q.scales == [0x1p-127])
        #expect(q.dequantized.allSatisfy { $0 == 0 })
        let tiny = try mx(.fp4, block([0x1p-140]))
        #expect(tiny.scales == [0x1p-127])
    }

    @Test("mxint8: integers × 2^-6 × X, ±127 by default, −128 as gfloat allows")
    func mxint8() throws {
        // amax 1.5: ⌊log2⌋ = 0, emax 0 → X = 1; elements step 1/64: 1.5 = 96/64; −2 is beyond the block.
        let q = try mx(.int8, block([1.5, -0.0078125, 0.01]))
        #expect(q.scales == [1])
        #expect(Array(q.codes[0..<3]) == [96, 0, 1])    // −0.5/64 → −0 (tie to even), 0.64 → 1
        // amax 1.99: X = 1, 1.99 · 64 = 127.36 → 127.
        #expect(try mx(.int8, block([1.99])).codes[0] == 127)
        // A block whose minimum is −2.0 (exactly −128/64) with X = 1 needs amax < 2: −1.999 → −127.94 → −128 only with the option.
        #expect(try mx(.int8, block([-1.999])).codes[0] == -127)
        #expect(try mx(.int8, block([-1.999])) { $0.mxint8UsesMinus128 = true }.codes[0] == -128)
    }

    @Test("exact and float32 scale arithmetic agree except below float32's normal range")
    func arithmetic() throws {
        var g = SplitMix64(seed: 1)
        let values = (0..<4096).map { _ in Float(bitPattern: UInt32(truncatingIfNeeded: g.next()) & 0xBFFF_FFFF) }
            .map { $0.isFinite ? $0 : 1 }
        let t = Tensor(name: "x", shape: [128, 32], values: values)
        for e in MXElement.allCases where e != .int8 {
            let a = try mx(e, t), b = try mx(e, t) { $0.scaleArithmetic = .float32 }
            for i in 0..<t.count where a.codes[i] != b.codes[i] {
                let scaled = Double(values[i]) / a.scales[i / 32]
                #expect(scaled.magnitude < 0x1p-126, "\(e) element \(i)")
            }
        }
    }
}

@Suite("Clipped elements of the block schemes, recomputed from the stored scales")
struct BlockClippingTests {
    /// Rows of normal-ish values with an outlier every 37 elements, some at the very edge of a block.
    static func tensor(rows: Int, columns: Int) -> Tensor {
        var g = SplitMix64(seed: 21)
        let values = (0..<(rows * columns)).map { i -> Float in
            let u = Float(g.next() >> 40) * 0x1p-24 - 0.5
            return i % 37 == 0 ? u * 40 : u
        }
        return Tensor(name: "w", shape: [rows, columns], values: values)
    }

    @Test("MX (every element format and scale rule) and NVFP4: clipped = { i : |x_i| > max finite · block scale }",
          arguments: ["mxfp4", "mxfp6_e2m3", "mxfp8_e4m3", "mxint8", "nvfp4"])
    func clippedAreThoseBeyondTheLargestValue(name: String) throws {
        let t = Self.tensor(rows: 8, columns: 96)
        let scheme = try QuantizationScheme(name: name)
        let rules: [MXScaleRule] = name == "nvfp4" ? [.floor] : MXScaleRule.allCases
        for rule in rules {
            var o = QuantizationOptions()
            o.scaleRule = rule
            let q = try Quantizer(scheme: scheme, options: o).quantize(t)
            let top: Double
            switch scheme {
            case .mx(.int8): top = 127.0 / 64
            case .mx(let e): top = e.format!.maxFinite.doubleValue
            default: top = 6
            }
            let block = name == "nvfp4" ? 16 : 32
            let want = t.values.indices.filter { Double(t.values[$0].magnitude) > top * q.scales[$0 / block] }
            #expect(q.clippedIndices == want, "\(name) \(rule)")
            if rule == .floor { #expect(!want.isEmpty) }   // the data does clip
        }
    }
}

@Suite("NVFP4, worked by hand")
struct NVFP4Tests {
    func nvfp4(_ t: Tensor, _ edit: (inout QuantizationOptions) -> Void = { _ in }) throws -> QuantizedTensor {
        var o = QuantizationOptions()
        edit(&o)
        return try Quantizer(scheme: .nvfp4, options: o).quantize(t)
    }

    @Test("tensor amax 2688 gives s2 = 1; a block with amax 5 gets sq = E4M3(5/6) = 0.8125, so 5 saturates to 6 · 0.8125")
    func blockScale() throws {
        let values: [Float] = [2688, 1] + [Float](repeating: 0, count: 14) + [5, 2, -1] + [Float](repeating: 0, count: 13)
        let q = try nvfp4(Tensor(values))
        #expect(q.scales[0] == 448)      // 2688 / 6 = 448
        #expect(q.scales[1] == 0.8125)   // 0.8333… lies between 0.8125 and 0.875, nearer 0.8125
        #expect(q.dequantized[16] == 4.875)
        #expect(q.dequantized[17] == 2 * 0.8125)   // 2 / 0.8125 = 2.46 → 2
        #expect(q.dequantized[18] == -1 * 0.8125)  // 1.23 → 1
        #expect(q.storedBits == 2 * (16 * 4 + 8) + 32)
    }

    @Test("the lower clamp of the block scale: 2^-6 (torchao) or 2^-9 (Model-Optimizer)")
    func lowerClamp() throws {
        let values: [Float] = [2688] + [Float](repeating: 0, count: 15) + [0.001] + [Float](repeating: 0, count: 15)
        let torchao = try nvfp4(Tensor(values))
        #expect(torchao.scales[1] == 0x1p-6)
        #expect(torchao.dequantized[16] == 0)           // 0.001 / 2^-6 = 0.064 → 0
        let modelOpt = try nvfp4(Tensor(values)) { $0.nvfp4ScaleMinimumExponent = -9 }
        #expect(modelOpt.scales[1] == 0x1p-9)
        #expect(modelOpt.dequantized[16] == 0x1p-10)     // 0.512 → 0.5
    }

    @Test("bits per element: 4.5 plus the tensor scale")
    func bits() throws {
        let t = Tensor(name: "w", shape: [64, 64], values: (0..<4096).map { Float($0 % 13) - 6 })
        let q = try nvfp4(t)
        #expect(q.storedBits == 4096 * 4 + 256 * 8 + 32)
    }
}

@Suite("ggml blocks: the reference algorithms' behaviour and layout")
struct GGMLTests {
    func ggml(_ type: GGMLType, _ t: Tensor, _ edit: (inout QuantizationOptions) -> Void = { _ in }) throws -> QuantizedTensor {
        var o = QuantizationOptions()
        edit(&o)
        return try Quantizer(scheme: .ggml(type), options: o).quantize(t)
    }

    @Test("q8_0: d = amax/127, ties away (2.5 → 3, −2.5 → −3), d stored as float16 after quantizing with the float32 d")
    func q8_0() throws {
        let q = try ggml(.q8_0, block([127, 2.5, -2.5, 0.4]))
        #expect(Array(q.codes[0..<4]) == [127, 3, -3, 0])
        #expect(q.scales == [1])
        // Bytes: d = 1.0 as float16 0x3C00, little-endian, then the int8 codes.
        #expect(q.ggmlBlocks![0..<6] == [0x00, 0x3C, 127, 3, 0xFD, 0])
        #expect(q.ggmlBlocks!.count == 34)
        // amax 1: d = float32(1/127) is not a float16; codes come from it, values from its float16.
        let r = try ggml(.q8_0, block([1, 0.5, -0.25]))
        let d = Float(1) / 127
        for (j, x) in [Float(1), 0.5, -0.25].enumerated() {
            let want = exactIntegerQuotient(Double(x), Double(d), mode: .nearestAway)
            #expect(Double(r.codes[j]) == want)
            #expect(r.dequantized[j] == Float(want) * Float(Float16(d)))
        }
    }

    @Test("q4_0: d = m / −8 with m the signed element of largest magnitude; q = min(15, ⌊x/d + 8.5⌋); low nibbles hold elements 0–15")
    func q4_0() throws {
        let values: [Float] = [-8, 7.5, 0.5, -0.5, 3.2] + [Float](repeating: 0, count: 11) + [1] + [Float](repeating: 0, count: 15)
        let q = try ggml(.q4_0, Tensor(values))
        #expect(q.scales == [1])              // d = −8 / −8
        #expect(Array(q.codes[0..<5]) == [0, 15, 9, 8, 11])
        #expect(q.dequantized[0..<5] == [-8, 7, 1, 0, 3])
        #expect(q.codes[16] == 9)
        // Byte 0: element 0 (low) and element 16 (high): 0x90. Bytes 0–1 of the block are d = 1.0.
        #expect(q.ggmlBlocks![2] == 0x90)
        #expect(q.ggmlBlocks!.count == 18)
        // A positive m: d = 8 / −8 = −1; 8 → ⌊−8 + 8.5⌋ = 0 → (0 − 8) · −1 = 8.
        let p = try ggml(.q4_0, block([8, -3]))
        #expect(p.dequantized[0..<2] == [8, -3])
        #expect(p.bitsPerElement == 4.5)
    }

    @Test("q4_1, q5_0, q5_1 on worked blocks; q5's fifth bits go to qh")
    func q4_1_q5() throws {
        // q4_1 on [0 … 15] plus min −1: d = (15 − (−1)) / 15, values land on q · d + min.
        let v: [Float] = [-1, 15] + (0..<30).map { Float($0 % 16) }
        let q41 = try ggml(.q4_1, Tensor(v))
        #expect(q41.codes[0] == 0 && q41.codes[1] == 15)
        #expect(q41.offsets == [-1])
        #expect(q41.bitsPerElement == 5)
        // q5_0 with m = −16: d = 1; 15 → ⌊15 + 16.5⌋ = 31; −16 → 0; 1 → 17.
        let q50 = try ggml(.q5_0, block([-16, 15, 1]))
        #expect(Array(q50.codes[0..<3]) == [0, 31, 17])
        let bytes = q50.ggmlBlocks!
        // qh (bytes 2–5, little-endian): bit j is bit 4 of q[j]: q[1] = 31, q[2] = 17, zeros are 16 → bits 1…15 and 16…31 set except j = 0.
        let qh = UInt32(bytes[2]) | UInt32(bytes[3]) << 8 | UInt32(bytes[4]) << 16 | UInt32(bytes[5]) << 24
        #expect(qh == 0xFFFF_FFFE)
        #expect(bytes[6] == 0x00)          // low nibbles of q[0] = 0 and q[16] = 16
        #expect(bytes[7] == 0x0F)          // q[1] = 31 → 0xF, q[17] = 16 → 0x0
        let q51 = try ggml(.q5_1, Tensor((0..<32).map { Float($0) }))
        // d = 31 / 31 = 1, min 0: the codes are the values.
        let identity: [Int32] = (0..<32).map { Int32($0) }
        #expect(Array(q51.codes) == identity)
        #expect(q51.bitsPerElement == 6)
    }

    @Test("float32 arithmetic reproduces a literal transcription of quantize_row_q4_0_ref byte for byte")
    func q4_0Reference() throws {
        var g = SplitMix64(seed: 4)
        let values = (0..<32 * 512).map { _ in Float(Int64(bitPattern: g.next() % 2_000_001) - 1_000_000) / 377_000 }
        let q = try ggml(.q4_0, Tensor(name: "w", shape: [16, 1024], values: values)) { $0.scaleArithmetic = .float32 }
        var reference = [UInt8]()
        for b in 0..<512 {
            let x = Array(values[(b * 32)..<(b * 32 + 32)])
            var amax: Float = 0, max: Float = 0
            for v in x where amax < abs(v) { amax = abs(v); max = v }
            let d = max / -8
            let id: Float = d != 0 ? 1.0 / d : 0
            let h = Float16(d).bitPattern
            reference += [UInt8(h & 0xFF), UInt8(h >> 8)]
            for j in 0..<16 {
                let x0 = x[j] * id, x1 = x[16 + j] * id
                let xi0 = UInt8(min(15, Int8(x0 + 8.5))), xi1 = UInt8(min(15, Int8(x1 + 8.5)))
                reference.append(xi0 | xi1 << 4)
            }
        }
        #expect(q.ggmlBlocks! == reference)
        // The exact path differs only where x · (1/d) + 8.5 rounded in float32 crosses an integer.
        let exact = try ggml(.q4_0, Tensor(name: "w", shape: [16, 1024], values: values))
        let differing = zip(exact.codes, q.codes).filter { $0 != $1 }.count
        #expect(differing < values.count / 1000)
    }

    /// ⌊x / d + c⌋ exactly: a float64 first guess corrected by exact products ((k − c) · d has few bits).
    static func exactFloor(_ x: Float, _ d: Float, _ c: Double) -> Double {
        let x = Double(x), d = Double(d)
        var k = (x / d + c).rounded(.down)
        // k ≤ x/d + c ⟺ (k − c) · d ≤ x for d > 0, ≥ x for d < 0.
        func fits(_ k: Double) -> Bool { d > 0 ? (k - c) * d <= x : (k - c) * d >= x }
        while !fits(k) { k -= 1 }
        while fits(k + 1) { k += 1 }
        return k
    }

    @Test("q8_0, q4_0, q5_0 with exact arithmetic: every block's d16 and codes equal ggml's formulas evaluated exactly (210 blocks, zero blocks and ties included)",
          arguments: [GGMLType.q8_0, .q4_0, .q5_0])
    func exactSymmetricBlocks(type: GGMLType) throws {
        var g = SplitMix64(seed: 40)
        let columns = 32 * 70
        var values = (0..<(3 * columns)).map { _ in Float(Int64(bitPattern: g.next() % 2_000_001) - 1_000_000) / 311_000 }
        for b in stride(from: 0, to: values.count, by: 32 * 9) { values[b] = 0 }   // some ties and exact quotients
        for i in stride(from: 5 * 32, to: 6 * 32, by: 1) { values[i] = 0 }           // an all-zero block
        let q = try ggml(type, Tensor(name: "w", shape: [3, columns], values: values))
        for b in 0..<(values.count / 32) {
            let x = Array(values[(b * 32)..<(b * 32 + 32)])
            var amax: Float = 0, m: Float = 0
            for v in x where amax < abs(v) { amax = abs(v); m = v }
            let d: Float = type == .q8_0 ? amax / 127 : m / (type == .q4_0 ? -8 : -16)
            let block = Array(q.ggmlBlocks![(b * type.blockBytes)..<((b + 1) * type.blockBytes)])
            #expect(UInt16(block[0]) | UInt16(block[1]) << 8 == Float16(d).bitPattern, "block \(b)")
            for j in 0..<32 {
                let want: Int
                if d == 0 { want = type == .q8_0 ? 0 : (type == .q4_0 ? 8 : 16) }
                else if type == .q8_0 { want = Int(Self.exactFloor(x[j].magnitude, d, 0.5)) * (x[j] < 0 ? -1 : 1) }
                else { want = Int(Swift.min(type == .q4_0 ? 15 : 31, Self.exactFloor(x[j], d, type == .q4_0 ? 8.5 : 16.5))) }
                #expect(Int(q.codes[b * 32 + j]) == want, "block \(b) element \(j)")
            }
        }
    }

    @Test("rows that are not whole blocks are refused with the reason")
    func refusesPartialRows() {
        #expect(throws: QuantizationError.self) { try ggml(.q8_0, Tensor(name: "bias", shape: [17], values: [Float](repeating: 1, count: 17))) }
        let error = #expect(throws: QuantizationError.self) {
            try ggml(.q4_0, Tensor(name: "bias", shape: [17], values: [Float](repeating: 1, count: 17)))
        }
        #expect(error?.message.contains("multiple of 32") == true && error?.message.contains("'bias'") == true)
    }
}

@Suite("bitsandbytes code books")
struct CodebookTests {
    @Test("NF4: the code is how many thresholds x / absmax exceeds; a value on a threshold takes the lower code")
    func nf4Thresholds() throws {
        let threshold: Float = 0.03979014977812767
        let t = Tensor([1, threshold, threshold.nextUp, -1, 0.5, -0.1, 0.51] + [Float](repeating: 0, count: 57))
        let q = try Quantizer(scheme: .codebook(.nf4)).quantize(t)
        // 0.5 lies below the 12/13 threshold 0.50166…: nearer 0.4407 than 0.5626.
        #expect(Array(q.codes[0..<7]) == [15, 7, 8, 0, 12, 6, 13])
        #expect(q.dequantized[4] == 0.44070982933044434)
        #expect(q.bitsPerElement == 4.5)
    }

    @Test("NF4 picks the nearest code to x / absmax, away from the midpoints")
    func nf4Nearest() throws {
        var g = SplitMix64(seed: 2)
        let values = (0..<64 * 64).map { _ in Float(Double(g.next() % 2_000_001) / 1_000_000 - 1) }
        let q = try Quantizer(scheme: .codebook(.nf4)).quantize(Tensor(values))
        let book = CodebookQuantizer.nf4Values.map(Double.init)
        for (i, x) in values.enumerated() {
            let a = q.scales[i / 64]
            let xn = Double(x) / a
            let distances = book.map { abs($0 - xn) }
            let nearest = distances.firstIndex(of: distances.min()!)!
            let second = distances.enumerated().filter { $0.offset != nearest }.map(\.element).min()!
            if second - distances[nearest] > 1e-6 { #expect(Int(q.codes[i]) == nearest, "x=\(x)") }
        }
    }

    @Test("fp4_bnb: sign bit 3, magnitudes 0, 1/192, 1/6, 1/4, 1/3, 1/2, 2/3, 1 (× absmax)")
    func fp4() throws {
        let t = Tensor([12, -6, 3, 2, 0.01] + [Float](repeating: 0, count: 59))
        let q = try Quantizer(scheme: .codebook(.fp4Bnb)).quantize(t)
        #expect(Array(q.codes[0..<5]) == [0b0011, 0b1101, 0b0111, 0b0110, 0b0000])
        #expect(q.dequantized[1] == -6)
        #expect(q.dequantized[2] == 3)
    }
}

@Suite("ggml k-quants: layout and reconstruction")
struct KQuantTests {
    func tensor(seed: UInt64) -> Tensor {
        var g = SplitMix64(seed: seed)
        var values = (0..<(4 * 512)).map { _ in Float(Double(Int64(bitPattern: g.next()) >> 11) * 0x1p-52 * 0.05) }
        for r in 0..<4 { values[r * 512 + 3] *= 30 }      // an outlier column
        for j in 0..<256 { values[512 + j] = 0 }          // an all-zero super-block
        return Tensor(name: "w", shape: [4, 512], values: values)
    }

    func half(_ lo: UInt8, _ hi: UInt8) -> Float { Float(Float16(bitPattern: UInt16(lo) | UInt16(hi) << 8)) }

    @Test("q4_k: 144 bytes per 256 (4.5 bits); decoding the bytes as dequantize_row_q4_K does gives the dequantized values")
    func q4k() throws {
        let t = tensor(seed: 1)
        let q = try Quantizer(scheme: .ggml(.q4_k)).quantize(t)
        #expect(q.bitsPerElement == 4.5)
        let bytes = try #require(q.ggmlBlocks)
        #expect(bytes.count == 8 * 144)
        let dequantized = q.dequantized
        for b in 0..<8 {
            let o = b * 144
            let d = half(bytes[o], bytes[o + 1]), dmin = half(bytes[o + 2], bytes[o + 3])
            let sc = Array(bytes[(o + 4)..<(o + 16)])
            func scaleMin(_ j: Int) -> (Float, Float) {
                if j < 4 { return (Float(sc[j] & 63), Float(sc[j + 4] & 63)) }
                return (Float((sc[j + 4] & 0xF) | ((sc[j - 4] >> 6) << 4)), Float((sc[j + 4] >> 4) | ((sc[j] >> 6) << 4)))
            }
            var y: [Float] = []
            var qs = o + 16
            for j in stride(from: 0, to: 8, by: 2) {
                let (s1, m1) = scaleMin(j), (s2, m2) = scaleMin(j + 1)
                for l in 0..<32 { y.append(d * s1 * Float(bytes[qs + l] & 0xF) - dmin * m1) }
                for l in 0..<32 { y.append(d * s2 * Float(bytes[qs + l] >> 4) - dmin * m2) }
                qs += 32
            }
            #expect(Array(dequantized[(b * 256)..<(b * 256 + 256)]) == y, "super-block \(b)")
        }
        // The all-zero super-block stays zero; SQNR is far better than q4_0's on the same data.
        #expect(dequantized[512..<768].allSatisfy { $0 == 0 })
        let k = try Quantizer(scheme: .ggml(.q4_k)).statistics(t), zero = try Quantizer(scheme: .ggml(.q4_0)).statistics(t)
        #expect(k.sqnrDecibels > zero.sqnrDecibels)
    }

    @Test("q6_k: 210 bytes per 256 (6.5625 bits); decoding the bytes as dequantize_row_q6_K does gives the dequantized values")
    func q6k() throws {
        let t = tensor(seed: 2)
        let q = try Quantizer(scheme: .ggml(.q6_k)).quantize(t)
        #expect(q.bitsPerElement == 6.5625)
        let bytes = try #require(q.ggmlBlocks)
        #expect(bytes.count == 8 * 210)
        let dequantized = q.dequantized
        for b in 0..<8 {
            let o = b * 210
            let d = half(bytes[o + 208], bytes[o + 209])
            var y = [Float](repeating: 0, count: 256)
            for n in stride(from: 0, to: 256, by: 128) {
                let ql = o + n / 2, qh = o + 128 + n / 4, sc = o + 192 + n / 16
                for l in 0..<32 {
                    let s = { (k: Int) in Float(Int8(bitPattern: bytes[sc + l / 16 + k])) }
                    let q1 = Float(Int((bytes[ql + l] & 0xF) | ((bytes[qh + l] >> 0) & 3) << 4) - 32)
                    let q2 = Float(Int((bytes[ql + l + 32] & 0xF) | ((bytes[qh + l] >> 2) & 3) << 4) - 32)
                    let q3 = Float(Int((bytes[ql + l] >> 4) | ((bytes[qh + l] >> 4) & 3) << 4) - 32)
                    let q4 = Float(Int((bytes[ql + l + 32] >> 4) | ((bytes[qh + l] >> 6) & 3) << 4) - 32)
                    y[n + l] = d * s(0) * q1
                    y[n + l + 32] = d * s(2) * q2
                    y[n + l + 64] = d * s(4) * q3
                    y[n + l + 96] = d * s(6) * q4
                }
            }
            #expect(Array(dequantized[(b * 256)..<(b * 256 + 256)]) == y, "super-block \(b)")
        }
    }

    @Test("rows that are not whole super-blocks of 256 are refused")
    func partialRows() {
        let e = #expect(throws: QuantizationError.self) {
            try Quantizer(scheme: .ggml(.q6_k)).quantize(Tensor(name: "w", shape: [2, 128], values: [Float](repeating: 1, count: 256)))
        }
        #expect(e?.message.contains("256") == true)
    }
}

@Suite("NVFP4's E4M3 block-scale helpers against the rounding core")
struct NVFP4ScaleTests {
    @Test("nearestE4M3 and e4m3Code agree with the core for every E4M3 value and random quotients")
    func againstTheCore() {
        let e4m3 = FloatFormat.float8_e4m3fn
        for code in UInt64(1)...0x7E {
            let v = e4m3.decodeUnchecked(code).value!.doubleValue
            #expect(NVFP4Quantizer.e4m3Code(v) == code)
        }
        var g = SplitMix64(seed: 9)
        for _ in 0..<100_000 {
            let y = Double(g.next() >> 11) * 0x1p-53 * 500 + 0x1p-12
            guard (y.significandBitPattern & ((1 << 48) - 1)) != 0 else { continue }
            let want = e4m3.decodeUnchecked(e4m3.round(y, options: RoundingOptions(overflow: .saturate)).code).value!.doubleValue
            #expect(NVFP4Quantizer.nearestE4M3(y) == want, "\(y)")
        }
    }

    @Test("nearestE4M3Code from the bits equals the core's rounding to E4M3 (saturating), subnormal scales, binade edges and ties included")
    func codeFromBits() {
        let e4m3 = FloatFormat.float8_e4m3fn
        let options = RoundingOptions(overflow: .saturate)
        var ys: [Double] = []
        for code in UInt64(1)...0x7E {
            let v = e4m3.decodeUnchecked(code).value!.doubleValue
            let next = code < 0x7E ? e4m3.decodeUnchecked(code + 1).value!.doubleValue : 480
            ys += [v, v.nextUp, v.nextDown, (v + next) / 2, ((v + next) / 2).nextUp, ((v + next) / 2).nextDown]
        }
        var g = SplitMix64(seed: 77)
        for _ in 0..<100_000 {
            // Log-uniform over 2^-14 … 2^10.
            ys.append(Double(sign: .plus, exponent: Int(g.next() % 24) - 14, significand: 1 + Double(g.next() >> 11) * 0x1p-53))
        }
        for y in ys {
            #expect(UInt64(NVFP4Quantizer.nearestE4M3Code(y)) == e4m3.round(y, options: options).code, "\(y)")
        }
    }

    @Test("a tensor of subnormal magnitudes whose amax / 2688 underflows gets s2 = 2^-149 and is reproduced")
    func underflowingTensorScale() throws {
        let tiny = Float.leastNonzeroMagnitude
        #expect(NVFP4Quantizer.tensorScale(amax: 3 * tiny) == tiny)
        #expect(NVFP4Quantizer.tensorScale(amax: 0) == 1)
        let values: [Float] = [tiny, -tiny, 0, 3 * tiny] + [Float](repeating: 0, count: 12)
        let q = try Quantizer(scheme: .nvfp4).quantize(Tensor(name: "t", shape: [16], values: values))
        #expect(q.tensorScale == Double(tiny))
        // sq = E4M3(3 / 6) = 0.5: elements ±2 and 6 of it, exact multiples of 2^-149.
        #expect(q.dequantized == values)
    }

    @Test("the block-scale code by reciprocal equals the exactly rounded quotient, at and next to every E4M3 value and midpoint")
    func reciprocalCode() throws {
        let e4m3 = FloatFormat.float8_e4m3fn
        let values = (0...0x7E).map { e4m3.decodeUnchecked(UInt64($0)).value!.doubleValue }
        let targets = values + zip(values, values.dropFirst()).map { ($0 + $1) / 2 }
        var g = SplitMix64(seed: 31)
        for minimum in [-6, -9] {
            var o = QuantizationOptions()
            o.nvfp4ScaleMinimumExponent = minimum
            let q = try NVFP4Quantizer(options: o)
            var checked = 0
            for _ in 0..<40 {
                // A tensor scale of any size, including subnormal ones.
                let s2 = Float(bitPattern: UInt32(truncatingIfNeeded: g.next() >> 40) % 0x7E00_0000 + 1)
                let r = 1 / (6 * Double(s2))
                for t in targets {
                    let centre = Float(t * 6 * Double(s2))
                    guard centre.isFinite, centre > 0 else { continue }
                    for amax in [centre.nextDown.nextDown, centre.nextDown, centre, centre.nextUp, centre.nextUp.nextUp] {
                        let exact = ScaleRounding.quotient(Double(amax), ScaleRounding.dyadic(6 * Double(s2)), in: e4m3)
                        let want = Swift.max(UInt8(NVFP4Quantizer.e4m3Code(exact)), q.minimumScaleCode)
                        #expect(q.blockScaleCode(amax: amax, reciprocal: r, tensorScale: s2) == want, "amax \(amax), s2 \(s2)")
                        checked += 1
                    }
                }
            }
            #expect(checked > 10_000)
        }
    }
}
