import FloatFormats

/// NVFP4: E2M1 elements in blocks of 16 along the last axis, an E4M3 scale
/// per block and a float32 scale per tensor.
///
/// s2 = amax(tensor) / (6 · 448) in float32 (1 for an all-zero tensor, at
/// least 2^-149); per
/// block sq = E4M3(amax(block) / (6 · s2)) to nearest even, clamped to
/// [2^-6, 448] (2^-9 with `nvfp4ScaleMinimumExponent`, as Model-Optimizer);
/// q = E2M1(x / (sq · s2)) to nearest even, saturating at ±6; x' = q · sq · s2.
/// Exact scale arithmetic rounds sq and q once from their exact quotients;
/// float32 forms amax/6, then / s2, and sq · s2, then x / that, in float32 as torchao does.
struct NVFP4Quantizer {
    let options: QuantizationOptions
    let codec: ElementCodec
    let blockSize: Int

    /// The code of the lower clamp of the block scale.
    let minimumScaleCode: UInt8

    init(options: QuantizationOptions) throws(QuantizationError) {
        self.options = options
        minimumScaleCode = UInt8(Self.e4m3Code(Double(sign: .plus, exponent: options.nvfp4ScaleMinimumExponent, significand: 1)))
        blockSize = options.blockSize ?? 16
        codec = ElementCodec(format: .float4_e2m1fn, mode: options.rounding ?? .nearestEven, seed: options.seed)
    }

    /// The tensor scale s2: amax / 2688 in float32, 1 for an all-zero
    /// tensor, and at least 2^-149 (a tensor of magnitudes below 2688 · 2^-150
    /// would otherwise get s2 = 0 and divide by it).
    static func tensorScale(amax: Float) -> Float { amax == 0 ? 1 : Swift.max(amax / 2688, .leastNonzeroMagnitude) }

    /// The block scale sq (an E4M3 value) for a block maximum.
    func blockScale(amax: Float, tensorScale s2: Float) -> Double {
        let e4m3 = FloatFormat.float8_e4m3fn
        let lo = Double(sign: .plus, exponent: options.nvfp4ScaleMinimumExponent, significand: 1)
        let s: Double
        switch options.scaleArithmetic {
        case .exact:
            // amax / (6 · s2) in float64 is within half an ulp of the quotient; unless it lands on a number
            // of five significant bits or fewer (an E4M3 value or midpoint), rounding it to E4M3 rounds the quotient.
            let y = Double(amax) / (6 * Double(s2))
            if y == 0 || (y.significandBitPattern & ((1 << 48) - 1)) == 0 {
                s = ScaleRounding.quotient(Double(amax), ScaleRounding.dyadic(6 * Double(s2)), in: e4m3)
            } else {
                s = Self.nearestE4M3(y)
            }
        case .float32:
            let t = Swift.min(Swift.max(Double(amax / 6 / s2), lo), 448)
            s = ScaleRounding.rounded(t, in: e4m3)
        }
        return Swift.min(Swift.max(s, lo), 448)
    }

    /// The E4M3 code of the block scale sq for a block maximum, with exact
    /// scale arithmetic (what `blockScale` computes, as a code; `e4m3Values`
    /// gives its value).
    @inline(__always)
    func blockScaleCode(amax: Float, tensorScale s2: Float) -> UInt8 {
        let y = Double(amax) / (6 * Double(s2))
        let code: UInt8
        if y == 0 || (y.significandBitPattern & ((1 << 48) - 1)) == 0 {
            code = UInt8(Self.e4m3Code(blockScale(amax: amax, tensorScale: s2)))
        } else {
            code = Self.nearestE4M3Code(y)
        }
        return Swift.max(code, minimumScaleCode)
    }

