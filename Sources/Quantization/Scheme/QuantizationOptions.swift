import FloatFormats

/// Every convention a quantizer follows, spelled out. The defaults are the
/// documented ones (Docs/Quantization.md); each option names who does otherwise.
public struct QuantizationOptions: Hashable, Sendable {
    /// Integer schemes: zero point 0 (symmetric; 2^(b−1) for unsigned) or
    /// one that maps the observed minimum (affine).
    public var mode: IntegerMode = .symmetric
    /// Integer schemes: the narrow range ±(2^(b−1)−1) with scale amax/qmax, or
    /// PyTorch's full range with scale amax/((qmax−qmin)/2) and eps 2^-23.
    public var range: IntegerRange = .narrow
    /// Int and scaled-float schemes; nil: channel (axis 0) for tensors of two
    /// or more dimensions, tensor for 1-D tensors and scalars.
    public var granularity: Granularity? = nil
    /// Element rounding; nil: the scheme's own (nearest-even, except ggml's
    /// reference rules: q8_0 rounds ties away, q4/q5 take ⌊x/d + c + ½⌋).
    public var rounding: RoundingMode? = nil
    /// Seed of stochastic rounding.
    public var seed: UInt64 = 0
    /// How x / s is computed before rounding.
    public var scaleArithmetic: ScaleArithmetic = .exact
    /// Block size of MX (32), NVFP4 (16) and the code books (64); nil: the scheme's.
    public var blockSize: Int? = nil
    /// MX shared-scale rule.
    public var scaleRule: MXScaleRule = .floor
    /// NVFP4: the smallest block scale, 2^-6 (torchao) or 2^-9 (Model-Optimizer).
    public var nvfp4ScaleMinimumExponent: Int = -6
    /// The format scales are stored in, for int and scaled-float schemes;
    /// nil: float64 for integers (PyTorch's quantized tensors hold double
    /// scales), float32 for float elements (torchao).
    public var scaleFormat: FloatFormat? = nil
    /// Scaled-float schemes: scale amax / max finite, or no scale at all.
    public var floatScale: FloatScaling = .amax
    /// How the clipping range is chosen.
    public var calibration: Calibration = .minmax
    /// What a NaN or infinity in the input does.
    public var nonfinite: NonfinitePolicy = .error
    /// MXINT8: whether the element code −128 (−2.0) is used (gfloat) or not (microxcaling, the default).
    public var mxint8UsesMinus128: Bool = false

    public init() {}
}

/// Zero point 0 or a zero point from the range.
public enum IntegerMode: String, Hashable, Sendable, CaseIterable {
    case symmetric, affine
}

/// The integer range of symmetric quantization.
public enum IntegerRange: String, Hashable, Sendable, CaseIterable {
    /// [−(2^(b−1)−1), 2^(b−1)−1], s = amax / (2^(b−1)−1): TensorRT, ggml, textbooks.
    case narrow
    /// [−2^(b−1), 2^(b−1)−1], s = max(amax / ((qmax − qmin)/2), 2^-23): PyTorch's observers.
    case full
}

/// How the quotient x / s is formed before it is rounded into the element.
public enum ScaleArithmetic: String, Hashable, Sendable, CaseIterable {
    /// x / s rounded once from its exact value (the scaled entry point of the core).
    case exact
    /// x · (1/s) in float32, then rounded: what PyTorch's fake-quantize, ggml's
    /// reference quantizers and most GPU kernels compute. torchao's NVFP4
    /// divides x / (s_block · s_tensor) in float32, and that is what this mode does there.
    case float32
}

/// Whether a scaled-float scheme scales.
public enum FloatScaling: String, Hashable, Sendable, CaseIterable {
    /// s = amax / (max finite of the element format).
    case amax
    /// No scale: elements are the values rounded into the format (saturating).
    case none
}

/// NaN or infinity in a tensor.
public enum NonfinitePolicy: String, Hashable, Sendable, CaseIterable {
    /// Refuse, naming the tensor, the count and the first index.
    case error
    /// Leave them out of every maximum and carry them through: NaN stays NaN
    /// where the element format has one, infinities saturate.
    case propagate
    /// Replace them by zero before quantizing.
    case zero
}

/// The OCP MX shared-scale rule: which power of two X = 2^e a block gets.
///
/// With amax the block's largest magnitude and emax the element format's:
/// - `floor`: e = ⌊log2 amax⌋ − emax (OCP MX v1.0 §6.3, the default); elements
///   above max finite saturate.
/// - `ceil`: e = ⌈log2 amax⌉ − emax (torchao's CEIL).
/// - `even`: amax first rounded to the element's mantissa bits, ties away
///   from zero (float32 bits + half an element ulp, mantissa dropped), then
///   floor (torchao's EVEN).
/// - `rceil`: e = ⌈log2(amax / max finite)⌉, the smallest X with amax / X ≤
///   max finite: nothing saturates (cuBLAS and NVIDIA's hardware rule, torchao's RCEIL).
public enum MXScaleRule: String, Hashable, Sendable, CaseIterable {
    case floor, ceil, even, rceil
}
