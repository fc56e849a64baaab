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
