import FloatFormats

/// A float element format of up to 16 bits: its value table, and rounding
/// of scaled float32 inputs into it through the rounding core.
struct ElementCodec: Sendable {
    let format: FloatFormat
    /// Value of every code (NaN for NaN codes, ±Inf for infinities).
    let values: [Double]
    let options: RoundingOptions
    let noise: RoundingNoise?

    init(format: FloatFormat, mode: RoundingMode, seed: UInt64) {
        precondition(format.bitWidth <= 16)
        self.format = format
        values = (0..<(UInt64(1) << UInt64(format.bitWidth))).map { code in
            let d = format.decodeUnchecked(code)
            if let v = d.value { return v.doubleValue }
            switch d.floatClass {
            case .infinity: return d.isNegative ? -.infinity : .infinity
            default: return .nan
            }
        }
        options = RoundingOptions(mode: mode, overflow: .saturate)
        if case .stochastic = mode { noise = RoundingNoise(seed: seed) } else { noise = nil }
    }

    @inline(__always)
    func random(_ index: Int) -> UInt64 { noise.map { UInt64($0[UInt64(index)]) } ?? 0 }

    @inline(__always)
    static func source(_ x: Float) -> SourceValue { FloatFormat.float32.sourceValue(of: UInt64(x.bitPattern)) }

    /// x / s rounded once (saturating).
    @inline(__always)
    func code(_ x: Float, dividedBy s: Double, index: Int) -> UInt64 {
        format.round(Self.source(x), dividedBy: s, options: options, random: random(index)).code
    }

    /// x · 2^k rounded once (saturating).
    @inline(__always)
    func code(_ x: Float, timesPowerOfTwo k: Int, index: Int) -> UInt64 {
        format.round(Self.source(x), timesPowerOfTwo: k, options: options, random: random(index)).code
    }

    /// A float32 value rounded once (saturating).
    @inline(__always)
    func code(_ x: Float, index: Int) -> UInt64 {
        format.round(Self.source(x), options: options, random: random(index)).code
    }

    /// The largest finite value.
    var maxFinite: Double { format.maxFinite.doubleValue }
}
