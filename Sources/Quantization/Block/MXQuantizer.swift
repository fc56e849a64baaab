import FloatFormats

/// OCP MX (v1.0): blocks of 32 along the last axis, one E8M0 scale X = 2^e
/// per block, elements v / X rounded into the element format, saturating.
///
/// e follows `MXScaleRule` and is clamped to [−127, 127]; an all-zero block
/// gets e = −127 (scale code 0x00), as torchao and gfloat store it. With
/// exact scale arithmetic v · 2^-e is rounded once; with float32 it is first
/// formed in float32, as torchao multiplies by the reciprocal scale
/// (different only where v · 2^-e falls below float32's normal range).
/// MXINT8 elements are integers × 2^-6 in −127…127 (−128 with `mxint8UsesMinus128`).
struct MXQuantizer {
    let element: MXElement
    let options: QuantizationOptions
    let codec: ElementCodec?
    let blockSize: Int

    init(element: MXElement, options: QuantizationOptions) throws(QuantizationError) {
        self.element = element
        self.options = options
        blockSize = options.blockSize ?? 32
        codec = element.format.map { ElementCodec(format: $0, mode: options.rounding ?? .nearestEven, seed: options.seed) }
        maxFinite = codec?.maxFinite ?? 127.0 / 64
        emax = element.emax
    }

    /// The largest element magnitude.
    let maxFinite: Double
    /// The element format's emax (computed once: it decodes the format).
    let emax: Int

    /// The unclamped scale exponent of a block whose largest magnitude is amax (> 0).
    func scaleExponent(amax: Float) -> Int {
        switch options.scaleRule {
        case .floor:
            return Int(amax.exponent) - emax
        case .ceil:
            return Int(amax.exponent) + (amax.significandWidth > 0 ? 1 : 0) - emax
        case .even:
            // torchao: add half an element ulp to the float32 bits, keep the exponent.
            let m = codec?.format.fractionBits ?? 6
            let bumped = Float(bitPattern: (amax.bitPattern &+ (1 << UInt32(22 - m))) & 0x7F80_0000)
            return (bumped == 0 ? Int(amax.exponent) : Int(bumped.exponent)) - emax
        case .rceil:
            if options.scaleArithmetic == .float32 {
                let descale = amax * (1 / Float(maxFinite))
                return Int(descale.exponent) + (descale.significandWidth > 0 ? 1 : 0)
            }
            // The smallest e with amax ≤ maxFinite · 2^e: e0 or e0 + 1.
            let e0 = Int(amax.exponent) - Int(maxFinite.exponent)
            return Double(amax) <= maxFinite * Double(bitPattern: UInt64(1023 + e0) << 52) ? e0 : e0 + 1   // 2^e0, |e0| < 300
        }
    }

    /// The fp4 (E2M1) elements to nearest and the block exponents of every
    /// row, block by block: the largest magnitude (and finiteness), the
    /// exponent, the clipped indices, then the codes by comparison with the
    /// midpoints times 2^e (`thresholds[e]`, `limits[e]` = max finite · 2^e,
    /// both indexed from −127). Returns whether every value was finite.
    @inline(__always)
    func fillE2M1(_ x: UnsafePointer<Float>, layout: GroupLayout, kernel: E2M1Kernel, thresholds: UnsafePointer<SIMD8<Float>>,
                  limits: UnsafePointer<Double>, exponents e: UnsafeMutablePointer<Int>, codes: UnsafeMutablePointer<UInt8>,
                  clipped: inout IndexCollector) -> Bool {
        var finite = true
        let floorRule = options.scaleRule == .floor, emax = emax
        // The layout's groups are the blocks.
        layout.forEachRun { b, block in
            var (amax, finiteBlock) = BlockMaximum.magnitudeAndFinite(x, block)
            if !finiteBlock { finite = false; amax = 0 }
            let exponent: Int
            if amax == 0 {
                exponent = -127
            } else if floorRule && amax.isNormal {
                // ⌊log2 amax⌋ from the biased exponent field.
                exponent = Swift.max(Int(amax.bitPattern >> 23) - 127 - emax, -127)
            } else {
                exponent = Swift.min(Swift.max(scaleExponent(amax: amax), -127), 127)
            }
            e[b] = exponent
            // The clipped elements are found on the same loads as the codes (the float32 bound is the
            // largest float32 at or below the limit; the limit, 6 · 2^e, is one).
            let limit = limits[exponent]
            if Double(amax) > limit {
                var bound = Float(limit)
                if Double(bound) > limit { bound = bound.nextDown }
                kernel.run(x, block, thresholds: thresholds[exponent], clipAbove: bound, into: codes, clipped: &clipped)
            } else {
                kernel.run(x, block, thresholds: thresholds[exponent], into: codes)
            }
        }
        return finite
    }

