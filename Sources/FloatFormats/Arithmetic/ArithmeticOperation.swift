/// The correctly rounded operations, by the names `floatlab arith --op` and
/// `floatlab verify arithmetic --ops` take (`min` and `max` are IEEE 754-2019's
/// NaN-propagating minimum and maximum).
///
/// ```swift
/// ArithmeticOperation(rawValue: "fma")?.arity   // 3
/// ArithmeticOperation.sqrt.apply(.float8_e4m3fn, [0x48]).code   // 0x40
/// ```
public enum ArithmeticOperation: String, CaseIterable, Hashable, Sendable {
    case add, sub, mul, div, sqrt, fma, rem, min, max

    /// How many operands it takes.
    public var arity: Int {
        switch self {
        case .sqrt: return 1
        case .fma: return 3
        default: return 2
        }
    }

    /// The operation on encodings of `format` (`operands.count == arity`).
    public func apply(_ format: FloatFormat, _ operands: [UInt64], options: ArithmeticOptions = .default,
                      random: UInt64 = 0) -> RoundedResult {
        precondition(operands.count == arity, "\(rawValue) takes \(arity) operand\(arity == 1 ? "" : "s")")
        switch self {
        case .add: return format.add(operands[0], operands[1], options: options, random: random)
        case .sub: return format.subtract(operands[0], operands[1], options: options, random: random)
        case .mul: return format.multiply(operands[0], operands[1], options: options, random: random)
        case .div: return format.divide(operands[0], operands[1], options: options, random: random)
        case .sqrt: return format.squareRoot(operands[0], options: options, random: random)
        case .fma: return format.fusedMultiplyAdd(operands[0], operands[1], operands[2], options: options, random: random)
        case .rem: return format.remainder(operands[0], operands[1], options: options)
        case .min: return format.minMax(.minimum, operands[0], operands[1], options: options)
        case .max: return format.minMax(.maximum, operands[0], operands[1], options: options)
        }
    }
}
