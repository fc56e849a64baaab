/// bitsandbytes' 4-bit code books: blocks of 64 along the last axis, a
/// float32 absmax per block, each element the nearest code to x / absmax.
///
/// "Nearest" is bitsandbytes' decision tree (csrc/kernels.cu `dQuantizeNF4`,
/// `dQuantizeFP4`): the code index is how many of its float32 thresholds
/// x / absmax exceeds (strictly). Exact scale arithmetic compares x with
/// t · absmax exactly; float32 compares x · (1/absmax) in float32, as the kernel does.
/// x' = code · absmax in float32.
struct CodebookQuantizer {
    let codebook: Codebook
    let options: QuantizationOptions
    let blockSize: Int

    init(codebook: Codebook, options: QuantizationOptions) throws(QuantizationError) {
        if let mode = options.rounding, mode != .nearestEven {
            throw QuantizationError("\(codebook.rawValue) rounds to the nearest code by bitsandbytes' thresholds; --rounding does not apply.")
        }
        self.codebook = codebook
        self.options = options
        blockSize = options.blockSize ?? 64
    }

    /// NF4's 16 values (QLoRA, Dettmers et al. 2023), as bitsandbytes stores them.
    static let nf4Values: [Float] = [
        -1.0, -0.6961928009986877, -0.5250730514526367, -0.39491748809814453,
        -0.28444138169288635, -0.18477343022823334, -0.09105003625154495, 0.0,
        0.07958029955625534, 0.16093020141124725, 0.24611230194568634, 0.33791524171829224,
        0.44070982933044434, 0.5626170039176941, 0.7229568362236023, 1.0,
    ]
    /// dQuantizeNF4's thresholds, ascending: code i + 1 lies above threshold i.
    static let nf4Thresholds: [Float] = [
        -0.8480964004993439, -0.6106329262256622, -0.4599952697753906, -0.33967943489551544,
        -0.23460740596055984, -0.13791173323988914, -0.045525018125772476, 0.03979014977812767,
        0.1202552504837513, 0.2035212516784668, 0.2920137718319893, 0.3893125355243683,
        0.5016634166240692, 0.6427869200706482, 0.8614784181118011,
    ]
    /// bitsandbytes' FP4 magnitudes by code (sign in bit 3), and its thresholds
    /// on |x| in ascending order with the code each step reaches.
    static let fp4Magnitudes: [Float] = [0, 0.0052083333, 0.66666667, 1.0, 0.33333333, 0.5, 0.16666667, 0.25]
    static let fp4Thresholds: [Float] = [0.00260417, 0.0859375, 0.20833333, 0.29166667, 0.4166667, 0.583333, 0.8333333]
    static let fp4CodeByRank: [Int32] = [0b000, 0b001, 0b110, 0b111, 0b100, 0b101, 0b010, 0b011]

    /// The value of a code (before × absmax).
    static func value(of code: Int32, in book: Codebook) -> Float {
        switch book {
        case .nf4: return nf4Values[Int(code)]
        case .fp4Bnb: return (code & 8 != 0 ? -1 : 1) * fp4Magnitudes[Int(code & 7)]
        }
    }

    func quantize(_ tensor: Tensor) throws(QuantizationError) -> QuantizedTensor {
        let layout = try GroupLayout(shape: tensor.shape, granularity: .group(size: blockSize))
        var scales = [Double](repeating: 0, count: layout.groupCount)
        let float32 = options.scaleArithmetic == .float32
        let codes = Codes.make(UInt8.self, count: tensor.count) { codes in
          tensor.values.withUnsafeBufferPointer { x in
            layout.forEachRun { g, run in
                var absmax: Float = 0
                for i in run { absmax = Swift.max(absmax, x[i].magnitude) }
                scales[g] = Double(absmax)
                let inverse = 1 / absmax
                let a = Double(absmax)
                for i in run {
                    let v = x[i]
                    // Whether v / absmax > t.
                    func above(_ t: Float, _ magnitude: Bool) -> Bool {
                        let xv = magnitude ? v.magnitude : v
                        if float32 { return xv * inverse > t }
                        if absmax == 0 { return 0 > t }
                        return (-Double(xv)).addingProduct(Double(t), a) < 0
                    }
                    let code: Int32
                    switch codebook {
                    case .nf4:
                        var k: Int32 = 0
                        for t in Self.nf4Thresholds where above(t, false) { k += 1 }
                        code = k
                    case .fp4Bnb:
                        var k = 0
                        for t in Self.fp4Thresholds where above(t, true) { k += 1 }
                        let negative = float32 ? v * inverse < 0 : v < 0
                        code = Self.fp4CodeByRank[k] | (negative ? 8 : 0)
                    }
                    codes[i] = UInt8(code)
                }
            }
          }
        }
        var q = QuantizedTensor(
            name: tensor.name, shape: tensor.shape, scheme: .codebook(codebook), codes: codes, scales: scales, offsets: [],
            groupSize: blockSize,
            storedBits: layout.groupCount * (blockSize * 4 + 32),
            isPadded: layout.isPadded, clippedIndices: [], ggmlBlocks: nil)
        q.granularity = .group(size: blockSize)
        return q
    }
}
