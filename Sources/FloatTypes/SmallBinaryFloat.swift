import FloatFormats

/// What every small float type shares: a format, an unsigned storage type
/// holding the encoding in its low bits, and with them the whole of
/// `BinaryFloatingPoint` implemented once on the soft-float core, correctly
/// rounded and bit for bit what `floatlab arith` and `floatlab convert` give
/// (nearest-even, the IEEE overflow policy).
///
/// Requirements that have no meaning in a format do what the format's
/// conversion does with the corresponding float64 value, and each type's
/// documentation says so: `infinity` is what +∞ converts to (NaN in e4m3fn
/// and the FNUZ formats, the largest value in fp6 and fp4), `nan` is what a
/// NaN converts to (+0 in fp6 and fp4, which have no NaN: the result of
/// their invalid operations), `zero` is what 0 converts to (NaN in E8M0,
/// which has no zero), and −x of an unsigned format (E8M0) is NaN.
///
/// ```swift
/// let x = Float8E4M3FN(0.3)          // 0.3125, the nearest e4m3fn value
/// x.bitPattern                       // 42: 0x2A
/// (x * 3).description                // "0.94": 0.9375, written as the shortest decimal that rounds back
/// Float8E4M3FN(1000.0).isNaN         // true: overflow is NaN, as in ml_dtypes
/// ```
public protocol SmallBinaryFloat: BinaryFloatingPoint, Codable, Sendable, LosslessStringConvertible, CustomDebugStringConvertible
where Exponent == Int, RawSignificand == UInt64, RawExponent == UInt, Magnitude == Self, Stride == Self,
      FloatLiteralType == Double, IntegerLiteralType == Int64 {
    associatedtype Storage: FixedWidthInteger & UnsignedInteger & Sendable & Codable
    /// The format, a constant of the type.
    static var format: FloatFormat { get }
    /// The format's layout as constants for straight-line conversions (one per type, built once).
    static var narrowing: ScalarNarrowing { get }
    /// The format's masks and the codes of its constants, as bit literals (one per type).
    static var layout: ScalarLayout { get }
    /// The encoding (in the low `format.bitWidth` bits).
    var bitPattern: Storage { get }
    init(bitPattern: Storage)
}

extension SmallBinaryFloat {
    /// The encoding; every initializer keeps the bits above the format's width clear.
    @usableFromInline @inline(__always) var code: UInt64 { UInt64(truncatingIfNeeded: bitPattern) }
    @usableFromInline @inline(__always) init(code: UInt64) { self.init(bitPattern: Storage(truncatingIfNeeded: code)) }
    @inline(__always) init(_ r: RoundedResult) { self.init(code: r.code) }

    // MARK: Constants

    public static var radix: Int { 2 }
    public static var exponentBitCount: Int { format.exponentBits }
    public static var significandBitCount: Int { format.fractionBits }
    /// The format's NaN; in a format without NaN (fp6, fp4) +0, what its invalid operations give.
    public static var nan: Self { Self(code: layout.nan) }
    /// A signalling NaN where the format has them (the IEEE-style formats), else `nan`.
    public static var signalingNaN: Self {
        guard format.specials == .ieee, format.fractionBits >= 2 else { return nan }
        return Self(code: format.positiveInfinity! | 1)
    }
    /// +∞ where the format has it; else what +∞ converts to: NaN (e4m3fn, the FNUZ formats, E8M0), the largest value (fp6, fp4).
    public static var infinity: Self { Self(code: layout.infinity) }
    public static var greatestFiniteMagnitude: Self { Self(code: layout.largest) }
    public static var leastNormalMagnitude: Self { Self(code: layout.leastNormal) }
    public static var leastNonzeroMagnitude: Self { Self(code: layout.leastNonzero) }
    /// π rounded toward zero, as the protocol asks.
    public static var pi: Self { Self(code: layout.pi) }
    /// What 0 converts to: +0; NaN in E8M0, which has no zero.
    public static var zero: Self { Self(code: layout.zero) }

    // MARK: Fields

    public var sign: FloatingPointSign { code & Self.layout.signMask != 0 ? .minus : .plus }
    public var exponentBitPattern: UInt { UInt(truncatingIfNeeded: (code >> UInt64(Self.format.fractionBits)) & ((UInt64(1) << UInt64(Self.format.exponentBits)) - 1)) }
    public var significandBitPattern: UInt64 { code & ((UInt64(1) << UInt64(Self.format.fractionBits)) &- 1) }

