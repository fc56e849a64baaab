import FloatFormats

/// Linear integer quantization: q = clamp(z + round(x / s), qmin, qmax),
/// x' = (q − z) · s.
///
/// | mode, range | codes (int8 / uint8) | z | s |
/// |---|---|---|---|
/// | symmetric, narrow (default) | −127…127 / 1…255 | 0 / 128 | amax / 127 |
/// | symmetric, full (PyTorch) | −128…127 / 0…255 | 0 / 128 | max(amax / 127.5, 2^-23) |
/// | affine | −128…127 / 0…255 | qmin − round(mn / s) | (mx − mn) / 255 |
///
/// The affine range [mn, mx] always includes zero (mn ≤ 0 ≤ mx), so zero is
/// exactly representable. A group that is all zero gets s = 1 (narrow) or
/// 2^-23 (full). s is rounded once into the scale format (float64 by default);
/// z is rounded to nearest even; x / s is rounded once from its exact value.
struct IntegerQuantizer {
    let bits: Int
    let signed: Bool
    let options: QuantizationOptions

    struct Parameters: Equatable {
        let qmin: Double, qmax: Double
        let scale: Double, zeroPoint: Double
    }

    init(bits: Int, signed: Bool, options: QuantizationOptions) throws(QuantizationError) {
        self.bits = bits
        self.signed = signed
        self.options = options
        scaleFormat = options.scaleFormat ?? .float64
        scaleDivision = ScaleRounding.division(for: scaleFormat)
    }

    /// The format scales are rounded into, and how (both fixed per quantizer, read per group).
    let scaleFormat: FloatFormat
    let scaleDivision: ScaleRounding.Division
    var mode: RoundingMode { options.rounding ?? .nearestEven }

    /// The code range.
    var range: (qmin: Double, qmax: Double) {
        let half = Double(1 << (bits - 1))
        let full = signed ? (-half, half - 1) : (0.0, 2 * half - 1)
        // Affine always uses the whole range; the narrow range is a symmetric convention.
        if options.range == .full || options.mode == .affine { return full }
        return (full.0 + 1, full.1)
    }

    /// Scale and zero point for a group whose clipped range is [mn, mx] (mn ≤ 0 ≤ mx).
    func parameters(min mn: Float, max mx: Float) -> Parameters {
        let (qmin, qmax) = range
        let eps = options.range == .full ? 0x1p-23 : 0.0
        switch options.mode {
        case .symmetric:
            let amax = Double(Swift.max(-mn, mx))
            let zero = signed ? 0.0 : Double(1 << (bits - 1))
            // narrow: amax / (2^(b−1) − 1); full: amax / ((qmax − qmin) / 2).
            let denominator = options.range == .full ? Dyadic(significand: UInt64(qmax - qmin), exponent: -1)
                                                     : Dyadic(significand: UInt64(qmax - zero), exponent: 0)
            var s = amax == 0 ? 0 : ScaleRounding.quotient(amax, denominator, in: scaleFormat, division: scaleDivision)
            s = Swift.max(s, eps)
            if s == 0 { s = 1 }
            return Parameters(qmin: qmin, qmax: qmax, scale: s, zeroPoint: zero)
        case .affine:
            let width = Double(mx) - Double(mn)
            var s = width == 0 ? 0 : ScaleRounding.quotient(width, Dyadic(significand: UInt64(qmax - qmin), exponent: 0), in: scaleFormat, division: scaleDivision)
            s = Swift.max(s, eps)
            if s == 0 { s = 1 }
            let r = IntegerRounding.round(Double(mn), dividedBy: s, mode: .nearestEven, limit: 0x1p40)
            let z = Swift.min(Swift.max(qmin - r, qmin), qmax)
            return Parameters(qmin: qmin, qmax: qmax, scale: s, zeroPoint: z)
        }
    }

