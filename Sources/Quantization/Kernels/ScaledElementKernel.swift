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
        out = .allocate(capacity: Self.chunk)
    }

    deinit {
        y.deallocate()
        out.deallocate()
    }

    /// Scratch for one chunk: the scaled float32 values and their codes
    /// (one kernel serves one quantization, on one thread).
    private let y: UnsafeMutablePointer<UInt32>
    private let out: UnsafeMutablePointer<UInt16>

    static let chunk = 2048

    /// Codes for x[range] divided by S (or times 2^-k when `powerOfTwo` is k).
    func run(_ x: UnsafePointer<Float>, _ range: Range<Int>, scale S: Double, powerOfTwo k: Int?,
             into codes: UnsafeMutablePointer<UInt16>) {
        if allExact {
            for i in range { codes[i] = UInt16(exact(x[i], S, k, index: i)) }
            return
        }
        let inv = k.map { Double(sign: .plus, exponent: -$0, significand: 1) } ?? 1 / S
        var start = range.lowerBound
        let yb = UnsafeMutableBufferPointer(start: y, count: Self.chunk)
        let ob = UnsafeMutableBufferPointer(start: out, count: Self.chunk)
        do {
            do {
                while start < range.upperBound {
                    let n = Swift.min(Self.chunk, range.upperBound - start)
                    var flagged = false
                    for j in 0..<n {
                        let v = Float(Double(x[start + j]) * inv).bitPattern
                        yb[j] = v
                        let e = v & 0x7F80_0000
                        let zeroX = x[start + j] == 0
                        let bad = k == nil ? (e == 0 || (v & criticalMask) == 0) : e == 0
                        flagged = flagged || (bad && !zeroX)
                    }
                    converter.convert(UnsafeBufferPointer(rebasing: yb[0..<n]), into: UnsafeMutableBufferPointer(rebasing: ob[0..<n]),
                                      startIndex: UInt64(start))
                    if flagged {
                        for j in 0..<n {
                            let v = yb[j]
                            let e = v & 0x7F80_0000
                            let bad = k == nil ? (e == 0 || (v & criticalMask) == 0) : e == 0
                            if bad && x[start + j] != 0 { ob[j] = UInt16(exact(x[start + j], S, k, index: start + j)) }
                        }
                    }
                    for j in 0..<n { codes[start + j] = ob[j] }
                    start += n
                }
            }
        }
    }

    /// A run of elements with one scale: S, or 2^k when `k` is set.
    struct Segment {
        let range: Range<Int>
        let scale: Double
        let k: Int?
    }

    /// Codes for many runs at once: their scaled values share each chunk, so
    /// that one bulk conversion serves many small blocks (MX, NVFP4).
    func run(_ x: UnsafePointer<Float>, segments: [Segment], into codes: UnsafeMutablePointer<UInt16>) {
        if allExact {
            for seg in segments { for i in seg.range { codes[i] = UInt16(exact(x[i], seg.scale, seg.k, index: i)) } }
            return
        }
        var filled = 0
        var pending: [(segment: Int, range: Range<Int>, at: Int)] = []
        pending.reserveCapacity(Self.chunk)
        func flush() {
            guard filled > 0 else { return }
            // Elements of one chunk are consecutive in the tensor only within a piece; convert piece by piece
            // when pieces are not adjacent, else all at once.
            let contiguous = zip(pending, pending.dropFirst()).allSatisfy { $0.range.upperBound == $1.range.lowerBound }
            if contiguous, let first = pending.first {
                converter.convert(UnsafeBufferPointer(start: y, count: filled), into: UnsafeMutableBufferPointer(start: out, count: filled),
                                  startIndex: UInt64(first.range.lowerBound))
            } else {
                for p in pending {
                    converter.convert(UnsafeBufferPointer(start: y + p.at, count: p.range.count),
                                      into: UnsafeMutableBufferPointer(start: out + p.at, count: p.range.count),
                                      startIndex: UInt64(p.range.lowerBound))
                }
            }
            for p in pending {
                let seg = segments[p.segment]
                for (j, i) in p.range.enumerated() {
                    let v = y[p.at + j]
                    let e = v & 0x7F80_0000
                    let bad = seg.k == nil ? (e == 0 || (v & criticalMask) == 0) : e == 0
                    codes[i] = bad && x[i] != 0 ? UInt16(exact(x[i], seg.scale, seg.k, index: i)) : out[p.at + j]
                }
            }
            filled = 0
            pending.removeAll(keepingCapacity: true)
        }
        for (n, seg) in segments.enumerated() {
            let inv = seg.k.map { Double(sign: .plus, exponent: -$0, significand: 1) } ?? 1 / seg.scale
            var start = seg.range.lowerBound
            while start < seg.range.upperBound {
                let m = Swift.min(Self.chunk - filled, seg.range.upperBound - start)
                for j in 0..<m { y[filled + j] = Float(Double(x[start + j]) * inv).bitPattern }
                pending.append((n, start..<(start + m), filled))
                filled += m
                start += m
                if filled == Self.chunk { flush() }
            }
        }
        flush()
    }

    @inline(__always)
    func exact(_ x: Float, _ S: Double, _ k: Int?, index: Int) -> UInt64 {
        if let k { return codec.code(x, timesPowerOfTwo: -k, index: index) }
        return codec.code(x, dividedBy: S, index: index)
    }
}