    public init(sign: FloatingPointSign, exponentBitPattern: UInt, significandBitPattern: UInt64) {
        let f = Self.format
        let magnitude = (UInt64(exponentBitPattern) << UInt64(f.fractionBits)) | (significandBitPattern & ((UInt64(1) << UInt64(f.fractionBits)) &- 1))
        self.init(code: (sign == .minus && f.isSigned ? f.signMask : 0) | (magnitude & f.magnitudeMask))
    }

    var value: Dyadic? { Self.format.decodeUnchecked(code).value }

    /// ⌊log₂|x|⌋; Int.min for zero, Int.max for infinities and NaN.
    public var exponent: Int {
        guard let v = value, let b = v.binade else { return isZero ? .min : .max }
        return b
    }

    /// |x| / 2^exponent, in [1, 2).
    public var significand: Self {
        guard let v = value, !v.isZero else { return isNaN ? self : (isZero ? Self(0.0) : Self(1.0)) }
        return Self(code: Self.format.round(Dyadic(significand: v.significand, exponent: v.exponent - exponent)).code)
    }

    public init(sign: FloatingPointSign, exponent: Int, significand: Self) {
        let scaled = Self.format.scaleB(significand.code, exponent)
        let s = Self(scaled)
        self = sign == .minus ? -s : s
    }

    public var binade: Self {
        guard isFinite, !isZero else { return isNaN ? self : (isZero ? self : Self.nan) }
        let s = Self(sign: .plus, exponent: exponent, significand: Self(1.0))
        return sign == .minus ? -s : s
    }

    public var significandWidth: Int {
        guard let v = value, !v.isZero else { return isZero ? -1 : -1 }
        return v.significantBits - 1
    }

    public var ulp: Self {
        guard isFinite, let u = try? Self.format.ulp(ofEncoding: code) else { return Self.nan }
        return Self(code: Self.format.round(u).code)
    }

    public var nextUp: Self {
        guard let up = try? Self.format.nextUp(code) else { return self }
        return Self(code: up)
    }

    // MARK: Classification

    // Straight-line on the type's literal masks (`ScalarLayout`).
    @inlinable public var isNaN: Bool { Self.layout.isNaN(code) }
    public var isSignalingNaN: Bool { isNaN && Self.format.nanPayload(of: code).signaling }
    @inlinable public var isInfinite: Bool { Self.layout.isInfinite(code) }
    @inlinable public var isFinite: Bool { Self.layout.isFinite(code) }
    @inlinable public var isZero: Bool { Self.layout.isZero(code) }
    @inlinable public var isSubnormal: Bool { Self.layout.isSubnormal(code) }
    @inlinable public var isNormal: Bool { isFinite && !isZero && !isSubnormal }
    public var isCanonical: Bool { true }

    // MARK: Arithmetic, through the core

    public static func + (a: Self, b: Self) -> Self { Self(format.add(a.code, b.code)) }
    public static func - (a: Self, b: Self) -> Self { Self(format.subtract(a.code, b.code)) }
    public static func * (a: Self, b: Self) -> Self { Self(format.multiply(a.code, b.code)) }
    public static func / (a: Self, b: Self) -> Self { Self(format.divide(a.code, b.code)) }
    public static func += (a: inout Self, b: Self) { a = a + b }
    public static func -= (a: inout Self, b: Self) { a = a - b }
    public static func *= (a: inout Self, b: Self) { a = a * b }
    public static func /= (a: inout Self, b: Self) { a = a / b }

    /// −x: the sign flipped; zero of a format without −0 and FNUZ's NaN stay; in an unsigned format (E8M0), NaN.
    public static prefix func - (a: Self) -> Self {
        guard format.isSigned else { return a.isNaN ? a : Self.nan }
        return Self(code: format.negate(a.code))
    }
    public mutating func negate() { self = -self }

    public var magnitude: Self { sign == .minus && !isNaN ? -self : self }

    public mutating func formRemainder(dividingBy other: Self) { self = Self(Self.format.remainder(code, other.code)) }

    /// fmod: x − trunc(x/y)·y, exact: the IEEE remainder moved by |y| when its sign differs from x's.
    public mutating func formTruncatingRemainder(dividingBy other: Self) {
        var r = remainder(dividingBy: other)
        if !r.isNaN && !r.isZero && r.sign != sign { r = r + (sign == .minus ? -other.magnitude : other.magnitude) }
        if r.isZero { r = sign == .minus ? -Self(0.0) : Self(0.0) }
        self = r
    }

    public mutating func formSquareRoot() { self = Self(Self.format.squareRoot(code)) }
    public mutating func addProduct(_ lhs: Self, _ rhs: Self) { self = Self(Self.format.fusedMultiplyAdd(lhs.code, rhs.code, code)) }

