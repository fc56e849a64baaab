import FloatFormats

/// Quantizes tensors with one scheme and one set of options.
///
/// ```swift
/// let q = try Quantizer(scheme: .integer(bits: 8, signed: true)).quantize(Tensor([0.5, -1, 0.25]))
/// q.codes    // [64, -127, 32]: scale 1/127, 0.5·127 = 63.5 → 64 (ties to even)
/// q.dequantized[1]   // -1.0
/// ```
public struct Quantizer: Sendable {
    public let scheme: QuantizationScheme
    public let options: QuantizationOptions

    public init(scheme: QuantizationScheme, options: QuantizationOptions = QuantizationOptions()) throws(QuantizationError) {
        self.scheme = scheme
        self.options = options
        try validate()
    }

    private func validate() throws(QuantizationError) {
        if case .float(let f) = scheme, f.bitWidth > 16 {
            throw QuantizationError("float elements of up to 16 bits quantize (\(f.name) has \(f.bitWidth)); use float16, bfloat16 or narrower.")
        }
        if let n = options.blockSize, n < 1 { throw QuantizationError("--block must be at least 1 (it is \(n)).") }
        if case .ggml(let g) = scheme, let n = options.blockSize, n != g.blockSize {
            throw QuantizationError("\(g.rawValue) blocks have \(g.blockSize) elements in ggml's layout; --block does not apply.")
        }
        if let mode = options.rounding, case .ggml = scheme, options.scaleArithmetic == .float32, mode != .nearestEven {
            throw QuantizationError("--scale-arithmetic float32 reproduces ggml's reference code, which has its own rounding; drop --rounding.")
        }
        if case .ggml(let g) = scheme, g.isKQuant, options.rounding != nil {
            throw QuantizationError("\(g.rawValue) follows ggml's reference search for its scales; --rounding does not apply.")
        }
        if case .nvfp4 = scheme, !(-9...8).contains(options.nvfp4ScaleMinimumExponent) {
            throw QuantizationError("--scale-min must be a power of two E4M3 holds, 2^-9 … 2^8.")
        }
    }

    /// The granularity used for a tensor of this shape.
    public func granularity(for shape: [Int]) -> Granularity {
        options.granularity ?? (shape.count >= 2 ? .channel(axis: 0) : .tensor)
    }

    /// Why this scheme cannot take a tensor of this shape (nil when it can):
    /// ggml's blocks must tile every row.
    public func unfitReason(for shape: [Int]) -> String? {
        if case .ggml(let g) = scheme, (shape.last ?? 1) % g.blockSize != 0 {
            return "rows of \(shape.last ?? 1) are not whole \(g.rawValue) blocks of \(g.blockSize)"
        }
        return nil
    }

    /// Quantizes a tensor; the result holds codes, scales and dequantized values.
    public func quantize(_ tensor: Tensor) throws(QuantizationError) -> QuantizedTensor {
        if case .integer(let bits, let signed) = scheme {
            // One pass per group when it applies (and every value is finite).
            let integers = try IntegerQuantizer(bits: bits, signed: signed, options: options)
            if let q = integers.quantizeFused(tensor, layout: try GroupLayout(shape: tensor.shape, granularity: granularity(for: tensor.shape)),
                                              scheme: scheme) {
                return q
            }
        }
        // MX, NVFP4 and ggml check finiteness on their first pass; only a tensor that has a non-finite value is prepared.
        switch scheme {
        case .mx(let element): if let q = try MXQuantizer(element: element, options: options).quantize(tensor) { return q }
        case .nvfp4: if let q = try NVFP4Quantizer(options: options).quantize(tensor) { return q }
        case .ggml(let type): if let q = try GGMLQuantizer(type: type, options: options).quantize(tensor, requireFinite: true) { return q }
        default: break
        }
        let prepared = try prepare(tensor)
        var q: QuantizedTensor
        switch scheme {
        case .integer(let bits, let signed):
            q = try IntegerQuantizer(bits: bits, signed: signed, options: options)
                .quantize(prepared.tensor, layout: GroupLayout(shape: tensor.shape, granularity: granularity(for: tensor.shape)), scheme: scheme)
        case .float(let format):
            q = try ScaledFloatQuantizer(format: format, options: options)
                .quantize(prepared.tensor, layout: GroupLayout(shape: tensor.shape, granularity: granularity(for: tensor.shape)), scheme: scheme)
        case .mx(let element):
            q = try MXQuantizer(element: element, options: options).quantize(prepared.tensor)!
        case .nvfp4:
            q = try NVFP4Quantizer(options: options).quantize(prepared.tensor)!
        case .ggml(let type):
            q = try GGMLQuantizer(type: type, options: options).quantize(prepared.tensor)
        case .codebook(let book):
            q = try CodebookQuantizer(codebook: book, options: options).quantize(prepared.tensor)
        }
        q.nanIndices = prepared.nanIndices
        return q
    }

