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
        guard count > 0, let layout = try? GroupLayout(shape: shape, granularity: granularity) else {
            return [Float](repeating: 0, count: count)
        }
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
        // The groups' runs cover every element: each is written once.
        return [Float](unsafeUninitializedCapacity: count) { o, n in
            codes.withCodes(body.into(o.baseAddress!))
            n = count
        }
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
            let isInteger: Bool
            if case .integer = q.scheme { isInteger = true } else { isInteger = false }
            // One-byte codes: a group with at least as many elements as codes is looked up in a table of
            // its values, made with the same formula (so the same results), instead of computed element by element.
            let oneByte = MemoryLayout<T>.size == 1
            let bias = T.isSigned ? 128 : 0
            let codeRange = isInteger ? (-bias)..<(256 - bias) : (-shift)..<(r.table.count - shift)
            var lookup = [Float](repeating: 0, count: oneByte ? 256 : 0)
            // Exact products of float32 values (MX: element values times 2^e): one float32 multiplication
            // rounds the exact product once, as Float(t · s) does.
            let floats = r.table.map { Float($0) }
            let floatTable = r.exactProducts && !isInteger && !r.affineBlocks
                && zip(floats, r.table).allSatisfy { Double($0) == $1 || $1.isNaN } ? floats : nil
            let ftArray = floatTable ?? []
            ftArray.withUnsafeBufferPointer { ft in
            r.table.withUnsafeBufferPointer { t in
                lookup.withUnsafeMutableBufferPointer { lut in
                    r.layout.forEachRun { g, run in
                        let s = q.scales[g]
                        let z = isInteger && !q.offsets.isEmpty ? q.offsets[g] : 0
                        let m = r.affineBlocks ? q.offsets[g] : 0
                        @inline(__always) func value(_ v: Int) -> Float {
                            if isInteger { return FloatRounding.product(Double(v) - z, s) }
                            if r.affineBlocks { return Float(t[v] * s + m) }
                            if r.exactProducts { return Float(t[v + shift] * s) }
                            return FloatRounding.product(t[v + shift], s)
                        }
                        if floatTable != nil, let sf = Float(exactly: s) {
                            for i in run { o[i] = ft[Int(c[i]) + shift] * sf }
                        } else if oneByte && codeRange.count <= run.count && codeRange.lowerBound >= -bias && codeRange.upperBound <= 256 - bias {
                            for v in codeRange { lut[v + bias] = value(v) }
                            for i in run { o[i] = lut[Int(c[i]) + bias] }
                        } else {
                            for i in run { o[i] = value(Int(c[i])) }
                        }
                    }
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
