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
struct ScaledElementKernel {
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
    }

    static let chunk = 2048

    /// Codes for x[range] divided by S (or times 2^-k when `powerOfTwo` is k).
    func run(_ x: UnsafePointer<Float>, _ range: Range<Int>, scale S: Double, powerOfTwo k: Int?,
             into codes: UnsafeMutablePointer<UInt16>) {
        if allExact {
            for i in range { codes[i] = UInt16(exact(x[i], S, k, index: i)) }
            return
        }
        let inv = k.map { Double(sign: .plus, exponent: -$0, significand: 1) } ?? 1 / S
        var y = [UInt32](repeating: 0, count: Self.chunk)
        var out = [UInt16](repeating: 0, count: Self.chunk)
        var start = range.lowerBound
        y.withUnsafeMutableBufferPointer { yb in
            out.withUnsafeMutableBufferPointer { ob in
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

    @inline(__always)
    func exact(_ x: Float, _ S: Double, _ k: Int?, index: Int) -> UInt64 {
        if let k { return codec.code(x, timesPowerOfTwo: -k, index: index) }
        return codec.code(x, dividedBy: S, index: index)
    }
}
