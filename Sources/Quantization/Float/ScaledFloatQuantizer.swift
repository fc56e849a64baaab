import FloatFormats

/// Float elements with a scale: s = amax / (max finite of the element
/// format), rounded once into the scale format (float32 by default);
/// q = x / s rounded once into the element format, saturating; x' = q · s.
/// With `FloatScaling.none` the values are rounded into the format as they are.
struct ScaledFloatQuantizer {
    let codec: ElementCodec
    let options: QuantizationOptions

    init(format: FloatFormat, options: QuantizationOptions) throws(QuantizationError) {
        if options.mode == .affine {
            throw QuantizationError("--mode affine is for integer schemes; float elements are scaled symmetrically.")
        }
        codec = ElementCodec(format: format, mode: options.rounding ?? .nearestEven, seed: options.seed)
        self.options = options
        scaleFormat = options.scaleFormat ?? .float32
        scaleDivision = ScaleRounding.division(for: scaleFormat)
        elementMaximum = format.maxFinite
    }

    /// The format scales are rounded into, how, and the element format's largest finite value
    /// (fixed per quantizer, read per group).
    let scaleFormat: FloatFormat
    let scaleDivision: ScaleRounding.Division
    let elementMaximum: Dyadic

    func scale(amax: Float) -> Double {
        guard options.floatScale == .amax, amax > 0 else { return 1 }
        return ScaleRounding.quotient(Double(amax), elementMaximum, in: scaleFormat, division: scaleDivision)
    }

    func quantize(_ tensor: Tensor, layout: GroupLayout, scheme: QuantizationScheme) throws(QuantizationError) -> QuantizedTensor {
        let ranges = try GroupRanges(tensor, layout: layout, calibration: options.calibration) { mn, mx, values in
            let s = scale(amax: Swift.max(-mn, mx))
            var e = CompensatedSum()
            for (i, x) in values.enumerated() {
                let d = Double(x) - Double(element(x, s, index: i).value)
                e.addProduct(d, d)
            }
            return e.value
        }
        let scales = (0..<layout.groupCount).map { scale(amax: Swift.max(-ranges.min[$0], ranges.max[$0])) }
        var clipped: [Int] = []
        let limit = codec.maxFinite
        let kernel = ScaledElementKernel(codec: codec)
        func fill<C: CodeElement & UnsignedInteger>(_ c: UnsafeMutablePointer<C>) {
            tensor.values.withUnsafeBufferPointer { x in
                layout.forEachRun { g, run in
                    let s = scales[g]
                    if options.scaleArithmetic == .exact || s == 1 {
                        kernel.run(x.baseAddress!, run, scale: s, powerOfTwo: s == 1 ? 0 : nil, into: c)
                    } else {
                        for i in run { c[i] = C(truncatingIfNeeded: element(x[i], s, index: i).code) }
                    }
                    let bound = s * limit
                    for i in run where Double(x[i].magnitude) > bound { clipped.append(i) }
                }
            }
        }
        let codes: Codes = codec.format.bitWidth <= 8 ? .make(UInt8.self, count: tensor.count) { fill($0) }
                                                      : .make(UInt16.self, count: tensor.count) { fill($0) }
        let scaled = options.floatScale == .amax
        var result = QuantizedTensor(
            name: tensor.name, shape: tensor.shape, scheme: scheme, codes: codes, scales: scales, offsets: [],
            groupSize: layout.storedGroupSize,
            storedBits: layout.groupCount * layout.storedGroupSize * codec.format.bitWidth
                + (scaled ? layout.groupCount * scaleFormat.bitWidth : 0),
            isPadded: layout.isPadded, clippedIndices: clipped, ggmlBlocks: nil)
        result.granularity = layout.granularity
        return result
    }

    /// One element by the reference path (the kernel must agree with it).
    @inline(__always)
    func element(_ x: Float, _ s: Double, index: Int) -> (code: UInt64, value: Float) {
        let code: UInt64
        if s == 1 { code = codec.code(x, index: index) }
        else {
            switch options.scaleArithmetic {
            case .exact: code = codec.code(x, dividedBy: s, index: index)
            case .float32: code = codec.code(x * (1 / Float(s)), index: index)
            }
        }
        return (code, FloatRounding.product(codec.values[Int(code)], s))
    }
}
