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
            return Double(amax) <= maxFinite * Double(sign: .plus, exponent: e0, significand: 1) ? e0 : e0 + 1
        }
    }

    func quantize(_ tensor: Tensor) throws(QuantizationError) -> QuantizedTensor {
        let layout = try GroupLayout(shape: tensor.shape, granularity: .group(size: blockSize))
        var codes = [Int32](unsafeUninitializedCapacity: tensor.count) { _, n in n = tensor.count }   // every element is written below
        var clipped: [Int] = []
        var scales = [Double](repeating: 0, count: layout.groupCount)
        let mode = options.rounding ?? .nearestEven
        let minimumInt: Double = options.mxint8UsesMinus128 ? -128 : -127
        let kernel = codec.map { ScaledElementKernel(codec: $0) }
        let integers = IntegerKernel(mode: mode, offset: 0, floorMode: false, lower: minimumInt, upper: 127, seed: options.seed)
        var elementCodes = [UInt16](repeating: 0, count: codec == nil ? 0 : tensor.count)
        var segments: [ScaledElementKernel.Segment] = []
        tensor.values.withUnsafeBufferPointer { x in
            elementCodes.withUnsafeMutableBufferPointer { ec in
                codes.withUnsafeMutableBufferPointer { c in
                    layout.forEachRun { g, run in
                        let (lo, hi) = GroupRanges.minMax(x.baseAddress!, run)
                        let amax = Swift.max(-lo, hi)
                        let e = amax == 0 ? -127 : Swift.min(Swift.max(scaleExponent(amax: amax), -127), 127)
                        let scale = Double(sign: .plus, exponent: e, significand: 1)
                        scales[g] = scale
                        let limit = maxFinite * scale
                        if Double(amax) > limit { for i in run where Double(x[i].magnitude) > limit { clipped.append(i) } }
                        if let codec, let kernel {
                            switch options.scaleArithmetic {
                            case .exact:
                                segments.append(.init(range: run, scale: scale, k: e))
                            case .float32:
                                let inverse = Float(sign: .plus, exponent: -e, significand: 1)
                                for i in run { ec[i] = UInt16(codec.code(x[i] * inverse, index: i)); c[i] = Int32(ec[i]) }
                            }
                        } else {
                            let step = Double(sign: .plus, exponent: e - 6, significand: 1)
                            integers.run(x.baseAddress!, run, scale: step, into: c.baseAddress!)
                        }
                    }
                    if let kernel, !segments.isEmpty {
                        kernel.run(x.baseAddress!, segments: segments, into: ec.baseAddress!)
                        for seg in segments { for i in seg.range { c[i] = Int32(ec[i]) } }
                    }
                }
            }
        }
        var q = QuantizedTensor(
            name: tensor.name, shape: tensor.shape, scheme: .mx(element), codes: codes, scales: scales, offsets: [],
            groupSize: blockSize,
            storedBits: layout.groupCount * (blockSize * element.bits + 8),
            isPadded: layout.isPadded, clippedIndices: clipped, ggmlBlocks: nil)
        q.granularity = .group(size: blockSize)
        q.scaleCodes = scales.map { UInt64($0.exponent + 127) }
        return q
    }
}
