import FloatFormats

/// Conversions into a small type, each rounded once from the exact source
/// value, never through an intermediate format:
/// - `init(_:)` rounds to nearest even with the IEEE overflow policy, as
///   `floatlab convert` does by default (beyond the range: ±∞, or NaN where the
///   format has no infinity, as in ml_dtypes; the largest finite value in fp6
///   and fp4, which have neither);
/// - `init(_:rounding:random:)` rounds in any mode of the core (`random` is
///   stochastic rounding's integer);
/// - `init(saturating:)` rounds to nearest even and stops at the largest
///   finite value.
///
/// ```swift
/// Float8E4M3FN(464.0).bitPattern                           // 126: 0x7E, 448 (a tie, to even)
/// Float8E4M3FN(1000.0).isNaN                                // true
/// Float8E4M3FN(saturating: 1000.0).bitPattern              // 126: 448
/// BFloat16(1 + 0x1p-8 + 0x1p-40).bitPattern                 // 16257: 0x3F81, just above the tie, so up
/// BFloat16(Float(1 + 0x1p-8 + 0x1p-40)).bitPattern          // 16256: the Float already lost the hair
/// Float8E4M3FN(0.3, rounding: .up).bitPattern              // 42: 0x2A, 0.3125
/// Float8E4M3FN(17 as Int, rounding: .towardZero).bitPattern // 88: 0x58, 16
/// Float8E4M3FN("0.3", rounding: .down)?.bitPattern          // Optional(41): 0x29, 0.28125
/// ```
extension SmallBinaryFloat {
    // MARK: From Float and Double: straight-line for normal results, the core for the rest

    @inlinable public init(_ x: Double) {
        if let c = Self.narrowing.code(x) { self.init(bitPattern: Storage(truncatingIfNeeded: c)) } else { self.init(core: x) }
    }
    @inlinable public init(_ x: Float) {
        if let c = Self.narrowing.code(x) { self.init(bitPattern: Storage(truncatingIfNeeded: c)) } else { self.init(core: x) }
    }
    @usableFromInline init(core x: Double) { self.init(Self.format.round(x)) }
    @usableFromInline init(core x: Float) { self.init(Self.format.round(x)) }
    #if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
    /// Through its exact float64 value (every float16 is one), so rounded once.
    @inlinable public init(_ x: Float16) { self.init(Double(x)) }
    #endif

    // MARK: Any mode, any source

    /// Any binary floating-point value (Float, Double, Float16, another small type, …) rounded once in any mode.
    public init<Source: BinaryFloatingPoint>(_ value: Source, rounding mode: RoundingMode, random: UInt64 = 0) {
        self.init(Self.round(value, options: RoundingOptions(mode: mode), random: random))
    }

    /// An integer rounded once in any mode (exact from its bits, whatever its width).
    public init<Source: BinaryInteger>(_ value: Source, rounding mode: RoundingMode, random: UInt64 = 0) {
        self.init(Self.format.round(Self.exactValue(of: value), options: RoundingOptions(mode: mode), random: random))
    }

    /// A decimal or hex-float string rounded once in any mode (nil when it is not a number).
    public init?(_ description: String, rounding mode: RoundingMode, random: UInt64 = 0) {
        guard let d = try? DecimalNumber(description) else { return nil }
        self.init(Self.format.round(d, options: RoundingOptions(mode: mode), random: random))
    }

    /// Rounded to nearest even, saturating: beyond the largest finite value, that value (NaN stays NaN; ±∞ stays ±∞ where the format has infinities, else ±largest).
    public init<Source: BinaryFloatingPoint>(saturating value: Source) {
        self.init(Self.round(value, options: RoundingOptions(overflow: .saturate), random: 0))
    }

    // MARK: The standard library's conversions

    public init<Source: BinaryFloatingPoint>(_ value: Source) {
        self.init(Self.round(value, options: .default, random: 0))
    }

