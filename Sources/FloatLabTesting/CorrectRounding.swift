import FloatFormats
import MPFRReference

/// Whether a result is the correctly rounded one, decided by MPFR (the
/// referee of `floatlab verify`, which shares nothing with the core):
/// an operation on encodings, or a conversion of an encoding or of a decimal.
/// A check gives nil when the result is right, else a `RoundingFailure` that
/// says what was computed and how far off it is.
///
/// ```swift
/// let one = BFloat16(1.0), tiny = BFloat16(0.00390625)
/// CorrectRounding.check(one + tiny, .add, [one, tiny]) == nil                     // true: 1 + 2^-8 is a tie, to even
/// CorrectRounding.check(BFloat16(1.0078125), .add, [one, tiny])?.ulpDistance      // Optional(1)
/// CorrectRounding.check(Float8E4M3FN(bitPattern: 0x29), converting: 0.3) != nil  // true: 0.28125, not 0.3125
/// CorrectRounding.check(Float8E4M3FN(bitPattern: 0x29), converting: 0.3, rounding: .down) == nil   // true
/// ```
public enum CorrectRounding {
    /// The result of `op` on `operands` (a·b + c for fma), checked in `rounding` (and the flags, when given).
    public static func check<T: TestableFloat>(_ actual: T, _ op: ArithmeticOperation, _ operands: [T],
                                               rounding: RoundingMode = .nearestEven, flags: ExceptionFlags? = nil) -> RoundingFailure? {
        check(actual.testCode, flags: flags, op, operands.map(\.testCode), in: T.testFormat,
              options: ArithmeticOptions(rounding: RoundingOptions(mode: rounding)))
    }

    /// A conversion of a float64 value (exact) into T, checked in `rounding` with the overflow policy.
    public static func check<T: TestableFloat>(_ actual: T, converting x: Double, rounding: RoundingMode = .nearestEven,
                                               overflow: OverflowPolicy = .ieee, flags: ExceptionFlags? = nil) -> RoundingFailure? {
        check(actual.testCode, flags: flags, converting: x.bitPattern, from: .float64, to: T.testFormat,
              options: RoundingOptions(mode: rounding, overflow: overflow))
    }

    /// A conversion of a value of one type into another, checked in `rounding` with the overflow policy.
    public static func check<T: TestableFloat, S: TestableFloat>(_ actual: T, converting x: S, rounding: RoundingMode = .nearestEven,
                                                                 overflow: OverflowPolicy = .ieee, flags: ExceptionFlags? = nil) -> RoundingFailure? {
        check(actual.testCode, flags: flags, converting: x.testCode, from: S.testFormat, to: T.testFormat,
              options: RoundingOptions(mode: rounding, overflow: overflow))
    }

    /// An encoding of any format as the result of an operation on encodings of that format.
    public static func check(_ actual: UInt64, flags: ExceptionFlags? = nil, _ op: ArithmeticOperation, _ operands: [UInt64],
                             in format: FloatFormat, options: ArithmeticOptions = .default, random: UInt64 = 0) -> RoundingFailure? {
        precondition(operands.count == op.arity, "\(op.rawValue) takes \(op.arity) operands, not \(operands.count)")
        let want = Referee.expected(op, operands, in: Referee.Target(format), options: options, random: random)
        let what = "\(op.rawValue)(" + operands.map { describe($0, in: format) }.joined(separator: ", ") + ") in \(options.rounding.mode.name)"
        return verdict(actual, flags, want, in: format, what: what)
    }

    /// An encoding of `target` as the conversion of an encoding of `source`.
    public static func check(_ actual: UInt64, flags: ExceptionFlags? = nil, converting input: UInt64, from source: FloatFormat,
                             to target: FloatFormat, options: RoundingOptions = .default, random: UInt64 = 0) -> RoundingFailure? {
        let want = Referee.round(Referee.input(input, in: source, flushSubnormals: options.flushSubnormalInputs),
                                 into: target, options: options, random: random)
        let what = "\(source.name) \(describe(input, in: source)) into \(target.name) in \(options.mode.name), overflow \(options.overflow.rawValue)"
        return verdict(actual, flags, want, in: target, what: what)
    }

    /// An encoding of `target` as the conversion of a decimal (or hex-float, inf, nan) string, read exactly.
    public static func check(_ actual: UInt64, flags: ExceptionFlags? = nil, converting decimal: String,
                             to target: FloatFormat, options: RoundingOptions = .default, random: UInt64 = 0) -> RoundingFailure? {
        guard let input = Referee.input(parsing: decimal) else {
            return RoundingFailure(what: "\"\(decimal)\" is not a number", expected: "a number", actual: describe(actual, in: target), ulpDistance: nil)
        }
        let want = Referee.round(input, into: target, options: options, random: random)
        return verdict(actual, flags, want, in: target, what: "\(decimal) into \(target.name) in \(options.mode.name), overflow \(options.overflow.rawValue)")
    }

    static func verdict(_ actual: UInt64, _ flags: ExceptionFlags?, _ want: Referee.Expected, in f: FloatFormat, what: String) -> RoundingFailure? {
        let expectation = want.expectation(in: f)
        if expectation.accepts(code: actual, flags: flags, in: f) { return nil }
        let expected = describe(expectation.code, in: f) + (flags == nil ? "" : " flags \(want.flags.letters)")
        let got = describe(actual, in: f) + (flags.map { " flags \($0.letters)" } ?? "")
        return RoundingFailure(what: what, expected: expected, actual: got, ulpDistance: ulpDistance(actual, expectation.code, in: f))
    }

    /// An encoding as `0xBITS (exact decimal)`.
    static func describe(_ code: UInt64, in f: FloatFormat) -> String {
        let digits = (f.bitWidth + 3) / 4
        let hex = String(code, radix: 16, uppercase: true)
        let bits = "0x" + String(repeating: "0", count: max(0, digits - hex.count)) + hex
        let d = f.decodeUnchecked(code & f.encodingMask)
        let value: String
        if let v = d.value { value = v.exactDecimal() } else if f.isNaN(code) { value = "nan" } else { value = f.isSigned && code & f.signMask != 0 ? "-inf" : "inf" }
        return "\(bits) (\(value))"
    }
}

/// What a check found wrong: the computation, the expected and the actual
/// result as bits and exact decimals, and the distance between the two in
/// steps of the format (nil when either is NaN).
public struct RoundingFailure: Sendable, CustomStringConvertible, Error {
    public let what: String
    public let expected: String
    public let actual: String
    public let ulpDistance: UInt64?

    public var description: String {
        let distance = ulpDistance.map { ", \($0) ulp\($0 == 1 ? "" : "s") away" } ?? ""
        return "\(what): expected \(expected), got \(actual)\(distance)"
    }
}
