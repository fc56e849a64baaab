/// Everything that decides an arithmetic operation's result besides its
/// operands: the rounding (mode, overflow, tininess, subnormal flushing of
/// inputs and outputs, NaN handling) and which NaN an operation on NaNs returns.
public struct ArithmeticOptions: Hashable, Sendable {
    public var rounding: RoundingOptions
    public var nanPropagation: NaNPropagation

    public init(rounding: RoundingOptions = .default, nanPropagation: NaNPropagation = .firstOperand) {
        self.rounding = rounding
        self.nanPropagation = nanPropagation
    }

    public static let `default` = ArithmeticOptions()
}
