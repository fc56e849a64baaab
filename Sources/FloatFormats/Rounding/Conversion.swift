/// A conversion from one format to another with fixed options: what batch
/// conversion applies to every element. Element i uses the random integer
/// `RoundingNoise(seed)[i]` for stochastic rounding, so results do not depend on
/// how the work is split.
///
/// ```swift
/// let c = Conversion(from: .float32, to: .bfloat16)
/// c.convert([0x3DCC_CCCD, 0x7F80_0000]).codes   // [0x3DCD, 0x7F80]
/// ```
public struct Conversion: Sendable, Hashable {
    public let source: FloatFormat
    public let target: FloatFormat
    public let options: RoundingOptions
    public let seed: UInt64

    public init(from source: FloatFormat, to target: FloatFormat, options: RoundingOptions = .default, seed: UInt64 = 0) {
        self.source = source
        self.target = target
        self.options = options
        self.seed = seed
    }

    /// Converts the element at `index` (which picks its stochastic random integer).
    /// The code must fit the source format.
    @inlinable public func convert(_ code: UInt64, index: UInt64) -> RoundedResult {
        let random: UInt64
        if case .stochastic = options.mode { random = UInt64(RoundingNoise(seed: seed)[index]) } else { random = 0 }
        return target.round(source.sourceValue(of: code, flushSubnormals: options.flushSubnormalInputs),
                            options: options, random: random)
    }

    /// Converts a batch; also returns every flag raised by any element.
    public func convert(_ codes: [UInt64], startIndex: UInt64 = 0) -> (codes: [UInt64], flags: ExceptionFlags) {
        var out = [UInt64](repeating: 0, count: codes.count)
        var flags: ExceptionFlags = []
        for (i, code) in codes.enumerated() {
            let r = convert(code & source.encodingMask, index: startIndex + UInt64(i))
            out[i] = r.code
            flags.formUnion(r.flags)
        }
        return (out, flags)
    }
}