    /// `blockScaleCode(amax:tensorScale:)` with y = amax · r, r = 1 / (6 · s2)
    /// rounded to float64, instead of a division: y is within two ulps of the
    /// exact quotient, so unless y is within four ulps of a number of at most
    /// five significant bits (an E4M3 value or midpoint), rounding y rounds
    /// the quotient; near one the division path decides.
    @inline(__always)
    func blockScaleCode(amax: Float, reciprocal r: Double, tensorScale s2: Float) -> UInt8 {
        let y = Double(amax) * r
        // (y is finite: amax ≤ 2^128 and r ≤ 2^149; y = 0 has low bits 0 and takes the division path.)
        guard (y.bitPattern &+ 4) & ((1 << 48) - 1) > 8 else {
            return blockScaleCode(amax: amax, tensorScale: s2)
        }
        return Swift.max(Self.nearestE4M3Code(y), minimumScaleCode)
    }

    /// The E4M3 code of `nearestE4M3(y)` for a positive normal float64 y,
    /// from its bits: at or above 2^-6 the biased exponent and the top three
    /// fraction bits, rounded to nearest even on the 49 below (a carry moves
    /// into the next binade), rebased from float64's bias 1023 to E4M3's 7;
    /// below, the subnormal code y · 2^9 rounded to an integer (nearest even,
    /// by adding and subtracting 2^52). Saturates at 0x7E (448).
    @inline(__always)
    static func nearestE4M3Code(_ y: Double) -> UInt8 {
        let b = y.bitPattern
        let r = (b &+ ((1 << 48) - 1) &+ ((b >> 49) & 1)) >> 49
        if r >= (1023 - 6) << 3 {
            return UInt8(truncatingIfNeeded: Swift.min(r &- ((1023 - 7) << 3), 0x7E))
        }
        return UInt8(truncatingIfNeeded: Int((y * 0x1p9 + 0x1p52) - 0x1p52))
    }

    /// The value of every non-negative finite E4M3 code, 0x00…0x7E.
    static let e4m3Values: [Double] = (0...0x7E).map { FloatFormat.float8_e4m3fn.decodeUnchecked(UInt64($0)).value!.doubleValue }

    /// The E4M3 value nearest a positive y that is no E4M3 value or midpoint
    /// (so there is no tie), saturating at 448: y rounded at its binade's
    /// spacing, 2^(⌊log2 y⌋ − 3), or 2^-9 below the normal range.
    @inline(__always)
    static func nearestE4M3(_ y: Double) -> Double {
        let spacing = Double(sign: .plus, exponent: Swift.max(Int(y.exponent), -6) - 3, significand: 1)
        return Swift.min((y / spacing).rounded(.toNearestOrEven) * spacing, 448)
    }

    /// The E4M3 encoding of a positive E4M3 value.
    @inline(__always)
    static func e4m3Code(_ v: Double) -> UInt64 {
        if v < 0x1p-6 { return UInt64(v / 0x1p-9) }
        let e = Int(v.exponent)
        let mantissa = UInt64((v / Double(sign: .plus, exponent: e - 3, significand: 1))) - 8
        return UInt64(e + 7) << 3 | mantissa
    }

