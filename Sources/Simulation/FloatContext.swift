import FloatFormats

/// Arithmetic in one simulated format: every operation correctly rounded
/// into `format` by the soft-float core, with the context's options, its
/// flags gathered, and stochastic rounding drawing the next integer of a
/// seeded stream (so a run is reproducible, whatever the algorithm).
///
/// The values are encodings of `format`; ``value(_:)`` reads one as a `Double`.
///
/// ```swift
/// var bf16 = FloatContext(format: .bfloat16)
/// let one = bf16.round(1.0), tiny = bf16.round(0.001)
/// bf16.value(bf16.add(one, tiny))             // 1.0: 1.001 is within half an ulp (2^-8) of 1
/// var sr = FloatContext(format: .bfloat16, rounding: RoundingOptions(mode: .stochastic(bits: 16)), seed: 7)
/// let r = sr.value(sr.add(one, tiny))
/// r == 1.0 || r == 1.0078125                  // true: a neighbour, 1.0078125 with probability ≈ 0.128
/// ```
public struct FloatContext: Sendable {
    public let format: FloatFormat
    public var options: ArithmeticOptions
    /// The stream stochastic rounding draws from, and the index of its next draw.
    public let stream: RandomStream
    public private(set) var draws: UInt64 = 0
    /// The exception flags of every operation so far.
    public private(set) var flags = ExceptionFlags()
    private let stochastic: Bool
    /// The float64 fast path where it is provably exact, else nil (see `Float64FastPath`).
    private let fast: Float64FastPath?

    /// `fastPaths: false` keeps every operation on the bit-level path (to check the fast one against).
    public init(format: FloatFormat, options: ArithmeticOptions = .default, seed: UInt64 = 0, fastPaths: Bool = true) {
        self.format = format
        self.options = options
        stream = RandomStream(seed: seed)
        if case .stochastic = options.rounding.mode { stochastic = true } else { stochastic = false }
        fast = fastPaths ? Float64FastPath(format: format, options: options) : nil
    }

    public init(format: FloatFormat, rounding: RoundingOptions, seed: UInt64 = 0) {
        self.init(format: format, options: ArithmeticOptions(rounding: rounding), seed: seed)
    }

    @inline(__always) private mutating func nextRandom() -> UInt64 {
        guard stochastic else { return 0 }
        defer { draws &+= 1 }
        return stream[draws]
    }

    @inline(__always) private mutating func keep(_ r: RoundedResult) -> UInt64 {
        flags.formUnion(r.flags)
        return r.code
    }

    public mutating func add(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let random = nextRandom()
        return keep(fast?.add(a, b, random: random) ?? format.add(a, b, options: options, random: random))
    }
    public mutating func subtract(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let random = nextRandom()
        return keep(fast?.subtract(a, b, random: random) ?? format.subtract(a, b, options: options, random: random))
    }
    public mutating func multiply(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let random = nextRandom()
        return keep(fast?.multiply(a, b, random: random) ?? format.multiply(a, b, options: options, random: random))
    }
    public mutating func divide(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let random = nextRandom()
        return keep(fast?.divide(a, b, random: random) ?? format.divide(a, b, options: options, random: random))
    }
    public mutating func squareRoot(_ a: UInt64) -> UInt64 {
        let random = nextRandom()
        return keep(fast?.squareRoot(a, random: random) ?? format.squareRoot(a, options: options, random: random))
    }
    public mutating func fusedMultiplyAdd(_ a: UInt64, _ b: UInt64, _ c: UInt64) -> UInt64 {
        let random = nextRandom()
        return keep(fast?.fusedMultiplyAdd(a, b, c, random: random) ?? format.fusedMultiplyAdd(a, b, c, options: options, random: random))
    }

    /// The product of two encodings of `source`, rounded once into this format.
    public mutating func multiply(_ a: UInt64, _ b: UInt64, from source: FloatFormat) -> UInt64 {
        keep(format.multiply(a, b, from: source, options: options, random: nextRandom()))
    }

    /// An encoding of `source` converted into this format (once rounded).
    public mutating func convert(_ code: UInt64, from source: FloatFormat) -> UInt64 {
        if source == format { return code }
        return keep((try? format.convert(code & source.encodingMask, from: source, options: options.rounding, random: nextRandom()))
                    ?? RoundedResult(code: format.canonicalNaN ?? 0, flags: .invalid))
    }

    /// A float64 value rounded into this format.
    public mutating func round(_ x: Double) -> UInt64 { keep(format.round(x, options: options.rounding, random: nextRandom())) }

    /// The encoding's value as a `Double`: exact for every format whose values
    /// float64 holds (all of the catalogue); NaN for a NaN, ±∞ for infinities.
    public func value(_ code: UInt64) -> Double { format.doubleValue(code) }

    /// +0 of the format (its smallest value when it has no zero).
    public var zero: UInt64 { format.hasZero ? 0 : format.round(0.0).code }

    /// −x, exact.
    public func negate(_ code: UInt64) -> UInt64 { format.negate(code) }
}