    func quantize(_ tensor: Tensor, layout: GroupLayout, scheme: QuantizationScheme) throws(QuantizationError) -> QuantizedTensor {
        let ranges = try GroupRanges(tensor, layout: layout, calibration: options.calibration) { mn, mx, values in
            // The error of quantizing `values` with the range [mn, mx], for the mse search: the codes
            // by the quantizing kernel where the arithmetic is exact (the same codes as `dequantized`,
            // index for index), by `dequantized` itself for float32 scale arithmetic.
            let p = parameters(min: mn, max: mx)
            var e = CompensatedSum()
            if options.scaleArithmetic == .exact {
                var q = [Int32](repeating: 0, count: values.count)
                values.withUnsafeBufferPointer { x in
                    q.withUnsafeMutableBufferPointer { c in
                        IntegerKernel(mode: mode, offset: p.zeroPoint, floorMode: false, lower: p.qmin, upper: p.qmax, seed: options.seed)
                            .run(x.baseAddress!, 0..<x.count, scale: p.scale, into: c.baseAddress!)
                    }
                }
                for (x, code) in zip(values, q) {
                    let d = Double(x) - Double(FloatRounding.product(Double(code) - p.zeroPoint, p.scale))
                    e.addProduct(d, d)
                }
                return e.value
            }
            for (i, x) in values.enumerated() {
                let y = dequantized(x, p, index: i).value
                e.addProduct(Double(x) - Double(y), Double(x) - Double(y))
            }
            return e.value
        }
        let params = (0..<layout.groupCount).map { parameters(min: ranges.min[$0], max: ranges.max[$0]) }
        var clipped: [Int] = []
        func fill<C: CodeElement>(_ c: UnsafeMutablePointer<C>) {
            tensor.values.withUnsafeBufferPointer { x in
                layout.forEachRun { g, run in
                    let p = params[g]
                    if options.scaleArithmetic == .exact {
                        IntegerKernel(mode: mode, offset: p.zeroPoint, floorMode: false, lower: p.qmin, upper: p.qmax, seed: options.seed)
                            .run(x.baseAddress!, run, scale: p.scale, into: c)
                        // At an end of the range, whether x was clipped there takes the unclamped code.
                        appendClipped(x.baseAddress!, run, p, &clipped)
                    } else {
                        for i in run {
                            let r = dequantized(x[i], p, index: i)
                            c[i] = C(r.code)
                            if !r.inRange { clipped.append(i) }
                        }
                    }
                }
            }
        }
        let codes: Codes
        switch codeWidth {
        case .int8: codes = .make(Int8.self, count: tensor.count) { fill($0) }
        case .uint8: codes = .make(UInt8.self, count: tensor.count) { fill($0) }
        case .int16: codes = .make(Int16.self, count: tensor.count) { fill($0) }
        default: codes = .make(UInt16.self, count: tensor.count) { fill($0) }
        }
        return result(tensor, layout, scheme, codes, params.map(\.scale), params.map(\.zeroPoint), clipped)
    }

    /// The storage of the codes: the narrowest integer type of the code range.
    var codeWidth: Codes.Width { Codes.Width(holding: Int(range.qmin), Int(range.qmax)) }

    /// The one-pass path: for min–max calibration, exact arithmetic and
    /// groups that are single runs, each group is ranged, scaled, quantized
    /// and checked for clipping while it is in cache. nil when the tensor has
    /// a value that is not finite (the caller's policy decides) or the path does not apply.
    func quantizeFused(_ tensor: Tensor, layout: GroupLayout, scheme: QuantizationScheme) -> QuantizedTensor? {
        guard options.calibration == .minmax, options.scaleArithmetic == .exact, layout.runsAreGroups else { return nil }
        var scales = [Double](repeating: 0, count: layout.groupCount)
        var zeros = [Double](repeating: 0, count: layout.groupCount)
        var clipped: [Int] = []
        var finite = true
        // Read per group: kept out of the options.
        let symmetric = options.mode == .symmetric, mode = mode, seed = options.seed
        func fill<C: CodeElement>(_ c: UnsafeMutablePointer<C>) {
            tensor.values.withUnsafeBufferPointer { x in
            scales.withUnsafeMutableBufferPointer { sb in
            zeros.withUnsafeMutableBufferPointer { zb in
                layout.forEachRun { g, run in
                    guard finite else { return }
                    let (lo, hi, ok): (Float, Float, Bool)
                    if symmetric {
                        // Symmetric scales take only the largest magnitude.
                        let (m, finiteRun) = BlockMaximum.magnitudeAndFinite(x.baseAddress!, run)
                        (lo, hi, ok) = (-m, m, finiteRun)
                    } else {
                        (lo, hi, ok) = GroupRanges.minMaxFinite(x.baseAddress!, run)
                    }
                    guard ok else { finite = false; return }
                    let p = parameters(min: lo, max: hi)
                    sb[g] = p.scale
                    zb[g] = p.zeroPoint
                    IntegerKernel(mode: mode, offset: p.zeroPoint, floorMode: false, lower: p.qmin, upper: p.qmax, seed: seed)
                        .run(x.baseAddress!, run, scale: p.scale, bound: Swift.max(-lo, hi), into: c)
                    if canClip(bound: Swift.max(-lo, hi), p) { appendClipped(x.baseAddress!, run, p, &clipped) }
                }
            }
            }
            }
            // Codes after a non-finite group are never read: the result is dropped.
            if !finite { c.initialize(repeating: 0, count: tensor.count) }
        }
        let codes: Codes
        switch codeWidth {
        case .int8: codes = .make(Int8.self, count: tensor.count) { fill($0) }
        case .uint8: codes = .make(UInt8.self, count: tensor.count) { fill($0) }
        case .int16: codes = .make(Int16.self, count: tensor.count) { fill($0) }
        default: codes = .make(UInt16.self, count: tensor.count) { fill($0) }
        }
        guard finite else { return nil }
        return result(tensor, layout, scheme, codes, scales, zeros, clipped)
    }

