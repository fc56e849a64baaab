import FloatFormats

/// ggml's block quantizers (ggml-quants.c, `quantize_row_*_ref`), blocks of 32
/// along each row, scales stored as float16.
///
/// | type | d | q | x' |
/// |------|---|---|----|
/// | q8_0 | amax / 127 | round(x / d), ties away | q · d16 |
/// | q4_0 | m / −8, m the element of largest magnitude | min(15, ⌊x / d + 8.5⌋) | (q − 8) · d16 |
/// | q4_1 | (max − min) / 15 | min(15, ⌊(x − min) / d + 0.5⌋) | q · d16 + min16 |
/// | q5_0 | m / −16 | min(31, ⌊x / d + 16.5⌋) | (q − 16) · d16 |
/// | q5_1 | (max − min) / 31 | min(31, ⌊(x − min) / d + 0.5⌋) | q · d16 + min16 |
///
/// d is a float32 quotient, and q uses it; only the stored copy d16 (and
/// min16) is float16, as in ggml. Exact scale arithmetic rounds d once and
/// takes q from the exact x / d; float32 computes x · (1/d) + c in float32
/// and truncates, as ggml's reference code does. A `--rounding` mode
/// replaces ⌊· + ½⌋ by that mode. Rows must be whole blocks.
struct GGMLQuantizer {
    let type: GGMLType
    let options: QuantizationOptions

    init(type: GGMLType, options: QuantizationOptions) throws(QuantizationError) {
        self.type = type
        self.options = options
    }

    /// Element levels: 8-bit signed for q8_0, else 16, 32 or 64 codes.
    var levels: Int {
        switch type {
        case .q8_0: return 256
        case .q4_0, .q4_1, .q4_k: return 16
        case .q5_0, .q5_1: return 32
        case .q6_k: return 64
        }
    }

    var hasMinimum: Bool { type == .q4_1 || type == .q5_1 }

    func quantize(_ tensor: Tensor) throws(QuantizationError) -> QuantizedTensor {
        if type.isKQuant { return try quantizeK(tensor) }
        guard tensor.rowLength % 32 == 0 else {
            throw QuantizationError("\(type.rawValue) needs rows of a multiple of 32 elements, as ggml lays blocks out; tensor '\(tensor.name)' has rows of \(tensor.rowLength) (shape \(tensor.shape)). llama.cpp keeps such tensors in float16 or q8_0 of a padded copy; choose a scheme with padded groups (mxfp4, nf4, int4 with --granularity group:32).")
        }
        let blocks = tensor.count / 32
        var scales = [Double](repeating: 0, count: blocks)
        var minimums = [Double](repeating: 0, count: hasMinimum ? blocks : 0)
        var bytes = [UInt8](repeating: 0, count: blocks * type.blockBytes)
        func fill<C: CodeElement>(_ c: UnsafeMutablePointer<C>) {
            tensor.values.withUnsafeBufferPointer { x in
                bytes.withUnsafeMutableBufferPointer { out in
                    scales.withUnsafeMutableBufferPointer { sc in
                        for b in 0..<blocks {
                            let block = UnsafeBufferPointer(rebasing: x[(b * 32)..<(b * 32 + 32)])
                            let r = quantizeBlock(block, firstIndex: b * 32, codes: c)
                            sc[b] = r.d16
                            if hasMinimum { minimums[b] = r.m16 }
                            write(r, codes: c + b * 32, into: out.baseAddress! + b * type.blockBytes)
                        }
                    }
                }
            }
        }
        let codes: Codes = type == .q8_0 ? .make(Int8.self, count: tensor.count) { fill($0) }
                                         : .make(UInt8.self, count: tensor.count) { fill($0) }
        var q = QuantizedTensor(
            name: tensor.name, shape: tensor.shape, scheme: .ggml(type), codes: codes, scales: scales, offsets: minimums,
            groupSize: 32, storedBits: blocks * type.blockBytes * 8,
            isPadded: false, clippedIndices: [], ggmlBlocks: bytes)
        q.granularity = .group(size: 32)
        return q
    }

