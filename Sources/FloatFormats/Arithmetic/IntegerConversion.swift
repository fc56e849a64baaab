/// A result of converting to an integer format: the integer and the flags.
public struct IntegerResult: Hashable, Sendable {
    public let value: Int128
    public let flags: ExceptionFlags

    public init(value: Int128, flags: ExceptionFlags) {
        self.value = value
        self.flags = flags
    }
}

extension FloatFormat {
    /// a converted to an integer of `bits` bits (signed or not) by the mode
    /// (IEEE 754 §5.8 convertToInteger; `signalInexact` makes it the
    /// Exact form). A NaN, an infinity or a value outside the integer range
    /// raises invalid and gives the nearest end of the range (0 for a NaN),
    /// as RISC-V and ARM saturate (x86 returns the "integer indefinite"
    /// instead, which this does not model).
    ///
    /// ```swift
    /// let e4m3 = FloatFormat.float8_e4m3fn
    /// e4m3.convertToInteger(0x4A, bits: 8).value                     // 5
    /// e4m3.convertToInteger(0x7E, bits: 8).flags                     // .invalid: 448 > 127
    /// e4m3.convertToInteger(0x7E, bits: 8).value                     // 127
    /// e4m3.convertToInteger(0xB4, bits: 8, signed: false).value      // 0: −0.75 rounds to −1, below 0
    /// ```
    public func convertToInteger(_ a: UInt64, bits: Int, signed: Bool = true, options: ArithmeticOptions = .default,
                                 signalInexact: Bool = false, random: UInt64 = 0) -> IntegerResult {
        precondition((1...64).contains(bits), "integers of 1 to 64 bits")
        let lo: Int128 = signed ? -(1 << (bits - 1)) : 0
        let hi: Int128 = signed ? (1 << (bits - 1)) - 1 : (1 << bits) - 1
        let r = options.rounding
        switch operand(a, options: r) {
        case .nan:
            return IntegerResult(value: 0, flags: .invalid)
        case .infinity(let negative):
            return IntegerResult(value: negative ? lo : hi, flags: .invalid)
        case .zero:
            return IntegerResult(value: 0, flags: ExceptionFlags())
        case .finite(let negative, let s, let e):
            // The integral magnitude from the bits (not through the format, which may not hold it: E8M0 has no 0).
            let magnitude: Int128, inexact: Bool
            if e >= 0 {
                // At or beyond 2^64 the value is outside every integer format of up to 64 bits.
                magnitude = e + 64 - s.leadingZeroBitCount > 64 ? Int128.max : Int128(s) << Int128(e)
                inexact = false
            } else {
                let (q, lost) = Self.integralMagnitude(s, e, negative: negative, mode: options.rounding.mode, random: random)
                (magnitude, inexact) = (Int128(q), lost)
            }
            let value = negative ? -magnitude : magnitude
            if value < lo || value > hi {
                return IntegerResult(value: value < lo ? lo : hi, flags: .invalid)
            }
            return IntegerResult(value: value, flags: inexact && signalInexact ? .inexact : ExceptionFlags())
        }
    }

    /// An integer converted into the format, correctly rounded (IEEE 754 §5.4.1 convertFromInt).
    ///
    /// ```swift
    /// FloatFormat.float8_e4m3fn.convertFromInteger(17).code   // 0x58: 17 → 16 (nearest even)
    /// FloatFormat.float8_e4m3fn.convertFromInteger(-1000).code   // 0xFF: −1000 overflows to NaN
    /// ```
    public func convertFromInteger(_ n: Int64, options: ArithmeticOptions = .default, random: UInt64 = 0) -> RoundedResult {
        if n == 0 { return zeroResult(negative: false) }
        return roundSignificand(negative: n < 0, n.magnitude, exponent: 0, sticky: false, options: options.rounding, random: random)
    }
}