    /// The quantized tensor: zero points stored for affine and unsigned schemes, every bit counted.
    private func result(_ tensor: Tensor, _ layout: GroupLayout, _ scheme: QuantizationScheme, _ codes: Codes,
                        _ scales: [Double], _ zeros: [Double], _ clipped: [Int]) -> QuantizedTensor {
        let storedElements = layout.groupCount * layout.storedGroupSize
        let perGroup = scaleFormat.bitWidth + (options.mode == .affine ? bits : 0)
        var q = QuantizedTensor(
            name: tensor.name, shape: tensor.shape, scheme: scheme, codes: codes,
            scales: scales, offsets: options.mode == .affine || !signed ? zeros : [],
            groupSize: layout.storedGroupSize,
            storedBits: storedElements * bits + layout.groupCount * perGroup,
            isPadded: layout.isPadded, clippedIndices: clipped, ggmlBlocks: nil)
        q.granularity = layout.granularity
        q.codeRange = Int32(range.qmin)...Int32(range.qmax)
        return q
    }

    /// Whether any x with |x| ≤ bound can be clipped: every mode moves
    /// y = x / s + z by less than 1 to an integer, the nearest modes by at
    /// most ½, so codes stay inside [qmin, qmax] when z ± max |y| does
    /// (with ½ to spare for the nearest modes; max |y| taken 2^-40 high).
    func canClip(bound: Float, _ p: Parameters) -> Bool {
        let ymax = Double(bound) / p.scale * (1 + 0x1p-40)
        let slack = mode == .nearestEven || mode == .nearestAway ? 0.5 : 0
        return !(p.zeroPoint + ymax < p.qmax + slack && p.zeroPoint - ymax > p.qmin - slack)
    }

    /// Elements of a run whose input lay beyond the code range (and was clipped).
    ///
    /// Every mode moves y = x / s + z by less than 1 (the nearest modes by
    /// at most ½), so only an x with y > qmax − δ or y < qmin + δ can be
    /// clipped (δ = ½ or 1): x beyond (qmax − z − δ) · s or (qmin − z + δ) · s,
    /// thresholds taken 2^-20 relatively on the safe side. The inputs are
    /// scanned four at a time against them, and the few beyond are decided
    /// by the reference path.
    @inline(__always)
    func appendClipped(_ x: UnsafePointer<Float>, _ run: Range<Int>, _ p: Parameters, _ clipped: inout [Int]) {
        let delta = mode == .nearestEven || mode == .nearestAway ? 0.5 : 1
        func shrunk(_ t: Double) -> Float { Float(t - t.magnitude * 0x1p-20) }
        func grown(_ t: Double) -> Float { Float(t + t.magnitude * 0x1p-20) }
        let top = shrunk((p.qmax - p.zeroPoint - delta) * p.scale)
        let bottom = grown((p.qmin - p.zeroPoint + delta) * p.scale)
        let top4 = SIMD4<Float>(repeating: top), bottom4 = SIMD4<Float>(repeating: bottom)
        let raw = UnsafeRawPointer(x)
        var i = run.lowerBound
        while i < run.upperBound {
            if i + 4 <= run.upperBound {
                let v = raw.loadUnaligned(fromByteOffset: 4 * i, as: SIMD4<Float>.self)
                if !any((v .> top4) .| (v .< bottom4)) { i += 4; continue }
            }
            for j in i..<Swift.min(i + 4, run.upperBound) where x[j] > top || x[j] < bottom {
                if !dequantized(x[j], p, index: j).inRange { clipped.append(j) }
            }
            i += 4
        }
    }

    /// One element by the reference path: its code, dequantized value, and
    /// whether it was in range (the kernel must agree with it).
    @inline(__always)
    func dequantized(_ x: Float, _ p: Parameters, index: Int) -> (code: Double, value: Float, inRange: Bool) {
        let random: UInt64
        if case .stochastic = mode { random = UInt64(RoundingNoise(seed: options.seed)[UInt64(index)]) } else { random = 0 }
        let r: Double
        switch options.scaleArithmetic {
        case .exact:
            r = IntegerRounding.round(Double(x), dividedBy: p.scale, mode: mode, random: random, limit: 0x1p20)
        case .float32:
            let product = x * (1 / Float(p.scale))
            r = IntegerRounding.round(Double(product), dividedBy: 1, reciprocal: 1, mode: mode, random: random, limit: 0x1p20)
        }
        let unclamped = p.zeroPoint + r
        let q = Swift.min(Swift.max(unclamped, p.qmin), p.qmax)
        return (q, FloatRounding.product(q - p.zeroPoint, p.scale), unclamped == q)
    }
}