    public init?<Source: BinaryFloatingPoint>(exactly value: Source) {
        let r = Self.round(value, options: .default, random: 0)
        guard !r.flags.contains(.inexact), !r.flags.contains(.overflow), !r.flags.contains(.invalid) || value.isNaN else { return nil }
        self.init(r)
    }

    public init(_ value: Int) { self.init(Self.format.convertFromInteger(Int64(value))) }

    public init<Source: BinaryInteger>(_ value: Source) {
        self.init(Self.format.round(Self.exactValue(of: value)))
    }

    public init?<Source: BinaryInteger>(exactly value: Source) {
        let r = Self.format.round(Self.exactValue(of: value))
        guard r.flags.isEmpty else { return nil }
        self.init(r)
    }

    public init(floatLiteral value: Double) { self.init(value) }
    public init(integerLiteral value: Int64) { self.init(Self.format.convertFromInteger(value)) }

    /// The nearest value of a decimal or hex-float string (nil when it is not a number).
    public init?(_ description: String) {
        guard let d = try? DecimalNumber(description) else { return nil }
        self.init(Self.format.round(d))
    }

    // MARK: Exact source values

    /// Any binary floating-point value rounded once, from its exact value.
    static func round<Source: BinaryFloatingPoint>(_ value: Source, options: RoundingOptions, random: UInt64) -> RoundedResult {
        if let v = value as? Double { return format.round(v, options: options, random: random) }
        if let v = value as? Float { return format.round(v, options: options, random: random) }
        if let v = value as? any SmallBinaryFloat { return v.converted(into: format, options: options, random: random) }
        if value.isNaN { return format.round(Double.nan, options: options) }
        if value.isInfinite { return format.round(value < 0 ? -Double.infinity : .infinity, options: options) }
        if value.isZero { return format.round(value.sign == .minus ? -0.0 : 0.0, options: options) }
        // The exact value from the IEEE fields: (2^M + fraction) × 2^(exponent − M), or fraction × 2^(emin − M).
        let m = Source.significandBitCount
        guard m <= 63 else { return format.round(Double(value), options: options, random: random) }   // no such Swift type on this platform
        let magnitude = value.magnitude
        let bits = UInt64(truncatingIfNeeded: magnitude.significandBitPattern)
        let significand = magnitude.isSubnormal ? bits : (UInt64(1) << UInt64(m)) | bits
        let exponent = (magnitude.isSubnormal ? Int(Source.leastNormalMagnitude.exponent) : Int(magnitude.exponent)) - m
        return format.round(Dyadic(isNegative: value.sign == .minus, significand: significand, exponent: exponent), options: options, random: random)
    }

    /// An integer's exact value when it fits 64 bits; else its leading 62 bits, shifted, with a sticky bit
    /// for everything below them: the same rounding in every mode, since every small format keeps at most 24 bits.
    static func exactValue<Source: BinaryInteger>(of value: Source) -> Dyadic {
        let negative = value < 0
        let magnitude = value.magnitude
        if let small = UInt64(exactly: magnitude) { return Dyadic(isNegative: negative, significand: small, exponent: 0) }
        let words = Array(magnitude.words)
        let top = words.lastIndex { $0 != 0 }!
        let length = top * UInt.bitWidth + UInt.bitWidth - words[top].leadingZeroBitCount
        let shift = length - 62
        let leading = UInt64(truncatingIfNeeded: magnitude >> shift)
        let sticky: UInt64 = magnitude & ((Source.Magnitude(1) << shift) - 1) == 0 ? 0 : 1
        return Dyadic(isNegative: negative, significand: leading << 1 | sticky, exponent: shift - 1)
    }

    func converted(into target: FloatFormat, options: RoundingOptions, random: UInt64 = 0) -> RoundedResult {
        (try? target.convert(code, from: Self.format, options: options, random: random)) ?? RoundedResult(code: target.canonicalNaN ?? 0, flags: .invalid)
    }
}
