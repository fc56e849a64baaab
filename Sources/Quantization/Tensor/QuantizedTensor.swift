/// A quantized tensor: element codes, scales, the dequantized values and
/// exactly how many bits it all takes.
public struct QuantizedTensor: Sendable {
    public let name: String
    public let shape: [Int]
    public let scheme: QuantizationScheme
    /// One code per element: the integer q of int schemes (before the zero
    /// point is subtracted), the encoding of a float element, the ggml q
    /// (0…15 with offset 8 for q4_0), the code-book index; each stored in
    /// the narrowest integer type of the scheme's codes.
    public var codes: Codes
    /// One scale per group, as stored (already rounded into its format).
    public var scales: [Double]
    /// Zero points (int schemes) or block minimums (ggml q4_1, q5_1), per group; empty if none.
    public var offsets: [Double]
    /// Elements per group (a padded group counts whole).
    public let groupSize: Int
    /// The dequantized values, float32: each the exact reconstruction the
    /// scheme defines, rounded once to nearest even (computed from the codes
    /// and scales on each access: hold on to the array).
    public var dequantized: [Float] {
        var out = reconstructed()
        for i in nanIndices { out[i] = .nan }
        return out
    }
    /// Elements that were NaN in the input and stay NaN (`NonfinitePolicy.propagate`).
    public var nanIndices: [Int] = []
    /// Every bit of storage: elements (padding included) and every scale.
    public let storedBits: Int
    /// Whether groups were padded to the stored size.
    public let isPadded: Bool
    /// Elements whose input lay outside the representable range and was clipped.
    public var clippedIndices: [Int]

    /// Per element: whether x lay inside the representable range (the
    /// straight-through estimator passes the gradient only there).
    public var inRange: [Bool] {
        var out = [Bool](repeating: true, count: count)
        for i in clippedIndices { out[i] = false }
        return out
    }
    /// ggml blocks byte for byte as ggml-common.h lays them out (ggml schemes only).
    public var ggmlBlocks: [UInt8]?
    /// The encodings of the block scales where they are in a small format:
    /// E8M0 codes (MX), E4M3 codes (NVFP4).
    public var scaleCodes: [UInt64]? = nil
    /// NVFP4's float32 tensor scale s2 (`scales` holds sq · s2 per block).
    public var tensorScale: Double? = nil
    /// Which elements share each scale (blocks are groups along the last axis).
    public var granularity: Granularity = .tensor
    /// The codes the quantizer can write where options decide it (integers:
    /// narrow or full range; MXINT8: with or without −128); nil: every code of
    /// the scheme's element table.
    public var codeRange: ClosedRange<Int32>? = nil

    public var count: Int { codes.count }

    /// storedBits / count.
    public var bitsPerElement: Double { count == 0 ? 0 : Double(storedBits) / Double(count) }

    /// Storage in bytes, rounded up.
    public var storedBytes: Int { (storedBits + 7) / 8 }

    /// The dequantized values as a tensor.
    public func dequantize() -> Tensor { Tensor(name: name, shape: shape, values: dequantized) }

    /// The straight-through estimator: the upstream gradient where the input
    /// was in range, zero where it was clipped (PyTorch's FakeQuantize backward).
    ///
    /// ```swift
    /// let q = try Quantizer(scheme: .integer(bits: 8, signed: true)).quantize(Tensor([1, -2, 4]))
    /// q.straightThrough([1, 1, 1])   // [1, 1, 1]: nothing was clipped
    /// ```
    public func straightThrough(_ upstream: [Float]) -> [Float] {
        precondition(upstream.count == count, "one gradient per element")
        var out = upstream
        for i in clippedIndices { out[i] = 0 }
        return out
    }
}
