/// The constants of the vector kernel from a signed format of up to 16 bits
/// with subnormals (float16, bfloat16, every signed fp8, fp6 and fp4 format)
/// into float32, where every value is exact and no rounding happens.
///
/// Every element is computed the same way, in 32-bit lanes and without a
/// branch, so that the compiler turns the loop into SIMD code:
///
/// - a normal value moves its fields into place: `(a << (23 − M)) + rebias`
///   (bfloat16, with float32's exponent, moves subnormals the same way);
/// - a subnormal value is its fraction times 2^(1 − bias − M): an integer
///   converted to float32 and scaled by a power of two, both exact, so neither
///   the rounding direction nor flush-to-zero modes matter (the product is a
///   normal float32);
/// - infinities and NaNs (and the NaN at −0 of FNUZ formats) mark the block,
///   which the table of the core's results then does again.
///
/// ```swift
/// let c = BulkConverter(from: .float8_e4m3fn, to: .float32)
/// c.kernelName                  // "widening"
/// c.convert([0x38, 0x01, 0xFE])  // [0x3F80_0000, 0x3B00_0000, 0xC3E0_0000]: 1, 2^-9, −448
/// ```
@usableFromInline struct WideningPlan: Sendable {
    @usableFromInline let magnitudeMask: UInt32
    @usableFromInline let signMask: UInt32
    @usableFromInline let signShift: UInt32      // 32 − the source's width
    @usableFromInline let shift: UInt32          // 23 − M
    @usableFromInline let rebias: UInt32         // (127 − bias) << 23, added with wrapping
    @usableFromInline let minNormal: UInt32      // 2^M: the smallest normal magnitude code
    @usableFromInline let subnormalScale: Float  // 2^(1 − bias − M)
    /// Magnitudes above this are infinities or NaNs.
    @usableFromInline let largestFinite: UInt32
    /// A code that is NaN though its magnitude is 0 (FNUZ, P3109), or a value
    /// no source code has.
    @usableFromInline let nanAtNegativeZero: UInt32
    /// Whether the source has float32's exponent range (bfloat16): its
    /// subnormals move into place like normal values.
    @usableFromInline let sharesFloat32Exponents: Bool

    /// Nil when the pair or the options are outside what the kernel handles.
    init?(source: FloatFormat, target: FloatFormat, options: RoundingOptions) {
        let m = source.fractionBits
        // float32's exponent (bfloat16): every value, subnormals included, is
        // the code shifted into place.
        let sameExponent = source.exponentBits == 8 && source.bias == 127
        sharesFloat32Exponents = sameExponent
        guard target == .float32, source.bitWidth <= 16, source.isSigned, source.hasSubnormals,
              m >= 1, m < 23, source.emax <= 127, source.emin - m >= -126 || sameExponent,
              !options.flushSubnormalInputs, !(sameExponent && options.flushSubnormalOutputs) else { return nil }
        magnitudeMask = UInt32(source.magnitudeMask)
        signMask = UInt32(source.signMask)
        signShift = UInt32(32 - source.bitWidth)
        shift = UInt32(23 - m)
        rebias = UInt32(truncatingIfNeeded: (127 - source.bias) << 23)
        minNormal = sameExponent ? 0 : UInt32(1) << UInt32(m)
        subnormalScale = sameExponent ? 0 : Float(bitPattern: UInt32(1 - source.bias - m + 127) << 23)
        largestFinite = UInt32(source.largestFiniteMagnitude)
        nanAtNegativeZero = source.isNaN(source.signMask) ? UInt32(source.signMask) : UInt32.max
    }

    /// Converts one block; returns whether it holds an infinity or a NaN, whose
    /// result here is not to be used.
    @inlinable @inline(never)
    func run<P: SubnormalPath, S: FixedWidthInteger & UnsignedInteger, D: FixedWidthInteger & UnsignedInteger>(
        _ path: P.Type, _ src: UnsafePointer<S>, _ dst: UnsafeMutablePointer<D>, count: Int
    ) -> Bool {
        let magnitudeMask = magnitudeMask, signMask = signMask, signShift = signShift, shift = shift
        let rebias = rebias, minNormal = minNormal, subnormalScale = subnormalScale
        let largestFinite = largestFinite, nanAtNegativeZero = nanAtNegativeZero
        var rare: UInt32 = 0
        for i in 0..<count {
            let u = UInt32(truncatingIfNeeded: src[i])
            let a = u & magnitudeMask
            let normal = (a &<< shift) &+ rebias
            let r: UInt32
            if P.followsNormalFormula {
                r = normal
            } else {
                let subnormal = (Float(Int32(bitPattern: a)) * subnormalScale).bitPattern
                r = a < minNormal ? subnormal : normal
            }
            dst[i] = D(truncatingIfNeeded: r | ((u & signMask) &<< signShift))
            rare |= (largestFinite &- a) | (u == nanAtNegativeZero ? 0x8000_0000 : 0)
        }
        return rare & 0x8000_0000 != 0
    }
}
