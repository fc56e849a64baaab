import FloatFormats

// The catalogue formats narrower than float32, one type each. Every
// requirement is implemented once in `SmallBinaryFloat`; what a type does
// where a protocol requirement has no meaning in its format is said here.

/// Google's bfloat16: float32's exponent, 7 fraction bits; IEEE specials.
@frozen public struct BFloat16: SmallBinaryFloat {
    public let bitPattern: UInt16
    @inlinable public init(bitPattern: UInt16) { self.bitPattern = bitPattern }
    public static let format = FloatFormat.bfloat16
    /// From Float, branch-free (bfloat16 is float32's top half): nearest-even
    /// on the bits, which also rounds subnormals and carries overflow into
    /// ±∞; a NaN keeps its sign and top payload bits and is made quiet, as the
    /// core converts it. A loop of these vectorises.
    @inlinable public init(_ x: Float) {
        let b = x.bitPattern
        let rounded = (b &+ 0x7FFF &+ ((b &>> 16) & 1)) &>> 16
        let quiet = (b &>> 16) | 0x40
        self.init(bitPattern: UInt16(truncatingIfNeeded: b & 0x7FFF_FFFF > 0x7F80_0000 ? quiet : rounded))
    }
    @inlinable public static var narrowing: ScalarNarrowing {
        ScalarNarrowing(exponentBits: 8, fractionBits: 7, bias: 127, subnormals: true, largest: 0x7F7F, signed: true)
    }
    @inlinable public static var layout: ScalarLayout {
        ScalarLayout(signMask: 0x8000, magnitudeMask: 0x7FFF, nanFrom: 0x7F81, infinityMagnitude: 0x7F80, negativeZeroIsNaN: false, hasZero: true,
                     largest: 0x7F7F, leastNormal: 0x80, leastNonzero: 0x1, one: 0x3F80, nan: 0x7FC0, infinity: 0x7F80, zero: 0x0, pi: 0x4049)
    }
}

/// NVIDIA's TensorFloat-32: 19 bits (float32's exponent, 10 fraction bits) in the low bits of a UInt32; IEEE specials.
@frozen public struct TFloat32: SmallBinaryFloat {
    public let bitPattern: UInt32
    @inlinable public init(bitPattern: UInt32) { self.bitPattern = bitPattern & 0x7_FFFF }
    public static let format = FloatFormat.tfloat32
    @inlinable public static var narrowing: ScalarNarrowing {
        ScalarNarrowing(exponentBits: 8, fractionBits: 10, bias: 127, subnormals: true, largest: 0x3FBFF, signed: true)
    }
    @inlinable public static var layout: ScalarLayout {
        ScalarLayout(signMask: 0x40000, magnitudeMask: 0x3FFFF, nanFrom: 0x3FC01, infinityMagnitude: 0x3FC00, negativeZeroIsNaN: false, hasZero: true,
                     largest: 0x3FBFF, leastNormal: 0x400, leastNonzero: 0x1, one: 0x1FC00, nan: 0x3FE00, infinity: 0x3FC00, zero: 0x0, pi: 0x20248)
    }
}

/// OCP E5M2: IEEE-style, with ±∞ and NaNs.
@frozen public struct Float8E5M2: SmallBinaryFloat {
    public let bitPattern: UInt8
    @inlinable public init(bitPattern: UInt8) { self.bitPattern = bitPattern }
    public static let format = FloatFormat.float8_e5m2
    @inlinable public static var narrowing: ScalarNarrowing {
        ScalarNarrowing(exponentBits: 5, fractionBits: 2, bias: 15, subnormals: true, largest: 0x7B, signed: true)
    }
    @inlinable public static var layout: ScalarLayout {
        ScalarLayout(signMask: 0x80, magnitudeMask: 0x7F, nanFrom: 0x7D, infinityMagnitude: 0x7C, negativeZeroIsNaN: false, hasZero: true,
                     largest: 0x7B, leastNormal: 0x4, leastNonzero: 0x1, one: 0x3C, nan: 0x7E, infinity: 0x7C, zero: 0x0, pi: 0x42)
    }
}

