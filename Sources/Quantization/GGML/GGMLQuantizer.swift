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
        float32Arithmetic = options.scaleArithmetic == .float32
        defaultRounding = options.rounding == nil
        let half: Double = type == .q5_0 ? 16 : 8
        negativeReciprocalHalf = Float(-1 / half)
    }

    /// −1/8 (q4_0) or −1/16 (q5_0): d = m · this = m / −half.
    let negativeReciprocalHalf: Float

    /// `--scale-arithmetic float32`, and no `--rounding` given (read per block: kept, not recomputed
    /// from the options).
    let float32Arithmetic: Bool
    let defaultRounding: Bool

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
        try quantize(tensor, requireFinite: false)!
    }

    /// `quantize`, or nil as soon as a block has a non-finite value when `requireFinite` (the caller
    /// then handles them and quantizes the finite tensor): blocks check finiteness on their first pass.
    func quantize(_ tensor: Tensor, requireFinite: Bool) throws(QuantizationError) -> QuantizedTensor? {
        if type.isKQuant {
            if requireFinite && !tensor.values.allSatisfy(\.isFinite) { return nil }
            return try quantizeK(tensor)
        }
        guard tensor.rowLength % 32 == 0 else {
            throw QuantizationError("\(type.rawValue) needs rows of a multiple of 32 elements, as ggml lays blocks out; tensor '\(tensor.name)' has rows of \(tensor.rowLength) (shape \(tensor.shape)). llama.cpp keeps such tensors in float16 or q8_0 of a padded copy; choose a scheme with padded groups (mxfp4, nf4, int4 with --granularity group:32).")
        }
        let blocks = tensor.count / 32
        var scales = [Double](repeating: 0, count: blocks)
        var minimums = [Double](repeating: 0, count: hasMinimum ? blocks : 0)
        var bytes = [UInt8](repeating: 0, count: blocks * type.blockBytes)
        let kernel = elementKernel
        var finite = true
        func fill<C: CodeElement>(_ c: UnsafeMutablePointer<C>) {
            tensor.values.withUnsafeBufferPointer { x in
                bytes.withUnsafeMutableBufferPointer { out in
                    scales.withUnsafeMutableBufferPointer { sc in
                        minimums.withUnsafeMutableBufferPointer { mins in
                            for b in 0..<blocks {
                                let block = UnsafeBufferPointer(rebasing: x[(b * 32)..<(b * 32 + 32)])
                                guard let r = quantizeBlock(block, firstIndex: b * 32, kernel: kernel, requireFinite: requireFinite, codes: c) else {
                                    finite = false
                                    return
                                }
                                sc[b] = r.d16
                                if hasMinimum { mins[b] = r.m16 }
                                write(r, codes: c + b * 32, into: out.baseAddress! + b * type.blockBytes)
                            }
                        }
                    }
                }
            }
        }
        let codes: Codes = type == .q8_0 ? .make(Int8.self, count: tensor.count) { fill($0) }
                                         : .make(UInt8.self, count: tensor.count) { fill($0) }
        if !finite { return nil }
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
        let h = HalfBits.encode(x)        // to nearest even, overflow to ±Inf, as GGML_FP32_TO_FP16
        return (h, HalfBits.decode(h))
    }

    /// The element rounding of exact scale arithmetic: ggml's ⌊x / d + c⌋ (c = 8.5, 16.5 or 0.5), round
    /// half away for q8_0, or a `--rounding` mode plus the offset.
    var elementKernel: IntegerKernel {
        let top = Double(levels - 1)
        switch type {
        case .q8_0:
            return IntegerKernel(mode: options.rounding ?? .nearestAway, offset: 0, floorMode: false, lower: -127, upper: 127, seed: options.seed)
        case .q4_0, .q5_0:
            let half = Double(levels / 2)
            return options.rounding.map {
                IntegerKernel(mode: $0, offset: half, floorMode: false, lower: 0, upper: top, seed: options.seed)
            } ?? IntegerKernel(mode: .down, offset: half + 0.5, floorMode: true, lower: 0, upper: top, seed: options.seed)
        default:
            return options.rounding.map {
                IntegerKernel(mode: $0, offset: 0, floorMode: false, lower: 0, upper: top, seed: options.seed)
            } ?? IntegerKernel(mode: .down, offset: 0.5, floorMode: true, lower: 0, upper: top, seed: options.seed)
        }
    }

    /// One block; `codes` is the whole tensor's code buffer (element i at codes[i]). Nil if
    /// `requireFinite` and the block has a non-finite value.
    @inline(__always)
    func quantizeBlock<C: CodeElement>(_ x: UnsafeBufferPointer<Float>, firstIndex: Int, kernel: IntegerKernel, requireFinite: Bool,
                                       codes: UnsafeMutablePointer<C>) -> Block? {
        var r = Block()
        let float32 = float32Arithmetic
        switch type {
        case .q8_0, .q4_0, .q5_0:
            guard let (d, amax) = symmetricScale(x, requireFinite: requireFinite) else { return nil }
            return symmetricBlock(x, firstIndex: firstIndex, d: d, id: d != 0 ? 1 / d : 0, amax: amax, kernel: kernel, codes: codes)
        case .q4_k, .q6_k:
            preconditionFailure("k-quants go through quantizeK")
        case .q4_1, .q5_1:
            var mn = Float.greatestFiniteMagnitude, mx = -Float.greatestFiniteMagnitude
            var bad = Float(0)
            for v in x { mn = Swift.min(mn, v); mx = Swift.max(mx, v); bad += v - v }
            if requireFinite && bad.isNaN { return nil }
            let top = Double(levels - 1)
            let d: Float = float32 ? (mx - mn) / Float(top)
                : (mx == mn ? 0 : Float(ScaleRounding.quotient(Double(mx) - Double(mn), Dyadic(significand: UInt64(top), exponent: 0), in: .float32)))
            let id: Float = d != 0 ? 1 / d : 0
            if float32 || d == 0 {
                for j in 0..<32 { codes[firstIndex + j] = float32 ? C(truncatingIfNeeded: Int32(Swift.min(Float(top), ((x[j] - mn) * id + 0.5).rounded(.towardZero)))) : 0 }
            } else {
                kernel.run(x.baseAddress! - firstIndex, firstIndex..<(firstIndex + 32), scale: Double(d), minimum: mn, into: codes)
            }
            (r.d16Bits, r.d16) = Self.half(d)
            (r.m16Bits, r.m16) = Self.half(mn)
        }
        return r
    }

    /// A block's d, with its amax: amax / 127 for q8_0; for q4_0 and q5_0 m · (−1/half) = m / −half
    /// (half a power of two: both round the same exact value), m the first element of largest
    /// magnitude with its sign. Nil if `requireFinite` and a value is not finite.
    @inline(__always)
    func symmetricScale(_ x: UnsafeBufferPointer<Float>, requireFinite: Bool) -> (d: Float, amax: Float)? {
        let (amax, finite) = BlockMaximum.magnitudeAndFinite(x.baseAddress!, 0..<x.count, checkFinite: requireFinite)
        if !finite { return nil }
        if type == .q8_0 { return (amax / 127, amax) }
        return (BlockMaximum.firstOfMagnitude(amax, x.baseAddress!, 0..<x.count) * negativeReciprocalHalf, amax)
    }

    /// A q8_0, q4_0 or q5_0 block with its d and id = 1 / d (0 for d = 0) given.
    @inline(__always)
    func symmetricBlock<C: CodeElement>(_ x: UnsafeBufferPointer<Float>, firstIndex: Int, d: Float, id: Float, amax: Float,
                                        kernel: IntegerKernel, codes: UnsafeMutablePointer<C>) -> Block {
        var r = Block()
        let float32 = float32Arithmetic
        // id is also 1 / d rounded once from the exact quotient's float64 rounding: float64 holds
        // 2 · 24 + 2 bits, so rounding twice gives the same float32.
        let inv32 = id
        if type == .q8_0 {
            if d != 0 && !float32 && defaultRounding && inv32.isNormal {
                // kernel.run's nearest path without its dispatch: every |x / d| ≤ 127, so no clamps
                // (round half away: the ties are among the flagged results redone exactly).
                _ = kernel.nearestFloat32(x.baseAddress! - firstIndex, firstIndex..<(firstIndex + 32), inv32, 0, Self.q8Edge,
                                          clamp: nil, sign: 1, scale: Double(d), codes)
            } else if d != 0 && !float32 {
                kernel.run(x.baseAddress! - firstIndex, firstIndex..<(firstIndex + 32), scale: Double(d), bound: amax, into: codes)
            } else {
                for j in 0..<32 { codes[firstIndex + j] = d == 0 ? 0 : C(truncatingIfNeeded: Int32((x[j] * id).rounded(.toNearestOrAwayFromZero))) }
            }
        } else {
            let half = Double(levels / 2)
            if float32 || d == 0 {
                for j in 0..<32 { codes[firstIndex + j] = C(truncatingIfNeeded: Int32(Swift.min(Float(levels - 1), (x[j] * id + Float(half + 0.5)).rounded(.towardZero)))) }
            } else {
                // x / d = (±x) / |d|: the kernel takes a positive scale and a sign.
                let sign: Double = d < 0 ? -1 : 1, s = Double(d.magnitude)
                if defaultRounding && inv32.isNormal {
                    // kernel.run's floor path without its dispatch.
                    let top = Float(levels - 1), c = Float(half + 0.5)
                    _ = kernel.floorFloat32(x.baseAddress! - firstIndex, firstIndex..<(firstIndex + 32), inv32, 0, c,
                                            edge: Float((Double(top) + Double(c) + 2) * 0x1p-18), 0, top,
                                            sign: sign, scale: s, minimum: 0, codes)
                } else {
                    kernel.run(x.baseAddress! - firstIndex, firstIndex..<(firstIndex + 32), scale: s, negated: d < 0, into: codes)
                }
            }
        }
        (r.d16Bits, r.d16) = Self.half(d)
        return r
    }

    /// The nearest path's distance from half-integers beyond which a float32 quotient is sure (kernel.run's
    /// edge for codes within ±127).
    static let q8Edge = Float(0.5 - (127 + 2) * 0x1p-19)

    /// One block in ggml's layout (little-endian float16 fields).
    @inline(__always)
    func write<C: CodeElement>(_ r: Block, codes q: UnsafeMutablePointer<C>, into bytes: UnsafeMutablePointer<UInt8>) {
        var o = 0
        bytes[0] = UInt8(r.d16Bits & 0xFF); bytes[1] = UInt8(r.d16Bits >> 8); o = 2
        if hasMinimum { bytes[2] = UInt8(r.m16Bits & 0xFF); bytes[3] = UInt8(r.m16Bits >> 8); o = 4 }
        switch type {
        case .q8_0:
            if MemoryLayout<C>.stride == 1 {
                UnsafeMutableRawPointer(bytes + o).copyMemory(from: q, byteCount: 32)
            } else {
                for j in 0..<32 { bytes[o + j] = UInt8(truncatingIfNeeded: q[j]) }
            }
        case .q4_0, .q4_1:
            if C.self == UInt8.self {
                let raw = UnsafeRawPointer(q)
                let low = raw.loadUnaligned(as: SIMD16<UInt8>.self), high = raw.loadUnaligned(fromByteOffset: 16, as: SIMD16<UInt8>.self)
                UnsafeMutableRawPointer(bytes + o).storeBytes(of: low | high &<< 4, as: SIMD16<UInt8>.self)
            } else {
                for j in 0..<16 { bytes[o + j] = UInt8(truncatingIfNeeded: q[j]) | UInt8(truncatingIfNeeded: q[j + 16]) << 4 }
            }
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
