extension QuantizedTensor {
    /// The group (the index into `scales`) that element `index` belongs to.
    ///
    /// ```swift
    /// let q = try Quantizer(scheme: .integer(bits: 8, signed: true), options: QuantizationOptions(granularity: .channel(axis: 0)))
    ///     .quantize(Tensor(name: "w", shape: [2, 2], values: [1, 2, 30, 40]))
    /// q.group(of: 3)   // 1: the second row
    /// ```
    public func group(of index: Int) -> Int? {
        guard index >= 0, index < count, let layout = try? GroupLayout(shape: shape, granularity: granularity) else { return nil }
        var found: Int?
        layout.forEachRun { g, range in
            if found == nil, range.contains(index) { found = g }
        }
        return found
    }

    /// The quantization grid of one group: every finite value a code between
    /// the smallest and the largest code this tensor uses dequantizes to with
    /// that group's scale (and zero point or minimum), sorted, each as the
    /// dequantizer rounds it. nil for the k-quants, whose super-blocks carry
    /// sub-block scales that `scales` does not hold.
    public func levels(ofGroup g: Int) -> [Float]? {
        if case .ggml(let t) = scheme, t.isKQuant { return nil }
        guard g >= 0, g < scales.count, count > 0 else { return nil }
        var lo = Int32.max, hi = Int32.min
        for c in codes { lo = Swift.min(lo, c); hi = Swift.max(hi, c) }
        let all = Array(lo...hi)
        let one = QuantizedTensor(name: name, shape: [all.count], scheme: scheme, codes: Codes(all, width: codes.width),
                                  scales: [scales[g]], offsets: offsets.isEmpty ? [] : [offsets[g]], groupSize: all.count,
                                  storedBits: 0, isPadded: false, clippedIndices: [], ggmlBlocks: nil,
                                  scaleCodes: scaleCodes.map { [$0[g]] }, tensorScale: tensorScale, granularity: .tensor)
        return Array(Set(one.reconstructed().filter(\.isFinite).map { $0 == 0 ? 0 : $0 })).sorted()
    }
}