/// IEEE-style E4M3 (with ±∞ and NaNs; largest finite 240).
@frozen public struct Float8E4M3: SmallBinaryFloat {
    public let bitPattern: UInt8
    @inlinable public init(bitPattern: UInt8) { self.bitPattern = bitPattern }
    public static let format = FloatFormat.float8_e4m3
    @inlinable public static var narrowing: ScalarNarrowing {
        ScalarNarrowing(exponentBits: 4, fractionBits: 3, bias: 7, subnormals: true, largest: 0x77, signed: true)
    }
    @inlinable public static var layout: ScalarLayout {
        ScalarLayout(signMask: 0x80, magnitudeMask: 0x7F, nanFrom: 0x79, infinityMagnitude: 0x78, negativeZeroIsNaN: false, hasZero: true,
                     largest: 0x77, leastNormal: 0x8, leastNonzero: 0x1, one: 0x38, nan: 0x7C, infinity: 0x78, zero: 0x0, pi: 0x44)
    }
}

/// OCP E4M3 ("fn": finite, one NaN pattern per sign, 0x7F and 0xFF; largest 448).
/// No infinity: `infinity` is NaN (0x7F), as +∞ converts, and every overflow
/// of `init(_:)` and of arithmetic is NaN (ml_dtypes' rule): `Float8E4M3FN(1000.0)`
/// is NaN; `init(saturating:)` gives 448.
@frozen public struct Float8E4M3FN: SmallBinaryFloat {
    public let bitPattern: UInt8
    @inlinable public init(bitPattern: UInt8) { self.bitPattern = bitPattern }
    public static let format = FloatFormat.float8_e4m3fn
    /// From Float, branch-free (a loop of these vectorises): a NaN, or a
    /// magnitude above 464 (the tie between 448 and 480, which goes to 448),
    /// gives NaN with the sign; from 2^-6 up, nearest-even on the bits with the
    /// exponent rebiased; below, the magnitude in units of 2^-9 rounded to the
    /// nearest even integer by float32's own addition of 2^14 (exact: the sum
    /// stays in [2^14, 2^15), whose ulp is 2^-9), which is also the code.
    @inlinable public init(_ x: Float) {
        let b = x.bitPattern
        let a = b & 0x7FFF_FFFF, sign = (b &>> 24) & 0x80
        let normal = ((a &+ 0x7_FFFF &+ ((a &>> 20) & 1)) &>> 20) &- (120 &<< 3)
        let subnormal = (Float(bitPattern: a) + 16384).bitPattern &- 0x4680_0000
        let magnitude = a > 0x43E8_0000 ? 0x7F : (a < 0x3C80_0000 ? subnormal : normal)
        self.init(bitPattern: UInt8(truncatingIfNeeded: magnitude | sign))
    }
    @inlinable public static var narrowing: ScalarNarrowing {
        ScalarNarrowing(exponentBits: 4, fractionBits: 3, bias: 7, subnormals: true, largest: 0x7E, signed: true)
    }
    @inlinable public static var layout: ScalarLayout {
        ScalarLayout(signMask: 0x80, magnitudeMask: 0x7F, nanFrom: 0x7F, infinityMagnitude: 0x80, negativeZeroIsNaN: false, hasZero: true,
                     largest: 0x7E, leastNormal: 0x8, leastNonzero: 0x1, one: 0x38, nan: 0x7F, infinity: 0x7F, zero: 0x0, pi: 0x44)
    }
}

/// E4M3 FNUZ (AMD/Graphcore): bias 8, one NaN at 0x80, no −0, no infinity.
/// `infinity` is NaN (0x80); −0 is +0 (`-Float8E4M3FNUZ(0)` is +0).
@frozen public struct Float8E4M3FNUZ: SmallBinaryFloat {
    public let bitPattern: UInt8
    @inlinable public init(bitPattern: UInt8) { self.bitPattern = bitPattern }
    public static let format = FloatFormat.float8_e4m3fnuz
    @inlinable public static var narrowing: ScalarNarrowing {
        ScalarNarrowing(exponentBits: 4, fractionBits: 3, bias: 8, subnormals: true, largest: 0x7F, signed: true)
    }
    @inlinable public static var layout: ScalarLayout {
        ScalarLayout(signMask: 0x80, magnitudeMask: 0x7F, nanFrom: 0x80, infinityMagnitude: 0x80, negativeZeroIsNaN: true, hasZero: true,
                     largest: 0x7F, leastNormal: 0x8, leastNonzero: 0x1, one: 0x40, nan: 0x80, infinity: 0x80, zero: 0x0, pi: 0x4C)
    }
}

