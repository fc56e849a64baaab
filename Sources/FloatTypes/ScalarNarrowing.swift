import FloatFormats

/// The straight-line conversion of one `Float` or `Double` into a small
/// format, to nearest even: the constants of the format's layout, computed
/// once per type (each type holds one as a static constant), and a few
/// integer operations on the source's bits per call. Only normal results
/// below the largest finite value take it; zeros, subnormal results,
/// overflow, infinities, NaNs and negative values of an unsigned format go
/// to the core, so the result is the core's in every case (the tests check
/// every float16-representable input, random float32 and float64 bits, and
/// every boundary).
@frozen public struct ScalarNarrowing: Sendable, Equatable {
    @usableFromInline let shift32: UInt32, rebias32: UInt32, normalMin32: UInt32, normalMax32: UInt32
    @usableFromInline let shift64: UInt64, rebias64: UInt64, normalMin64: UInt64, normalMax64: UInt64
    @usableFromInline let largest: UInt64, signed: Bool, signMask: UInt64, usable32: Bool
    /// 1 without fraction bits (E8M0): the significand's only bit, the implicit one, is odd, so a tie goes up.
    @usableFromInline let oddSignificand: UInt64
    /// 2^(M − emin): a subnormal result's code is the source times this, rounded to an integer (0 without subnormals).
    @usableFromInline let subnormalScale: Double

    /// The constants from the layout, written as literals by each type so that
    /// they fold into the code: the field widths, the bias, whether there are
    /// subnormals, the largest finite magnitude's code, whether there is a sign.
    @inlinable
    public init(exponentBits e: Int, fractionBits m: Int, bias: Int, subnormals: Bool, largest: UInt64, signed: Bool) {
        let emin = subnormals ? 1 - bias : -bias
        let emax = Int(largest >> UInt64(m)) - bias
        // Sources whose rounded magnitude is a normal of the format: from 2^emin up to (not including) 2^(emax+1).
        shift32 = UInt32(max(0, 23 - m))
        rebias32 = UInt32(truncatingIfNeeded: (127 - bias) << m)
        normalMin32 = UInt32(clamping: max(1, 127 + emin)) << 23
        normalMax32 = UInt32(clamping: min(254, 127 + emax)) << 23 | 0x7F_FFFF
        shift64 = UInt64(52 - m)
        rebias64 = UInt64(truncatingIfNeeded: (1023 - bias) << m)
        normalMin64 = UInt64(max(1, 1023 + emin)) << 52
        normalMax64 = UInt64(min(2046, 1023 + emax)) << 52 | 0xF_FFFF_FFFF_FFFF
        self.largest = largest
        self.signed = signed
        signMask = signed ? UInt64(1) << UInt64(e + m) : 0
        usable32 = m < 23
        oddSignificand = m == 0 ? 1 : 0
        subnormalScale = subnormals ? Double(sign: .plus, exponent: m - emin, significand: 1) : 0
    }

    /// The code of x rounded to nearest even, or nil where the core must decide.
    @inlinable @inline(__always) func code(_ x: Float) -> UInt64? {
        let bits = x.bitPattern, magnitude = bits & 0x7FFF_FFFF
        guard usable32, magnitude <= normalMax32, signed || bits >> 31 == 0 else { return nil }
        if magnitude < normalMin32 { return subnormal(Double(Float(bitPattern: magnitude)), negative: bits >> 31 != 0) }
        let rounded = (magnitude &+ ((UInt32(1) &<< shift32) &>> 1) &- 1 &+ (((magnitude &>> shift32) | UInt32(truncatingIfNeeded: oddSignificand)) & 1)) &>> shift32
        let m = UInt64(rounded &- rebias32)
        guard m <= largest, m >> 63 == 0 else { return nil }
        return bits >> 31 == 0 ? m : m | signMask
    }

    @inlinable @inline(__always) func code(_ x: Double) -> UInt64? {
        let bits = x.bitPattern, magnitude = bits & 0x7FFF_FFFF_FFFF_FFFF
        guard magnitude <= normalMax64, signed || bits >> 63 == 0 else { return nil }
        if magnitude < normalMin64 { return subnormal(Double(bitPattern: magnitude), negative: bits >> 63 != 0) }
        let rounded = (magnitude &+ ((UInt64(1) &<< shift64) &>> 1) &- 1 &+ (((magnitude &>> shift64) | oddSignificand) & 1)) &>> shift64
        let m = rounded &- rebias64
        guard m <= largest else { return nil }
        return bits >> 63 == 0 ? m : m | signMask
    }

    /// A magnitude below the smallest normal: its code is the magnitude in units of the smallest subnormal,
    /// rounded to the nearest even integer (adding and subtracting 2^52 rounds a float64 below 2^52 so);
    /// 2^M, the smallest normal's code, when it rounds up into the normals. Zero results go to the core
    /// (their sign depends on the format).
    @inlinable @inline(__always) func subnormal(_ magnitude: Double, negative: Bool) -> UInt64? {
        let units = magnitude * subnormalScale   // exact: a power of two, and below 2^(M+1)
        let q = UInt64((units + 0x1p52) - 0x1p52)
        guard q != 0 else { return nil }
        return negative ? q | signMask : q
    }
}