    public mutating func round(_ rule: FloatingPointRoundingRule) {
        let mode: RoundingMode
        switch rule {
        case .toNearestOrEven: mode = .nearestEven
        case .toNearestOrAwayFromZero: mode = .nearestAway
        case .towardZero: mode = .towardZero
        case .up: mode = .up
        case .down: mode = .down
        case .awayFromZero: mode = sign == .minus ? .down : .up
        @unknown default: mode = .nearestEven
        }
        self = Self(Self.format.roundToIntegral(code, options: ArithmeticOptions(rounding: RoundingOptions(mode: mode))))
    }

    // MARK: Comparison

    // Straight-line on the type's literal masks: NaN is unordered, −0 equals +0, else ±magnitude orders.
    @inlinable public func isEqual(to other: Self) -> Bool { Self.layout.equal(code, other.code) }
    @inlinable public func isLess(than other: Self) -> Bool { Self.layout.less(code, other.code) }
    @inlinable public func isLessThanOrEqualTo(_ other: Self) -> Bool { Self.layout.lessOrEqual(code, other.code) }

    /// IEEE 754 totalOrder: −NaN < −∞ < … < −0 < +0 < … < +∞ < +NaN (a NaN's sign is its sign bit).
    public func isTotallyOrdered(belowOrEqualTo other: Self) -> Bool {
        func key(_ x: Self) -> (Int, Self) {
            if x.isNaN { return (x.code & Self.format.signMask != 0 && Self.format.isSigned && Self.format.hasNegativeZero ? -2 : 2, x) }
            if x.isZero { return (0, x) }
            return (x.sign == .minus ? -1 : 1, x)
        }
        let (a, b) = (key(self), key(other))
        if a.0 != b.0 {
            if a.0 == 0 && b.0 == 0 { return true }
            // zeros: −0 below +0
            return a.0 < b.0
        }
        switch a.0 {
        case 0: return sign == .minus || other.sign == .plus
        case -2, 2: return code <= other.code || a.0 == -2
        default: return isLessThanOrEqualTo(other)
        }
    }

    public func distance(to other: Self) -> Self { other - self }
    public func advanced(by n: Self) -> Self { self + n }

    @inlinable public static func == (a: Self, b: Self) -> Bool { a.isEqual(to: b) }
    @inlinable public static func < (a: Self, b: Self) -> Bool { a.isLess(than: b) }
    @inlinable public static func <= (a: Self, b: Self) -> Bool { a.isLessThanOrEqualTo(b) }
    @inlinable public static func > (a: Self, b: Self) -> Bool { b.isLess(than: a) }
    @inlinable public static func >= (a: Self, b: Self) -> Bool { b.isLessThanOrEqualTo(a) }

    public func hash(into hasher: inout Hasher) {
        // Equal values hash alike: both zeros as +0.
        hasher.combine(isZero ? UInt64(0) : code)
    }

    // MARK: Text and coding

    /// The shortest decimal that rounds back to this value ("nan", "inf", "-inf" for those).
    public var description: String {
        if isNaN { return "nan" }
        if isInfinite { return sign == .minus ? "-inf" : "inf" }
        if isZero { return sign == .minus ? "-0" : "0" }
        guard let digits = Self.format.shortestDecimal(of: code) else { return "?" }
        let text = digits.automatic()
        return sign == .minus ? "-" + text : text
    }

    public var debugDescription: String {
        let hex = String(code, radix: 16)
        return "\(Self.self)(bitPattern: 0x\(String(repeating: "0", count: max(0, (Self.format.bitWidth + 3) / 4 - hex.count)))\(hex)) \(description)"
    }

    /// Encoded as the bit pattern (an unsigned integer): exact, NaN payloads included.
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let bits = try c.decode(Storage.self)
        guard UInt64(truncatingIfNeeded: bits) & ~Self.format.encodingMask == 0 else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "\(bits) does not fit the \(Self.format.bitWidth) bits of \(Self.format.name)")
        }
        self.init(bitPattern: bits)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(bitPattern)
    }
}

extension SmallBinaryFloat where Self.Storage == UInt8 {
    /// Every encoding of the format, in code order: for exhaustive tests.
    public static var allEncodings: [Self] { (0...format.encodingMask).map { Self(code: $0) } }
}

extension SmallBinaryFloat where Self.Storage == UInt16 {
    /// Every encoding of the format, in code order: for exhaustive tests.
    public static var allEncodings: [Self] { (0...format.encodingMask).map { Self(code: $0) } }
}