/// E5M2 FNUZ: bias 16, one NaN at 0x80, no −0, no infinity; `infinity` is NaN.
@frozen public struct Float8E5M2FNUZ: SmallBinaryFloat {
    public let bitPattern: UInt8
    @inlinable public init(bitPattern: UInt8) { self.bitPattern = bitPattern }
    public static let format = FloatFormat.float8_e5m2fnuz
    @inlinable public static var narrowing: ScalarNarrowing {
        ScalarNarrowing(exponentBits: 5, fractionBits: 2, bias: 16, subnormals: true, largest: 0x7F, signed: true)
    }
    @inlinable public static var layout: ScalarLayout {
        ScalarLayout(signMask: 0x80, magnitudeMask: 0x7F, nanFrom: 0x80, infinityMagnitude: 0x80, negativeZeroIsNaN: true, hasZero: true,
                     largest: 0x7F, leastNormal: 0x4, leastNonzero: 0x1, one: 0x40, nan: 0x80, infinity: 0x80, zero: 0x0, pi: 0x46)
    }
}

/// E4M3 with bias 11, FNUZ (Graphcore): one NaN at 0x80, no −0, no infinity; `infinity` is NaN.
@frozen public struct Float8E4M3B11FNUZ: SmallBinaryFloat {
    public let bitPattern: UInt8
    @inlinable public init(bitPattern: UInt8) { self.bitPattern = bitPattern }
    public static let format = FloatFormat.float8_e4m3b11fnuz
    @inlinable public static var narrowing: ScalarNarrowing {
        ScalarNarrowing(exponentBits: 4, fractionBits: 3, bias: 11, subnormals: true, largest: 0x7F, signed: true)
    }
    @inlinable public static var layout: ScalarLayout {
        ScalarLayout(signMask: 0x80, magnitudeMask: 0x7F, nanFrom: 0x80, infinityMagnitude: 0x80, negativeZeroIsNaN: true, hasZero: true,
                     largest: 0x7F, leastNormal: 0x8, leastNonzero: 0x1, one: 0x58, nan: 0x80, infinity: 0x80, zero: 0x0, pi: 0x64)
    }
}

/// IEEE-style E3M4 (with ±∞ and NaNs).
@frozen public struct Float8E3M4: SmallBinaryFloat {
    public let bitPattern: UInt8
    @inlinable public init(bitPattern: UInt8) { self.bitPattern = bitPattern }
    public static let format = FloatFormat.float8_e3m4
    @inlinable public static var narrowing: ScalarNarrowing {
        ScalarNarrowing(exponentBits: 3, fractionBits: 4, bias: 3, subnormals: true, largest: 0x6F, signed: true)
    }
    @inlinable public static var layout: ScalarLayout {
        ScalarLayout(signMask: 0x80, magnitudeMask: 0x7F, nanFrom: 0x71, infinityMagnitude: 0x70, negativeZeroIsNaN: false, hasZero: true,
                     largest: 0x6F, leastNormal: 0x10, leastNonzero: 0x1, one: 0x30, nan: 0x78, infinity: 0x70, zero: 0x0, pi: 0x49)
    }
}

/// OCP E8M0, the MX scale: unsigned powers of two 2^−127 … 2^127, NaN at 0xFF;
/// no zero, no sign, no infinity. `zero` (and `Float8E8M0FNU(0.0)`) is NaN,
/// as 0 converts; `infinity` is NaN; −x is NaN; `leastNonzeroMagnitude` is
/// 2^−127, the smallest value.
@frozen public struct Float8E8M0FNU: SmallBinaryFloat {
    public let bitPattern: UInt8
    @inlinable public init(bitPattern: UInt8) { self.bitPattern = bitPattern }
    public static let format = FloatFormat.float8_e8m0fnu
    @inlinable public static var narrowing: ScalarNarrowing {
        ScalarNarrowing(exponentBits: 8, fractionBits: 0, bias: 127, subnormals: false, largest: 0xFE, signed: false)
    }
    @inlinable public static var layout: ScalarLayout {
        ScalarLayout(signMask: 0x0, magnitudeMask: 0xFF, nanFrom: 0xFF, infinityMagnitude: 0x100, negativeZeroIsNaN: false, hasZero: false,
                     largest: 0xFE, leastNormal: 0x0, leastNonzero: 0x0, one: 0x7F, nan: 0xFF, infinity: 0xFF, zero: 0xFF, pi: 0x80)
    }
}