    /// q4_k and q6_k, super-block by super-block.
    func quantizeK(_ tensor: Tensor) throws(QuantizationError) -> QuantizedTensor {
        guard tensor.rowLength % 256 == 0 else {
            throw QuantizationError("\(type.rawValue) needs rows of a multiple of 256 elements; tensor '\(tensor.name)' has rows of \(tensor.rowLength) (shape \(tensor.shape)).")
        }
        let blocks = tensor.count / 256
        let groupsPerBlock = 256 / type.scaleGroup
        var scales = [Double](repeating: 0, count: blocks * groupsPerBlock)
        var offsets = [Double](repeating: 0, count: type == .q4_k ? blocks * groupsPerBlock : 0)
        var bytes = [UInt8](repeating: 0, count: blocks * type.blockBytes)
        let codes = Codes.make(UInt8.self, count: tensor.count) { c in
            for b in 0..<blocks {
                let x = tensor.values[(b * 256)..<(b * 256 + 256)]
                if type == .q4_k {
                    KQuants.q4K(x, codes: c + b * 256, scales: &scales, offsets: &offsets, group: b * groupsPerBlock,
                                bytes: &bytes, byteAt: b * type.blockBytes)
                } else {
                    KQuants.q6K(x, codes: c + b * 256, scales: &scales, group: b * groupsPerBlock,
                                bytes: &bytes, byteAt: b * type.blockBytes)
                }
            }
        }
        var q = QuantizedTensor(
            name: tensor.name, shape: tensor.shape, scheme: .ggml(type), codes: codes, scales: scales, offsets: offsets,
            groupSize: type.scaleGroup, storedBits: blocks * type.blockBytes * 8,
            isPadded: false, clippedIndices: [], ggmlBlocks: bytes)
        q.granularity = .group(size: type.scaleGroup)
        return q
    }

    struct Block {
        var d16 = 0.0, m16 = 0.0
        var d16Bits: UInt16 = 0, m16Bits: UInt16 = 0
    }

    /// float16 of a float32 to nearest even, overflow to ±Inf (GGML_FP32_TO_FP16).
    @inline(__always)
    static func half(_ x: Float) -> (bits: UInt16, value: Double) {
        let h = Float16(x)        // to nearest even, overflow to ±Inf, as GGML_FP32_TO_FP16
        return (h.bitPattern, Double(h))
    }

