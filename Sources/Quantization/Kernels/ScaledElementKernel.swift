import FloatFormats

/// The inner loop of float-element quantization: x / S rounded once into
/// the element format, saturating, through the bulk conversion kernels.
///
/// Each chunk is first scaled into float32: y = float32(float64(x) · (1/S)).
/// y is within 2^-50 · |y| of the exact quotient z, far below half a float32
/// ulp, so no critical point of the element format (a value, a midpoint, a
/// stochastic threshold: numbers of at most f + k + 1 significant bits,
/// f the element's fraction bits and k the random bits) lies strictly
/// between z and y unless y is one; then y is flagged — its low mantissa
/// bits are zero — and that element goes through the core's exact
/// `round(_:dividedBy:)`. With a power-of-two S (MX) y is z exactly,
/// unless it falls below float32's normal range, which is flagged too.
/// The bulk kernel rounds the float32 y; element i takes stochastic random
/// integer i, as the core does.
final class ScaledElementKernel {
    let codec: ElementCodec
    let converter: BulkConverter
    /// Low mantissa bits that are zero in every critical point.
    let criticalMask: UInt32
    /// Whether no element can take the fast path (too many critical bits).
    let allExact: Bool

    init(codec: ElementCodec) {
        self.codec = codec
        converter = BulkConverter(from: .float32, to: codec.format, options: codec.options, seed: codec.noise?.seed ?? 0)
        var bits = codec.format.fractionBits + 1
        if case .stochastic(let k) = codec.options.mode { bits = codec.format.fractionBits + k + 1 }
        allExact = bits >= 23
        criticalMask = allExact ? 0 : (UInt32(1) << UInt32(23 - bits)) - 1
        y = .allocate(capacity: Self.chunk)
        let top = Float(codec.maxFinite)
        saturationBits = top.isFinite ? top.bitPattern : 0x7F80_0000
    }

    /// The float32 bits of the largest finite element (elements saturate:
    /// every y beyond it takes its code, so y is clamped to it before the
    /// bulk conversion, which then has no overflow to redo).
    let saturationBits: UInt32

    deinit { y.deallocate() }

    /// Scratch for one chunk: the scaled float32 values (one kernel serves
    /// one quantization, on one thread).
    private let y: UnsafeMutablePointer<UInt32>

    static let chunk = 2048

    /// Codes for x[range] divided by S (or times 2^-k when `powerOfTwo` is k).
    func run<C: CodeElement & UnsignedInteger>(_ x: UnsafePointer<Float>, _ range: Range<Int>, scale S: Double, powerOfTwo k: Int?,
                             into codes: UnsafeMutablePointer<C>) {
        var start = range.lowerBound
        while start < range.upperBound {
            let n = Swift.min(Self.chunk, range.upperBound - start)
            stage(x, start..<(start + n), scale: S, powerOfTwo: k, at: 0)
            finish(x, start, n, powersOfTwo: k != nil, into: codes) { _ in (S, k) }
            start += n
        }
    }

    /// Codes for the blocks of x[range]: block b (of `blockSize` elements
    /// from range.lowerBound, the last one possibly shorter) divided by
    /// scales[b], or times 2^-exponents[b] when `exponents` is given (MX).
    /// Many small blocks share one bulk conversion per chunk.
    func runBlocks<C: CodeElement & UnsignedInteger>(_ x: UnsafePointer<Float>, _ range: Range<Int>, blockSize: Int,
                                   scales: UnsafePointer<Double>?, exponents: UnsafePointer<Int>?,
                                   into codes: UnsafeMutablePointer<C>) {
        let perChunk = Swift.max(1, Self.chunk / blockSize) * blockSize
        var start = range.lowerBound
        while start < range.upperBound {
            let n = Swift.min(perChunk, range.upperBound - start)
            let firstBlock = (start - range.lowerBound) / blockSize
            var b = 0
            while b * blockSize < n {
                let lo = start + b * blockSize, hi = Swift.min(lo + blockSize, start + n)
                stage(x, lo..<hi, scale: scales?[firstBlock + b] ?? 0, powerOfTwo: exponents.map { $0[firstBlock + b] },
                          at: b * blockSize)
                b += 1
            }
            finish(x, start, n, powersOfTwo: exponents != nil, into: codes) { i in
                let block = (i - range.lowerBound) / blockSize
                return (scales?[block] ?? 0, exponents.map { $0[block] })
            }
            start += n
        }
    }

