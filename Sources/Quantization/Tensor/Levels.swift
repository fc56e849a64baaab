extension QuantizedTensor {
    /// The group (the index into `scales`) that element `index` belongs to.
    ///
    /// ```swift
    /// var o = QuantizationOptions()
    /// o.granularity = .channel(axis: 0)
    /// let q = try Quantizer(scheme: .integer(bits: 8, signed: true), options: o)
    ///     .quantize(Tensor(name: "w", shape: [2, 2], values: [1, 2, 30, 40]))
    /// q.group(of: 3)          // 1: the second row
    /// q.levels(ofGroup: 1)!.count   // 255: the codes −127…127 times that row's scale
    /// ```
    public func group(of index: Int) -> Int? {
        guard index >= 0, index < count, let layout = try? GroupLayout(shape: shape, granularity: granularity) else { return nil }
        var found: Int?
        layout.forEachRun { g, range in
            if found == nil, range.contains(index) { found = g }
        }
        return found
    }

    /// Every code the scheme can write, in code order; nil for the k-quants.
    public var possibleCodes: ClosedRange<Int32>? {
        if let codeRange { return codeRange }
        switch scheme {
        case .integer: return nil
        case .float(let f): return 0...Int32(f.encodingMask)
        case .mx(let e): return e.format.map { 0...Int32($0.encodingMask) } ?? -127...127
        case .nvfp4, .codebook: return 0...15
        case .ggml(let t):
            switch t {
            case .q8_0: return -127...127
            case .q4_0, .q4_1: return 0...15
            case .q5_0, .q5_1: return 0...31
            case .q4_k, .q6_k: return nil
            }
        }
    }

    /// The quantization grid of one group: every finite value a code the
    /// scheme can write dequantizes to with that group's scale (and zero
    /// point or minimum), sorted, each as the dequantizer rounds it. nil for
    /// the k-quants, whose super-blocks carry sub-block scales that `scales`
    /// does not hold.
    public func levels(ofGroup g: Int) -> [Float]? {
        guard g >= 0, g < scales.count, count > 0, let range = possibleCodes else { return nil }
        let all = Array(range)
        let one = QuantizedTensor(name: name, shape: [all.count], scheme: scheme, codes: Codes(all, width: codes.width),
                                  scales: [scales[g]], offsets: offsets.isEmpty ? [] : [offsets[g]], groupSize: all.count,
                                  storedBits: 0, isPadded: false, clippedIndices: [], ggmlBlocks: nil,
                                  scaleCodes: scaleCodes.map { [$0[g]] }, tensorScale: tensorScale, granularity: .tensor)
        return Array(Set(one.reconstructed().filter(\.isFinite).map { $0 == 0 ? 0 : $0 })).sorted()
    }
}
