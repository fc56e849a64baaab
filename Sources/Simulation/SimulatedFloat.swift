import FloatFormats

/// A format and rounding a ``SimulatedFloat`` computes in: a type whose
/// `format` names it, so that numeric code written once over a generic
/// `SimulatedFloat<F>` runs in any format.
///
/// ```swift
/// enum E3M4: SimulatedFormat { static let format = FloatFormat.float8_e3m4 }
/// ```
public protocol SimulatedFormat: Sendable {
    static var format: FloatFormat { get }
    /// The options of every operation; nearest-even with the IEEE overflow
    /// policy unless a type says otherwise. Stochastic rounding has no
    /// place here: a value type has no stream to draw from; use
    /// ``FloatContext`` for it.
    static var options: ArithmeticOptions { get }
}

extension SimulatedFormat {
    public static var options: ArithmeticOptions { .default }
}

/// Ready-made format types for the catalogue formats simulations use most.
public enum Simulated {
    public enum Float64: SimulatedFormat { public static let format = FloatFormat.float64 }
    public enum Float32: SimulatedFormat { public static let format = FloatFormat.float32 }
    public enum Float16: SimulatedFormat { public static let format = FloatFormat.float16 }
    public enum BFloat16: SimulatedFormat { public static let format = FloatFormat.bfloat16 }
    public enum TFloat32: SimulatedFormat { public static let format = FloatFormat.tfloat32 }
    public enum E5M2: SimulatedFormat { public static let format = FloatFormat.float8_e5m2 }
    public enum E4M3FN: SimulatedFormat { public static let format = FloatFormat.float8_e4m3fn }
    public enum E2M1FN: SimulatedFormat { public static let format = FloatFormat.float4_e2m1fn }
}

/// A number of the simulated format `F`, every operation correctly rounded
/// into it on the bits: + − × ÷, square root and fused multiply-add, with
/// comparisons by value (NaN unordered, −0 == +0).
///
/// ```swift
/// typealias BF16 = SimulatedFloat<Simulated.BFloat16>
/// let third = BF16(1) / BF16(3)
/// third.bitPattern                       // 16043: 0x3EAB, 0.333984375
/// (BF16(256) + BF16(1)).doubleValue      // 256.0: 257 needs 9 bits
/// func mean<T: SimulatedFormat>(_ xs: [SimulatedFloat<T>]) -> SimulatedFloat<T> { xs.reduce(.zero, +) / SimulatedFloat<T>(xs.count) }
/// mean([BF16(1), BF16(2), BF16(4)]).doubleValue   // 2.328125: 7/3 rounded to 8 bits
/// ```
public struct SimulatedFloat<F: SimulatedFormat>: Sendable, Hashable, Comparable, SignedNumeric, ExpressibleByFloatLiteral,
                                                  CustomStringConvertible {
    /// The encoding, in the low bits.
    public let bitPattern: UInt64

    public init(bitPattern: UInt64) { self.bitPattern = bitPattern & F.format.encodingMask }

    /// `x` rounded once into the format with `F.options`.
    public init(_ x: Double) { self.init(bitPattern: F.format.round(x, options: F.options.rounding).code) }

    /// An integer rounded once into the format.
    public init<I: BinaryInteger>(_ n: I) {
        if let small = Int64(exactly: n) {
            self.init(bitPattern: F.format.convertFromInteger(small, options: F.options).code)
        } else {
            self.init(Double(n))   // beyond 2^63: every simulated format of up to 53 bits of precision
        }
    }

    public init(floatLiteral value: Double) { self.init(value) }
    public init(integerLiteral value: Int64) { self.init(value) }

    public init?<T: BinaryInteger>(exactly source: T) {
        guard let small = Int64(exactly: source) else { return nil }
        let r = F.format.convertFromInteger(small, options: F.options)
        guard !r.flags.contains(.inexact), !r.flags.contains(.overflow) else { return nil }
        self.init(bitPattern: r.code)
    }

    public static var zero: Self { Self(bitPattern: F.format.hasZero ? 0 : F.format.round(0.0).code) }

    /// The value as a `Double` (exact for every catalogue format).
    public var doubleValue: Double { F.format.doubleValue(bitPattern) }
    public var isNaN: Bool { F.format.isNaN(bitPattern) }
    public var description: String { doubleValue.description }

    public var magnitude: Self { F.format.isSigned && !isNaN ? Self(bitPattern: bitPattern & ~F.format.signMask) : self }

    public static func + (a: Self, b: Self) -> Self { Self(bitPattern: F.format.add(a.bitPattern, b.bitPattern, options: F.options).code) }
    public static func - (a: Self, b: Self) -> Self { Self(bitPattern: F.format.subtract(a.bitPattern, b.bitPattern, options: F.options).code) }
    public static func * (a: Self, b: Self) -> Self { Self(bitPattern: F.format.multiply(a.bitPattern, b.bitPattern, options: F.options).code) }
    public static func / (a: Self, b: Self) -> Self { Self(bitPattern: F.format.divide(a.bitPattern, b.bitPattern, options: F.options).code) }
    public static func += (a: inout Self, b: Self) { a = a + b }
    public static func -= (a: inout Self, b: Self) { a = a - b }
    public static func *= (a: inout Self, b: Self) { a = a * b }
    public static func /= (a: inout Self, b: Self) { a = a / b }
    public static prefix func - (a: Self) -> Self { Self(bitPattern: F.format.negate(a.bitPattern)) }

    public func squareRoot() -> Self { Self(bitPattern: F.format.squareRoot(bitPattern, options: F.options).code) }
    /// self + a·b, rounded once.
    public func addingProduct(_ a: Self, _ b: Self) -> Self {
        Self(bitPattern: F.format.fusedMultiplyAdd(a.bitPattern, b.bitPattern, bitPattern, options: F.options).code)
    }

    /// Equality by value, as IEEE 754's compareQuietEqual.
    public static func == (a: Self, b: Self) -> Bool { F.format.compare(a.bitPattern, b.bitPattern).comparison == .equal }
    public static func < (a: Self, b: Self) -> Bool { F.format.compare(a.bitPattern, b.bitPattern).comparison == .less }

    public func hash(into hasher: inout Hasher) {
        // Values equal under == hash alike: both zeros as +0.
        hasher.combine(F.format.compare(bitPattern, Self.zero.bitPattern).comparison == .equal ? Self.zero.bitPattern : bitPattern)
    }
}