    /// Quantizes a tensor whose values are all finite; nil, when one is not,
    /// for the caller to apply its policy (the check rides on the block maxima).
    func quantize(_ tensor: Tensor) throws(QuantizationError) -> QuantizedTensor? {
        let layout = try GroupLayout(shape: tensor.shape, granularity: .group(size: blockSize))
        // First pass: every block's largest magnitude (kept for the second), the tensor's, and finiteness.
        var blockMaxima = [Float](repeating: 0, count: layout.groupCount)
        var amax: Float = 0, finite = true
        let blockSize = blockSize
        tensor.values.withUnsafeBufferPointer { xb in
            blockMaxima.withUnsafeMutableBufferPointer { mb in
                let x = xb.baseAddress!
                // The layout's groups are the blocks.
                layout.forEachRun { b, block in
                    let (m, f) = BlockMaximum.magnitudeAndFinite(x, block)
                    mb[b] = m
                    amax = Swift.max(amax, m)
                    finite = finite && f
                }
            }
        }
        guard finite else { return nil }
        let maxima = blockMaxima
        let s2 = Self.tensorScale(amax: amax)
        var clipped = IndexCollector()
        var scales = [Double](repeating: 0, count: layout.groupCount)
        var scaleCodes = [UInt64](repeating: 0, count: layout.groupCount)
        let kernel = ScaledElementKernel(codec: codec)
        // Elements to nearest by comparison with the midpoints times sq · s2: thresholds per E4M3 code of sq.
        let fp4 = options.scaleArithmetic == .exact ? E2M1Kernel(mode: options.rounding ?? .nearestEven) : nil
        let thresholds: [SIMD8<Float>?] = fp4.map { k in Self.e4m3Values.map { k.thresholds(scale: $0 * Double(s2)) } } ?? []
        // Per code of sq: the scale sq · s2 (exact: 4 × 24 bits) and the largest float32 at or below 6 · sq · s2,
        // above which an element is clipped.
        let scaleValues = Self.e4m3Values.map { $0 * Double(s2) }
        let clipAbove = scaleValues.map { v -> Float in
            let t = Float(6 * v)
            return Double(t) > 6 * v ? t.nextDown : t
        }
        let reciprocal = 1 / (6 * Double(s2))
        let codes = Codes.make(UInt8.self, count: tensor.count) { c in
            tensor.values.withUnsafeBufferPointer { xb in
                scales.withUnsafeMutableBufferPointer { sb in
                    scaleCodes.withUnsafeMutableBufferPointer { kb in
                        let x = xb.baseAddress!
                        layout.forEachRow { g0, row in
                            var b = g0, lo = row.lowerBound
                            while lo < row.upperBound {
                                let block = lo..<Swift.min(lo + blockSize, row.upperBound)
                                let bmax = maxima[b]
                                let code = options.scaleArithmetic == .exact
                                    ? blockScaleCode(amax: bmax, reciprocal: reciprocal, tensorScale: s2)
                                    : UInt8(Self.e4m3Code(blockScale(amax: bmax, tensorScale: s2)))
                                let scale = scaleValues[Int(code)]
                                sb[b] = scale
                                kb[b] = UInt64(code)
                                let clips = bmax > clipAbove[Int(code)]
                                if let fp4, let t = thresholds[Int(code)] {
                                    // The clipped elements are found on the same loads as the codes.
                                    if clips { fp4.run(x, block, thresholds: t, clipAbove: clipAbove[Int(code)], into: c, clipped: &clipped) }
                                    else { fp4.run(x, block, thresholds: t, into: c) }
                                } else {
                                    if fp4 != nil {
                                        for i in block { c[i] = UInt8(codec.code(x[i], dividedBy: scale, index: i)) }
                                    } else if options.scaleArithmetic == .float32 {
                                        let scale32 = Float(Self.e4m3Values[Int(code)]) * s2
                                        for i in block { c[i] = UInt8(codec.code(x[i] / scale32, index: i)) }
                                    }
                                    if clips { BlockMaximum.appendIndices(x, block, magnitudeAbove: 6 * scale, to: &clipped) }
                                }
                                b += 1
                                lo = block.upperBound
                            }
                            if options.scaleArithmetic == .exact && fp4 == nil {
                                kernel.runBlocks(x, row, blockSize: blockSize, scales: sb.baseAddress! + g0, exponents: nil, into: c)
                            }
                        }
                    }
                }
            }
        }
        var q = QuantizedTensor(
            name: tensor.name, shape: tensor.shape, scheme: .nvfp4, codes: codes, scales: scales, offsets: [],
            groupSize: blockSize,
            storedBits: layout.groupCount * (blockSize * 4 + 8) + (tensor.count > 0 ? 32 : 0),
            isPadded: layout.isPadded, clippedIndices: clipped.finish(), ggmlBlocks: nil)
        q.granularity = .group(size: blockSize)
        q.scaleCodes = scaleCodes
        q.tensorScale = Double(s2)
        return q
    }
}