/// OCP FP6 E2M3: finite only, no NaN, no infinity (largest 7.5). `infinity`
/// is 7.5 (+∞ saturates, raising invalid in the core); `nan` is +0, what the
/// format's invalid operations give (0/0, ∞ − ∞ cannot arise; √−1 gives +0).
@frozen public struct Float6E2M3FN: SmallBinaryFloat {
    public let bitPattern: UInt8
    @inlinable public init(bitPattern: UInt8) { self.bitPattern = bitPattern & 0x3F }
    public static let format = FloatFormat.float6_e2m3fn
    @inlinable public static var narrowing: ScalarNarrowing {
        ScalarNarrowing(exponentBits: 2, fractionBits: 3, bias: 1, subnormals: true, largest: 0x1F, signed: true)
    }
    @inlinable public static var layout: ScalarLayout {
        ScalarLayout(signMask: 0x20, magnitudeMask: 0x1F, nanFrom: 0x20, infinityMagnitude: 0x20, negativeZeroIsNaN: false, hasZero: true,
                     largest: 0x1F, leastNormal: 0x8, leastNonzero: 0x1, one: 0x8, nan: 0x0, infinity: 0x1F, zero: 0x0, pi: 0x14)
    }
}

/// OCP FP6 E3M2: finite only (largest 28); `infinity` is 28, `nan` is +0, as for E2M3.
@frozen public struct Float6E3M2FN: SmallBinaryFloat {
    public let bitPattern: UInt8
    @inlinable public init(bitPattern: UInt8) { self.bitPattern = bitPattern & 0x3F }
    public static let format = FloatFormat.float6_e3m2fn
    @inlinable public static var narrowing: ScalarNarrowing {
        ScalarNarrowing(exponentBits: 3, fractionBits: 2, bias: 3, subnormals: true, largest: 0x1F, signed: true)
    }
    @inlinable public static var layout: ScalarLayout {
        ScalarLayout(signMask: 0x20, magnitudeMask: 0x1F, nanFrom: 0x20, infinityMagnitude: 0x20, negativeZeroIsNaN: false, hasZero: true,
                     largest: 0x1F, leastNormal: 0x4, leastNonzero: 0x1, one: 0xC, nan: 0x0, infinity: 0x1F, zero: 0x0, pi: 0x12)
    }
}

/// OCP FP4 E2M1: the 16 values ±{0, 0.5, 1, 1.5, 2, 3, 4, 6}; finite only.
/// `infinity` is 6, `nan` is +0 (what invalid operations give), `isNaN` is always false.
@frozen public struct Float4E2M1FN: SmallBinaryFloat {
    public let bitPattern: UInt8
    @inlinable public init(bitPattern: UInt8) { self.bitPattern = bitPattern & 0x0F }
    public static let format = FloatFormat.float4_e2m1fn
    @inlinable public static var narrowing: ScalarNarrowing {
        ScalarNarrowing(exponentBits: 2, fractionBits: 1, bias: 1, subnormals: true, largest: 0x7, signed: true)
    }
    @inlinable public static var layout: ScalarLayout {
        ScalarLayout(signMask: 0x8, magnitudeMask: 0x7, nanFrom: 0x8, infinityMagnitude: 0x8, negativeZeroIsNaN: false, hasZero: true,
                     largest: 0x7, leastNormal: 0x2, leastNonzero: 0x1, one: 0x2, nan: 0x0, infinity: 0x7, zero: 0x0, pi: 0x5)
    }
}

extension Double {
    /// The exact value of a small float (every one is a float64).
    public init<T: SmallBinaryFloat>(_ x: T) { self = T.format.doubleValue(x.code) }
}

extension Float {
    /// A small float's value (exact for every format of the catalogue narrower than float32).
    public init<T: SmallBinaryFloat>(_ x: T) { self = Float(bitPattern: UInt32(truncatingIfNeeded: x.converted(into: .float32, options: .default).code)) }
}