    /// One block; `codes` is the whole tensor's code buffer (element i at codes[i]).
    func quantizeBlock<C: CodeElement>(_ x: UnsafeBufferPointer<Float>, firstIndex: Int, codes: UnsafeMutablePointer<C>) -> Block {
        var r = Block()
        let float32 = options.scaleArithmetic == .float32
        switch type {
        case .q8_0:
            let amax = BlockMaximum.magnitude(x.baseAddress!, 0..<x.count)
            let d = amax / 127
            let id: Float = d != 0 ? 1 / d : 0
            if d != 0 && !float32 {
                IntegerKernel(mode: options.rounding ?? .nearestAway, offset: 0, floorMode: false, lower: -127, upper: 127, seed: options.seed)
                    .run(x.baseAddress! - firstIndex, firstIndex..<(firstIndex + 32), scale: Double(d), bound: amax, into: codes)
            } else {
                for j in 0..<32 { codes[firstIndex + j] = d == 0 ? 0 : C(truncatingIfNeeded: Int32((x[j] * id).rounded(.toNearestOrAwayFromZero))) }
            }
            (r.d16Bits, r.d16) = Self.half(d)
        case .q4_0, .q5_0:
            let half = Double(levels / 2)
            // m: the first element of largest magnitude, with its sign.
            let amax = BlockMaximum.magnitude(x.baseAddress!, 0..<x.count)
            var m: Float = 0
            for v in x where v.magnitude == amax { m = v; break }
            let d = m / Float(-half)
            let id: Float = d != 0 ? 1 / d : 0
            if float32 || d == 0 {
                for j in 0..<32 { codes[firstIndex + j] = C(truncatingIfNeeded: Int32(Swift.min(Float(levels - 1), (x[j] * id + Float(half + 0.5)).rounded(.towardZero)))) }
            } else {
                // x / d = (±x) / |d|: the kernel takes a positive scale and a sign.
                let kernel = options.rounding.map {
                    IntegerKernel(mode: $0, offset: half, floorMode: false, lower: 0, upper: Double(levels - 1), seed: options.seed)
                } ?? IntegerKernel(mode: .down, offset: half + 0.5, floorMode: true, lower: 0, upper: Double(levels - 1), seed: options.seed)
                kernel.run(x.baseAddress! - firstIndex, firstIndex..<(firstIndex + 32), scale: Double(d.magnitude), negated: d < 0, into: codes)
            }
            (r.d16Bits, r.d16) = Self.half(d)
        case .q4_k, .q6_k:
            preconditionFailure("k-quants go through quantizeK")
        case .q4_1, .q5_1:
            var mn = Float.greatestFiniteMagnitude, mx = -Float.greatestFiniteMagnitude
            for v in x { mn = Swift.min(mn, v); mx = Swift.max(mx, v) }
            let top = Double(levels - 1)
            let d: Float = float32 ? (mx - mn) / Float(top)
                : (mx == mn ? 0 : Float(ScaleRounding.quotient(Double(mx) - Double(mn), Dyadic(significand: UInt64(top), exponent: 0), in: .float32)))
            let id: Float = d != 0 ? 1 / d : 0
            if float32 || d == 0 {
                for j in 0..<32 { codes[firstIndex + j] = float32 ? C(truncatingIfNeeded: Int32(Swift.min(Float(top), ((x[j] - mn) * id + 0.5).rounded(.towardZero)))) : 0 }
            } else {
                let kernel = options.rounding.map {
                    IntegerKernel(mode: $0, offset: 0, floorMode: false, lower: 0, upper: top, seed: options.seed)
                } ?? IntegerKernel(mode: .down, offset: 0.5, floorMode: true, lower: 0, upper: top, seed: options.seed)
                kernel.run(x.baseAddress! - firstIndex, firstIndex..<(firstIndex + 32), scale: Double(d), minimum: mn, into: codes)
            }
            (r.d16Bits, r.d16) = Self.half(d)
            (r.m16Bits, r.m16) = Self.half(mn)
        }
        return r
    }

    /// One block in ggml's layout (little-endian float16 fields).
    @inline(__always)
    func write<C: CodeElement>(_ r: Block, codes q: UnsafeMutablePointer<C>, into bytes: UnsafeMutablePointer<UInt8>) {
        var o = 0
        bytes[0] = UInt8(r.d16Bits & 0xFF); bytes[1] = UInt8(r.d16Bits >> 8); o = 2
        if hasMinimum { bytes[2] = UInt8(r.m16Bits & 0xFF); bytes[3] = UInt8(r.m16Bits >> 8); o = 4 }
        switch type {
        case .q8_0:
            for j in 0..<32 { bytes[o + j] = UInt8(truncatingIfNeeded: q[j]) }
        case .q4_0, .q4_1:
            for j in 0..<16 { bytes[o + j] = UInt8(truncatingIfNeeded: q[j]) | UInt8(truncatingIfNeeded: q[j + 16]) << 4 }
        case .q5_0, .q5_1:
            var qh: UInt32 = 0
            for j in 0..<16 {
                qh |= (UInt32(truncatingIfNeeded: q[j]) >> 4 & 1) << UInt32(j)
                qh |= (UInt32(truncatingIfNeeded: q[j + 16]) >> 4 & 1) << UInt32(j + 16)
            }
            for k in 0..<4 { bytes[o + k] = UInt8(truncatingIfNeeded: qh >> UInt32(8 * k)) }
            o += 4
            for j in 0..<16 { bytes[o + j] = UInt8(truncatingIfNeeded: q[j] & 0xF) | UInt8(truncatingIfNeeded: q[j + 16] & 0xF) << 4 }
        case .q4_k, .q6_k:
            preconditionFailure("k-quants write their own blocks")
        }
    }
}
