/// Arithmetic of a format computed in float64 and rounded once into it,
/// provably equal to the bit-level operations (and checked against them:
/// exhaustively for the 8-bit formats, on boundary cases for 16-bit ones).
///
/// Why it is exact. The operation is done in float64 with round-to-nearest,
/// its error recovered exactly (TwoSum for + and −, the fma residual for ÷
/// and √; × and the product inside fma are exact in float64 because
/// 2p ≤ 53), and the float64 result turned into the *round-to-odd* result:
/// when inexact and its last bit is even, it moves one ulp toward the exact
/// value. Rounding to odd in precision p + 2 or more, then once in any mode
/// into precision p, gives the correctly rounded result (Boldo and
/// Melquiond, "Emulation of FMA and correctly rounded sums: proved
/// algorithms using rounding to odd", IEEE Trans. Computers 57(4), 2008);
/// the classic double-rounding theorem (53 ≥ 2p + 2 suffices for
/// nearest-even without the odd step) is the special case people quote.
/// Stochastic rounding with `bits` random bits reads the top `bits` bits
/// of the discarded fraction, so it needs p + bits + 1 ≤ 53. The flags are
/// those of the final rounding, with inexact also raised when the float64
/// step was inexact; rounding to odd keeps an inexact value off the
/// powers of two, so tininess before rounding and overflow are judged
/// right too.
///
/// Conditions (`init` returns nil otherwise): every finite value of the
/// format is a float64 (p ≤ 53, its exponents inside float64's), no product,
/// quotient or sum of two values leaves float64's normal range, 2p ≤ 53,
/// p + 2 ≤ 53 (p + bits + 1 for stochastic rounding), and inputs are not
/// flushed. Operations with a NaN or an infinity, division by zero, square
/// roots of negative numbers, zero results and negative results of an
/// unsigned format are left to the bit-level path: the methods return nil
/// for them.
///
/// ```swift
/// let path = Float64FastPath(format: .bfloat16, options: .default)!
/// path.add(0x3F80, 0x3B80)?.code     // Optional(16256): 0x3F80, 1 + 2^-8 is a tie that goes to 1
/// path.divide(0x3F80, 0x4040)?.code  // Optional(16043): 0x3EAB, 1/3
/// ```
public struct Float64FastPath: Sendable {
    public let format: FloatFormat
    public let options: ArithmeticOptions
    private let table: [Double]?

    public init?(format: FloatFormat, options: ArithmeticOptions) {
        let p = format.precision, low = format.emin - format.fractionBits, high = format.emax + 1
        guard 2 * p <= 53, low >= -1074, high <= 1024 else { return nil }
        // Products, quotients and sums of two values stay in float64's normal range.
        guard 2 * low >= -1022, 2 * high <= 1023, high - low <= 1023, low - high >= -1022 else { return nil }
        if case .stochastic(let bits) = options.rounding.mode, p + bits + 1 > 53 { return nil }
        guard !options.rounding.flushSubnormalInputs else { return nil }
        self.format = format
        self.options = options
        table = format.bitWidth <= 16 ? (0...format.encodingMask).map { Self.decode($0, format) } : nil
    }

    /// The value of an encoding, NaN for NaNs, ±∞ for infinities.
    @inline(__always) public func value(_ code: UInt64) -> Double {
        if let table { return table[Int(truncatingIfNeeded: code & format.encodingMask)] }
        return Self.decode(code & format.encodingMask, format)
    }

    private static func decode(_ code: UInt64, _ f: FloatFormat) -> Double {
        if f.isSpecial(code) { return f.isNaN(code) ? .nan : (f.isSigned && code & f.signMask != 0 ? -.infinity : .infinity) }
        let v = f.unpackFinite(code, flushSubnormals: false)
        let magnitude = v.significand == 0 ? 0.0 : Double(sign: .plus, exponent: v.exponent, significand: Double(v.significand))
        return v.negative ? -magnitude : magnitude
    }

    /// The float64 result s with its exact error sign turned into the
    /// round-to-odd result, then rounded once into the format.
    @inline(__always) private func finish(_ s: Double, errorSign: Int, random: UInt64) -> RoundedResult? {
        // Zeros (their sign depends on the mode) and negative results of an unsigned format go to the bit path.
        guard s.isFinite, s != 0, s > 0 || format.isSigned else { return nil }
        var odd = s
        if errorSign != 0 && s.bitPattern & 1 == 0 {
            // Toward the exact value: away from zero when the error has s's sign.
            let away = (errorSign > 0) == (s > 0)
            odd = Double(bitPattern: away ? s.bitPattern + 1 : s.bitPattern - 1)
        }
        let r = format.round(odd, options: options.rounding, random: random)
        return errorSign == 0 ? r : RoundedResult(code: r.code, flags: r.flags.union(.inexact))
    }

    @inline(__always) private func operands(_ a: UInt64, _ b: UInt64) -> (Double, Double)? {
        let x = value(a), y = value(b)
        guard x.isFinite, y.isFinite else { return nil }
        return (x, y)
    }

    public func add(_ a: UInt64, _ b: UInt64, random: UInt64 = 0) -> RoundedResult? {
        guard let (x, y) = operands(a, b) else { return nil }
        return sum(x, y, random: random)
    }

    public func subtract(_ a: UInt64, _ b: UInt64, random: UInt64 = 0) -> RoundedResult? {
        guard let (x, y) = operands(a, b) else { return nil }
        return sum(x, -y, random: random)
    }

    /// x + y by TwoSum (Knuth): s = RN(x + y) and its error exactly.
    @inline(__always) func sum(_ x: Double, _ y: Double, random: UInt64) -> RoundedResult? {
        let s = x + y
        let bb = s - x
        let e = (x - (s - bb)) + (y - bb)
        return finish(s, errorSign: e > 0 ? 1 : (e < 0 ? -1 : 0), random: random)
    }

    public func multiply(_ a: UInt64, _ b: UInt64, random: UInt64 = 0) -> RoundedResult? {
        guard let (x, y) = operands(a, b) else { return nil }
        return finish(x * y, errorSign: 0, random: random)   // exact: 2p ≤ 53 bits, in range
    }

    public func divide(_ a: UInt64, _ b: UInt64, random: UInt64 = 0) -> RoundedResult? {
        guard let (x, y) = operands(a, b), y != 0 else { return nil }
        let q = x / y
        // x − q·y is exact (q is the nearest quotient, nothing underflows); x/y > q when it has y's sign.
        let r = x.addingProduct(-q, y)
        return finish(q, errorSign: r == 0 ? 0 : ((r > 0) == (y > 0) ? 1 : -1), random: random)
    }

    public func squareRoot(_ a: UInt64, random: UInt64 = 0) -> RoundedResult? {
        let x = value(a)
        guard x.isFinite, x > 0 else { return nil }
        let q = x.squareRoot()
        let r = x.addingProduct(-q, q)   // exact: x − q², √x > q when positive
        return finish(q, errorSign: r > 0 ? 1 : (r < 0 ? -1 : 0), random: random)
    }

    /// a·b + c: the product is exact in float64, so this is one TwoSum.
    public func fusedMultiplyAdd(_ a: UInt64, _ b: UInt64, _ c: UInt64, random: UInt64 = 0) -> RoundedResult? {
        guard let (x, y) = operands(a, b) else { return nil }
        let z = value(c)
        guard z.isFinite else { return nil }
        return sum(x * y, z, random: random)
    }
}
