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
        [Float](unsafeUninitializedCapacity: count) { o, n in
            reconstruct(into: o)
            n = count
        }
    }

    /// `reconstructed()` written into memory the caller owns (count
    /// elements: every one is written once), for a dequantize kernel that
    /// fills a buffer it reuses.
    public func reconstruct(into output: UnsafeMutableBufferPointer<Float>) {
        precondition(output.count >= count, "the output holds one float per element")
        guard count > 0, let o = output.baseAddress else { return }
        guard let layout = try? GroupLayout(shape: shape, granularity: granularity) else {
            o.initialize(repeating: 0, count: count)
            return
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
        var scaleBits = 0
        for s in scales { scaleBits = Swift.max(scaleBits, significantBits(s)) }
        let exactProducts = tableBits + scaleBits <= 53
        var isInteger = false
        if case .integer = scheme { isInteger = true }
        let body = Reconstruction(tensor: self, layout: layout, table: table, shift: shift, affineBlocks: affineBlocks,
                                  exactProducts: exactProducts, isInteger: isInteger)
        // The groups' runs cover every element: each is written once.
        codes.withCodes(body.into(o))
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
            guard let codes = c.baseAddress else { return }
            let streaming = c.count >= TableLookup.streamingThreshold
            defer { if streaming { TableLookup.finishStreaming() } }
            if r.scaledFloatTable(codes, o, streaming: streaming) { return }
            if MemoryLayout<T>.size == 1, r.scaleCodeTables(codes, o, streaming: streaming) { return }
            r.groupTables(codes, c.count, o, streaming: streaming)
        }
    }

    /// Whether the scheme is an int scheme (kept: reading the scheme copies it).
    let isInteger: Bool

    /// The value of code v (the table's index v + shift) in a group of scale s, zero point or minimum z,
    /// rounded once to float32.
    @inline(__always)
    func value(_ v: Int, scale s: Double, offset z: Double) -> Float {
        if isInteger { return FloatRounding.product(Double(v) - z, s) }
        if affineBlocks { return Float(table[v] * s + z) }
        if exactProducts { return Float(table[v + shift] * s) }
        return FloatRounding.product(table[v + shift], s)
    }

    /// Float32 table values times float32 scales whose products are exact (MX: element values times
    /// 2^e; ggml: small integers times a float16 d): one float32 multiplication rounds the exact product
    /// once, as Float(t · s) does. False if this does not apply.
    func scaledFloatTable<T: CodeElement>(_ codes: UnsafePointer<T>, _ o: UnsafeMutablePointer<Float>, streaming: Bool) -> Bool {
        let floats = table.map { Float($0) }
        guard exactProducts, !isInteger, !affineBlocks,
              zip(floats, table).allSatisfy({ Double($0) == $1 || $1.isNaN }),
              let floatScales = Self.float32(tensor.scales) else { return false }
        floats.withUnsafeBufferPointer { ft in
            let t = ft.baseAddress! + shift
            floatScales.withUnsafeBufferPointer { fs in
                layout.forEachRun { g, run in
                    TableLookup.scaledLookUp(codes + run.lowerBound, t, fs[g], o + run.lowerBound, run.count,
                                             streaming: streaming)
                }
            }
        }
        return true
    }

    /// Blocks whose scales are codes of a small format (NVFP4's E4M3 times the tensor scale): one table
    /// of values per scale code, made once, instead of one per block. A block whose scale differs from
    /// the first block's of its code gets its own. False if this does not apply.
    func scaleCodeTables<T: CodeElement>(_ codes: UnsafePointer<T>, _ o: UnsafeMutablePointer<Float>, streaming: Bool) -> Bool {
        let q = tensor, width = table.count
        guard !isInteger, !affineBlocks, exactProducts, width <= 16, shift == 0, let scaleCodes = q.scaleCodes,
              scaleCodes.count == q.scales.count, scaleCodes.allSatisfy({ $0 < 256 }) else { return false }
        var scaleOf = [Double](repeating: .nan, count: 256)
        for (k, s) in zip(scaleCodes, q.scales) where scaleOf[Int(k)].isNaN { scaleOf[Int(k)] = s }
        var lut = [Float](repeating: 0, count: 256 * width)
        for k in 0..<256 where !scaleOf[k].isNaN {
            for v in 0..<width { lut[k * width + v] = Float(table[v] * scaleOf[k]) }
        }
        var own = [Float](repeating: 0, count: width)
        lut.withUnsafeBufferPointer { l in
            own.withUnsafeMutableBufferPointer { ownTable in
                layout.forEachRun { g, run in
                    let k = Int(scaleCodes[g]), s = q.scales[g]
                    var t = l.baseAddress! + k * width
                    if s.bitPattern != scaleOf[k].bitPattern {
                        for v in 0..<width { ownTable[v] = Float(table[v] * s) }
                        t = UnsafePointer(ownTable.baseAddress!)
                    }
                    TableLookup.lookUp(codes + run.lowerBound, t, o + run.lowerBound, run.count, streaming: streaming)
                }
            }
        }
        return true
    }

    /// Every other case, group by group: one-byte codes in a group with at least as many elements as
    /// codes are looked up in a table of the group's values, made with the same formula (so the same
    /// results); other codes are computed element by element.
    func groupTables<T: CodeElement>(_ codes: UnsafePointer<T>, _ count: Int, _ o: UnsafeMutablePointer<Float>, streaming: Bool) {
        let q = tensor
        let oneByte = MemoryLayout<T>.size == 1
        let bias = T.isSigned ? 128 : 0
        let codeRange = isInteger ? (-bias)..<(256 - bias) : (-shift)..<(table.count - shift)
        let tableFits = oneByte && codeRange.lowerBound >= -bias && codeRange.upperBound <= 256 - bias
        let scaledValues = !isInteger && !affineBlocks && exactProducts
        var lookup = [Float](repeating: 0, count: 256)
        lookup.withUnsafeMutableBufferPointer { lut in
            let lutOrigin = lut.baseAddress! + bias
            layout.forEachRun { g, run in
                let s = q.scales[g]
                let z = isInteger ? (q.offsets.isEmpty ? 0 : q.offsets[g]) : (affineBlocks ? q.offsets[g] : 0)
                if tableFits, codeRange.count <= run.count {
                    if scaledValues {
                        for v in codeRange { lutOrigin[v] = Float(table[v &+ shift] * s) }
                    } else {
                        for v in codeRange { lutOrigin[v] = value(v, scale: s, offset: z) }
                    }
                    TableLookup.lookUp(codes + run.lowerBound, UnsafePointer(lutOrigin), o + run.lowerBound, run.count,
                                       streaming: streaming)
                } else {
                    for i in run { o[i] = value(Int(codes[i]), scale: s, offset: z) }
                }
            }
        }
    }

    /// The scales as float32 values, if every one is one exactly.
    static func float32(_ scales: [Double]) -> [Float]? {
        var exact = true
        let out = [Float](unsafeUninitializedCapacity: scales.count) { o, n in
            for (i, s) in scales.enumerated() {
                let f = Float(s)
                o[i] = f
                if Double(f) != s { exact = false; break }
            }
            n = exact ? scales.count : 0
        }
        return exact ? out : nil
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