    /// Quantize then dequantize.
    public func fakeQuantize(_ tensor: Tensor) throws(QuantizationError) -> Tensor {
        try quantize(tensor).dequantize()
    }

    /// The error of quantizing a tensor.
    public func statistics(_ tensor: Tensor) throws(QuantizationError) -> ErrorStatistics {
        ErrorStatistics(original: tensor.values, dequantized: try quantize(tensor).dequantized)
    }

    private struct Prepared {
        var tensor: Tensor
        var nanIndices: [Int]
    }

    /// Applies the non-finite policy.
    private func prepare(_ tensor: Tensor) throws(QuantizationError) -> Prepared {
        // A branch-free scan first: almost every tensor is all finite.
        let allFinite = tensor.values.withUnsafeBufferPointer { x in
            x.isEmpty || BlockMaximum.magnitudeAndFinite(x.baseAddress!, 0..<x.count).1
        }
        if allFinite { return Prepared(tensor: tensor, nanIndices: []) }
        var firstBad: Int? = nil, bad = 0
        for (i, v) in tensor.values.enumerated() where !v.isFinite {
            bad += 1
            if firstBad == nil { firstBad = i }
        }
        guard let first = firstBad else { return Prepared(tensor: tensor, nanIndices: []) }
        switch options.nonfinite {
        case .error:
            throw QuantizationError("tensor '\(tensor.name)' has \(bad) non-finite value\(bad == 1 ? "" : "s") (NaN or ±Inf), the first at index \(tensor.index(of: first)) (\(tensor.values[first])); pass --nonfinite zero or --nonfinite propagate to go on.")
        case .zero:
            var t = tensor
            for i in t.values.indices where !t.values[i].isFinite { t.values[i] = 0 }
            return Prepared(tensor: t, nanIndices: [])
        case .propagate:
            var t = tensor
            let amax = tensor.values.reduce(Float(0)) { $1.isFinite ? max($0, $1.magnitude) : $0 }
            var nans: [Int] = []
            for i in t.values.indices where !t.values[i].isFinite {
                if t.values[i].isNaN { nans.append(i); t.values[i] = 0 } else { t.values[i] = t.values[i] < 0 ? -amax : amax }
            }
            return Prepared(tensor: t, nanIndices: nans)
        }
    }
}

extension Quantizer {
    /// The scheme with every non-default convention, as reports show it:
    /// `int8 channel`, `int4 group:128 affine`, `mxfp4 rceil`, `nvfp4 scale-min:2^-9`.
    public func summary(for shape: [Int]) -> String {
        var parts = [scheme.name]
        let defaults = QuantizationOptions()
        if scheme.takesGranularity { parts.append(granularity(for: shape).description) }
        if case .integer = scheme {
            if options.mode != defaults.mode { parts.append(options.mode.rawValue) }
            if options.range != defaults.range { parts.append("range:\(options.range.rawValue)") }
        }
        if let s = options.scaleFormat { parts.append("scale:\(s.name)") }
        if let n = options.blockSize { parts.append("block:\(n)") }
        if case .mx = scheme, options.scaleRule != defaults.scaleRule { parts.append(options.scaleRule.rawValue) }
        if case .nvfp4 = scheme, options.nvfp4ScaleMinimumExponent != defaults.nvfp4ScaleMinimumExponent {
            parts.append("scale-min:2^\(options.nvfp4ScaleMinimumExponent)")
        }
        if case .float = scheme, options.floatScale == .none { parts.append("unscaled") }
        if let r = options.rounding { parts.append(r.name) }
        if options.scaleArithmetic != defaults.scaleArithmetic { parts.append("arithmetic:\(options.scaleArithmetic.rawValue)") }
        if options.calibration != defaults.calibration, scheme.takesGranularity { parts.append(options.calibration.description) }
        return parts.joined(separator: " ")
    }
}
