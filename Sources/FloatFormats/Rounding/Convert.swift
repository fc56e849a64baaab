/// Conversions into a format: from an encoding of another format, from Swift's
/// binary floating-point types, from exact dyadics. All go through `round`.
extension FloatFormat {
    /// Converts an encoding of `source` into this format, rounding once.
    ///
    /// ```swift
    /// // float32 0x3DCCCCCD (0.1f) into bfloat16: 0x3DCD
    /// try FloatFormat.bfloat16.convert(0x3DCC_CCCD, from: .float32).code
    /// ```
    public func convert(_ code: UInt64, from source: FloatFormat, options: RoundingOptions = .default,
                        random: UInt64 = 0) throws(EncodingError) -> RoundedResult {
        try source.validate(code: code)
        return round(source.sourceValue(of: code, flushSubnormals: options.flushSubnormalInputs),
                     options: options, random: random)
    }

    /// Rounds a `Double` (taken at its exact binary value).
    public func round(_ x: Double, options: RoundingOptions = .default, random: UInt64 = 0) -> RoundedResult {
        round(FloatFormat.float64.sourceValue(of: x.bitPattern, flushSubnormals: options.flushSubnormalInputs),
              options: options, random: random)
    }

    /// Rounds a `Float` (taken at its exact binary value).
    public func round(_ x: Float, options: RoundingOptions = .default, random: UInt64 = 0) -> RoundedResult {
        round(FloatFormat.float32.sourceValue(of: UInt64(x.bitPattern), flushSubnormals: options.flushSubnormalInputs),
              options: options, random: random)
    }

    #if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
    /// Rounds a `Float16` (taken at its exact binary value).
    public func round(_ x: Float16, options: RoundingOptions = .default, random: UInt64 = 0) -> RoundedResult {
        round(FloatFormat.float16.sourceValue(of: UInt64(x.bitPattern), flushSubnormals: options.flushSubnormalInputs),
              options: options, random: random)
    }
    #endif

    /// Rounds an exact dyadic.
    public func round(_ x: Dyadic, options: RoundingOptions = .default, random: UInt64 = 0) -> RoundedResult {
        round(SourceValue(x), options: options, random: random)
    }
}

/// Reproducible random integers for stochastic rounding, one per element index:
/// a counter-based generator (SplitMix64's finalizer over seed and index), so
/// the value for element i does not depend on how the work is split.
///
/// ```swift
/// let stream = RandomStream(seed: 42)
/// stream[0] == RandomStream(seed: 42)[0]   // true, whatever came before
/// ```
public struct RandomStream: Sendable, Hashable {
    public let seed: UInt64

    public init(seed: UInt64) { self.seed = seed }

    @inlinable public subscript(index: UInt64) -> UInt64 {
        var z = seed &+ (index &+ 1) &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The random integers of stochastic rounding: 32 bits for each element
/// index, counter-based, so that element i gets the same integer however the
/// work is split, and cheap enough for the vector kernels to draw one per
/// element. The low 32 bits of the index go through a 32-bit bijective hash
/// (Chris Wellons's lowbias32) after an XOR with a key drawn from the seed and
/// the index's high 32 bits.
///
/// ```swift
/// let noise = RoundingNoise(seed: 42)
/// noise[7] == RoundingNoise(seed: 42)[7]   // true, whatever came before
/// noise[7] == RoundingNoise.mix(7, key: noise.key(high: 0))   // true
/// ```
public struct RoundingNoise: Sendable, Hashable {
    public let seed: UInt64

    public init(seed: UInt64) { self.seed = seed }

    /// The key of the indices whose high 32 bits are `high`.
    @inlinable public func key(high: UInt64) -> UInt32 {
        UInt32(truncatingIfNeeded: RandomStream(seed: seed)[high] >> 32)
    }

    @inlinable @inline(__always)
    public static func mix(_ low: UInt32, key: UInt32) -> UInt32 {
        var x = low ^ key
        x ^= x &>> 16
        x = x &* 0x7FEB_352D
        x ^= x &>> 15
        x = x &* 0x846C_A68B
        return x ^ (x &>> 16)
    }

    @inlinable public subscript(index: UInt64) -> UInt32 {
        Self.mix(UInt32(truncatingIfNeeded: index), key: key(high: index >> 32))
    }
}