    /// Writes y[at ..< at + count] = x[range] / S (or · 2^-k) in float32.
    @inline(__always)
    private func stage(_ x: UnsafePointer<Float>, _ range: Range<Int>, scale S: Double, powerOfTwo k: Int?, at: Int) {
        let out = y + at
        let n = range.count
        let src = x + range.lowerBound
        if let k, (-127...149).contains(k) {
            // x · 2^-k in float32 is the quotient rounded once (2^-k is a float32 value).
            // 2^-k from its bits (a normal float32 for k ≤ 126, a subnormal one above): the generic
            // initializer costs more than the block.
            let f = Float(bitPattern: k <= 126 ? UInt32(127 - k) << 23 : UInt32(1) << UInt32(149 - k))
            var j = 0
            let f4 = SIMD4<Float>(repeating: f)
            let top4 = SIMD4<Int32>(repeating: Int32(bitPattern: saturationBits)), magnitude4 = SIMD4<Int32>(repeating: 0x7FFF_FFFF)
            while j + 4 <= n {
                let v = unsafeBitCast(UnsafeRawPointer(src).loadUnaligned(fromByteOffset: 4 * j, as: SIMD4<Float>.self) * f4,
                                      to: SIMD4<Int32>.self)
                // Magnitudes above the largest finite element clamp to it (the same code, saturating): finite
                // float32 magnitudes order as their bits do.
                var a = v & magnitude4
                a.replace(with: top4, where: a .> top4)
                let clamped = (v & ~magnitude4) | a
                UnsafeMutableRawPointer(out).storeBytes(of: unsafeBitCast(clamped, to: SIMD4<UInt32>.self), toByteOffset: 4 * j, as: SIMD4<UInt32>.self)
                j += 4
            }
            while j < n { out[j] = saturated((src[j] * f).bitPattern); j += 1 }
        } else {
            let inv = k.map { Double(sign: .plus, exponent: -$0, significand: 1) } ?? 1 / S
            for j in 0..<n { out[j] = saturated(Float(Double(src[j]) * inv).bitPattern) }
        }
    }

    /// y with its magnitude clamped to the largest finite element.
    @inline(__always)
    private func saturated(_ v: UInt32) -> UInt32 {
        v & 0x7FFF_FFFF > saturationBits ? (v & 0x8000_0000) | saturationBits : v
    }

    /// Converts y[0 ..< count] into codes[start ..< start + count], then
    /// redoes exactly the elements whose float32 y may round otherwise than
    /// the exact quotient (`scale(i)` gives element i's S and k).
    @inline(__always)
    private func finish<C: CodeElement & UnsignedInteger>(_ x: UnsafePointer<Float>, _ start: Int, _ count: Int, powersOfTwo: Bool,
                                        into codes: UnsafeMutablePointer<C>, scale: (Int) -> (Double, Int?)) {
        if allExact {
            for j in 0..<count {
                let (S, k) = scale(start + j)
                codes[start + j] = C(truncatingIfNeeded: exact(x[start + j], S, k, index: start + j))
            }
            return
        }
        converter.convert(UnsafeBufferPointer(start: y, count: count), into: UnsafeMutableBufferPointer(start: codes + start, count: count),
                          startIndex: UInt64(start))
        // Flagged: y subnormal or zero (x ≠ 0), or y with the low bits of a critical point (non-power-of-two scales).
        // With powers of two only the first test applies: (v & 0) == 1 never holds.
        var j = 0
        let exponent4 = SIMD4<UInt32>(repeating: 0x7F80_0000), zero4 = SIMD4<UInt32>(repeating: 0)
        let mask4 = SIMD4<UInt32>(repeating: powersOfTwo ? 0 : criticalMask), target4 = SIMD4<UInt32>(repeating: powersOfTwo ? 1 : 0)
        let magnitude4 = SIMD4<UInt32>(repeating: 0x7FFF_FFFF)
        while j + 4 <= count {
            let v = UnsafeRawPointer(y).loadUnaligned(fromByteOffset: 4 * j, as: SIMD4<UInt32>.self)
            let xb = UnsafeRawPointer(x + start).loadUnaligned(fromByteOffset: 4 * j, as: SIMD4<UInt32>.self)
            let suspect = ((v & exponent4) .== zero4) .| ((v & mask4) .== target4)
            if any(suspect .& ((xb & magnitude4) .!= zero4)) {
                for t in j..<(j + 4) { redo(x, start, t, codes, scale) }
            }
            j += 4
        }
        while j < count { redo(x, start, j, codes, scale); j += 1 }
    }

    @inline(__always)
    private func redo<C: CodeElement & UnsignedInteger>(_ x: UnsafePointer<Float>, _ start: Int, _ j: Int, _ codes: UnsafeMutablePointer<C>,
                                      _ scale: (Int) -> (Double, Int?)) {
        let i = start + j
        let v = y[j]
        guard x[i] != 0 else { return }
        let (S, k) = scale(i)
        let bad = (v & 0x7F80_0000) == 0 || (k == nil && (v & criticalMask) == 0)
        if bad { codes[i] = C(truncatingIfNeeded: exact(x[i], S, k, index: i)) }
    }

    @inline(__always)
    func exact(_ x: Float, _ S: Double, _ k: Int?, index: Int) -> UInt64 {
        if let k { return codec.code(x, timesPowerOfTwo: -k, index: index) }
        return codec.code(x, dividedBy: S, index: index)
    }
}