    /// Quantizes a tensor whose values are all finite; nil, when one is not,
    /// for the caller to apply its policy (the check rides on the block maxima).
    func quantize(_ tensor: Tensor) throws(QuantizationError) -> QuantizedTensor? {
        let layout = try GroupLayout(shape: tensor.shape, granularity: .group(size: blockSize))
        var clipped = IndexCollector()
        var exponents = [Int](repeating: -127, count: layout.groupCount)
        let mode = options.rounding ?? .nearestEven
        let minimumInt: Double = options.mxint8UsesMinus128 ? -128 : -127
        let kernel = codec.map { ScaledElementKernel(codec: $0) }
        let integers = IntegerKernel(mode: mode, offset: 0, floorMode: false, lower: minimumInt, upper: 127, seed: options.seed)
        let blockSize = blockSize
        // fp4 to nearest: compare with the midpoints times 2^e (a table over every e).
        let fp4 = options.scaleArithmetic == .exact && element.format.map(E2M1Kernel.applies) == true ? E2M1Kernel(mode: mode) : nil
        let limits = (-127...127).map { maxFinite * Double(sign: .plus, exponent: $0, significand: 1) }
        var finite = true
        let fp4Thresholds = fp4.map { k in (-127...127).map { k.thresholds(scale: Double(sign: .plus, exponent: $0, significand: 1))! } } ?? []
        // Row by row: the exponents of its blocks (and any clipping), then its elements in one pass.
        func fill<C: CodeElement>(_ c: UnsafeMutablePointer<C>) {
            if let fp4 {
                // fp4 to nearest: one fused loop over the blocks, on pointers.
                let bytes = UnsafeMutableRawPointer(c).assumingMemoryBound(to: UInt8.self)
                tensor.values.withUnsafeBufferPointer { xb in
                    exponents.withUnsafeMutableBufferPointer { eb in
                        fp4Thresholds.withUnsafeBufferPointer { tb in
                            limits.withUnsafeBufferPointer { lb in
                                finite = fillE2M1(xb.baseAddress!, layout: layout, kernel: fp4, thresholds: tb.baseAddress! + 127,
                                                  limits: lb.baseAddress! + 127, exponents: eb.baseAddress!, codes: bytes, clipped: &clipped)
                            }
                        }
                    }
                }
                return
            }
            tensor.values.withUnsafeBufferPointer { xb in
                exponents.withUnsafeMutableBufferPointer { eb in
                    let x = xb.baseAddress!, e = eb.baseAddress!
                    layout.forEachRow { g0, row in
                        var b = g0, lo = row.lowerBound
                        while lo < row.upperBound {
                            let block = lo..<Swift.min(lo + blockSize, row.upperBound)
                            var (amax, finiteBlock) = BlockMaximum.magnitudeAndFinite(x, block)
                            if !finiteBlock { finite = false; amax = 0 }
                            e[b] = amax == 0 ? -127 : Swift.min(Swift.max(scaleExponent(amax: amax), -127), 127)
                            let limit = limits[e[b] + 127]
                            if Double(amax) > limit { BlockMaximum.appendIndices(x, block, magnitudeAbove: limit, to: &clipped) }
                            if let fp4 {
                                let bytes = UnsafeMutableRawPointer(c).assumingMemoryBound(to: UInt8.self)
                                fp4.run(x, block, thresholds: fp4Thresholds[e[b] + 127], into: bytes)
                            } else if codec == nil {
                                integers.run(x, block, scale: Double(bitPattern: UInt64(1023 + e[b] - 6) << 52), into: c)   // 2^(e − 6)
                            } else if let codec, options.scaleArithmetic == .float32 {
                                // 2^-e, subnormal for e = 127.
                                let inverse = Float(bitPattern: e[b] <= 126 ? UInt32(127 - e[b]) << 23 : UInt32(1) << UInt32(149 - e[b]))
                                for i in block { c[i] = C(truncatingIfNeeded: codec.code(x[i] * inverse, index: i)) }
                            }
                            b += 1
                            lo = block.upperBound
                        }
                        if let kernel, options.scaleArithmetic == .exact, fp4 == nil {
                            // Float elements are stored as UInt8 (C is UInt8 whenever there is a codec).
                            let bytes = UnsafeMutableRawPointer(c).assumingMemoryBound(to: UInt8.self)
                            kernel.runBlocks(x, row, blockSize: blockSize, scales: nil, exponents: e + g0, into: bytes)
                        }
                    }
                }
            }
        }
        let codes: Codes = codec == nil ? .make(Int8.self, count: tensor.count) { fill($0) }
                                        : .make(UInt8.self, count: tensor.count) { fill($0) }
        let clippedIndices = clipped.finish()
        guard finite else { return nil }
        // 2^e from its bits (e in −127…127 is a normal float64): a per-block generic initializer costs more.
        let scales = exponents.map { Double(bitPattern: UInt64($0 + 1023) << 52) }
        var q = QuantizedTensor(
            name: tensor.name, shape: tensor.shape, scheme: .mx(element), codes: codes, scales: scales, offsets: [],
            groupSize: blockSize,
            storedBits: layout.groupCount * (blockSize * element.bits + 8),
            isPadded: layout.isPadded, clippedIndices: clippedIndices, ggmlBlocks: nil)
        q.granularity = .group(size: blockSize)
        q.scaleCodes = exponents.map { UInt64($0 + 127) }
        if codec == nil { q.codeRange = (options.mxint8UsesMinus128 ? -128 : -127)...127 }
        return q
    }
}
