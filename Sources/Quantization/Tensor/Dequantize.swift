import FloatFormats

extension QuantizedTensor {
    /// The values rebuilt from codes, scales and offsets alone — what a
    /// dequantize kernel computes from stored codes; equal to `dequantized`.
    ///
    /// | scheme | x' |
    /// |---|---|
    /// | int | (q − z) · s |
    /// | float elements, MX, NVFP4 | value(q) · s (MXINT8: q · s / 64) |
    /// | q8_0 / q4_0 / q5_0 | (q − 0 / 8 / 16) · d16 |
    /// | q4_1 / q5_1 | q · d16 + min16 |
    /// | nf4, fp4_bnb | code(q) · absmax |
    ///
    /// each rounded once to float32.
    public func reconstructed() -> [Float] {
        var out = [Float](repeating: 0, count: count)
        guard count > 0, let layout = try? GroupLayout(shape: shape, granularity: granularity) else { return out }
        // Base values by code (shifted so that the smallest code is index 0).
        let table: [Double]
        var shift = 0
        switch scheme {
        case .float(let f): table = ElementCodec.valueTable(f)
        case .mx(let e):
            if let f = e.format { table = ElementCodec.valueTable(f) } else { table = (-128...127).map { Double($0) / 64 }; shift = 128 }
        case .nvfp4: table = ElementCodec.valueTable(.float4_e2m1fn)
        case .codebook(let c): table = (0..<16).map { Double(CodebookQuantizer.value(of: Int32($0), in: c)) }
        case .integer: table = []
        case .ggml(let g):
            switch g {
            case .q8_0: table = (-128...127).map(Double.init); shift = 128
            case .q4_0: table = (0..<16).map { Double($0 - 8) }
            case .q5_0: table = (0..<32).map { Double($0 - 16) }
            case .q4_1, .q5_1, .q4_k: table = (0..<32).map(Double.init)
            case .q6_k: table = (0..<64).map { Double($0 - 32) }
            }
        }
        let affineBlocks = scheme == .ggml(.q4_1) || scheme == .ggml(.q5_1) || scheme == .ggml(.q4_k)
        // When every value · scale is exact in float64 (few significant bits on both sides: every element
        // format with a float32, E8M0 or E4M3·float32 scale), one conversion to float32 is the one rounding.
        func significantBits(_ d: Double) -> Int {
            d == 0 || !d.isFinite ? 0 : 53 - d.significandBitPattern.trailingZeroBitCount.clamped(to: 0...52)
        }
        let tableBits = table.map(significantBits).max() ?? 53
        let scaleBits = scales.map(significantBits).max() ?? 0
        let exactProducts = tableBits + scaleBits <= 53
        let body = Reconstruction(tensor: self, layout: layout, table: table, shift: shift, affineBlocks: affineBlocks,
                                  exactProducts: exactProducts)
        out.withUnsafeMutableBufferPointer { o in codes.withCodes(body.into(o.baseAddress!)) }
        return out
    }
}

/// The reconstruction loop, once per code type.
private struct Reconstruction {
    let tensor: QuantizedTensor
    let layout: GroupLayout
    let table: [Double]
    let shift: Int
    let affineBlocks: Bool
    let exactProducts: Bool

    struct Into: CodeReader {
        let r: Reconstruction
        let o: UnsafeMutablePointer<Float>
        func read<T: CodeElement>(_ c: UnsafeBufferPointer<T>) {
            let q = r.tensor, shift = r.shift
            r.table.withUnsafeBufferPointer { t in
                r.layout.forEachRun { g, run in
                    let s = q.scales[g]
                    if case .integer = q.scheme {
                        let z = q.offsets.isEmpty ? 0 : q.offsets[g]
                        for i in run { o[i] = FloatRounding.product(Double(c[i]) - z, s) }
                    } else if r.affineBlocks {
                        let m = q.offsets[g]
                        for i in run { o[i] = Float(t[Int(c[i])] * s + m) }
                    } else if r.exactProducts {
                        for i in run { o[i] = Float(t[Int(c[i]) + shift] * s) }
                    } else {
                        for i in run { o[i] = FloatRounding.product(t[Int(c[i]) + shift], s) }
                    }
                }
            }
        }
    }

    func into(_ o: UnsafeMutablePointer<Float>) -> Into { Into(r: self, o: o) }
}

extension Int {
    fileprivate func clamped(to r: ClosedRange<Int>) -> Int { Swift.min(Swift.max(self, r.lowerBound), r.upperBound) }
}

extension ElementCodec {
    /// The value of every code of a format (NaN for NaNs).
    static func valueTable(_ format: FloatFormat) -> [Double] {
        (0..<(UInt64(1) << UInt64(format.bitWidth))).map { code in
            let d = format.decodeUnchecked(code)
            if let v = d.value { return v.doubleValue }
            return d.floatClass == .infinity ? (d.isNegative ? -.infinity : .infinity) : .nan
        }
    }
}
