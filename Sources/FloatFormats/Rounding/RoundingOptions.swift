/// Everything that decides a rounding besides the value: mode, overflow policy,
/// subnormal flushing, tininess detection and NaN handling.
public struct RoundingOptions: Hashable, Sendable {
    public var mode: RoundingMode
    public var overflow: OverflowPolicy
    /// Results that would be subnormal become ±0 (flags underflow and inexact).
    public var flushSubnormalOutputs: Bool
    /// Subnormal inputs of the source format are taken as ±0 (no flag).
    public var flushSubnormalInputs: Bool
    public var tininess: Tininess
    public var nan: NaNHandling

    public init(mode: RoundingMode = .nearestEven, overflow: OverflowPolicy = .ieee,
                flushSubnormalOutputs: Bool = false, flushSubnormalInputs: Bool = false,
                tininess: Tininess = .afterRounding, nan: NaNHandling = .keep) {
        self.mode = mode
        self.overflow = overflow
        self.flushSubnormalOutputs = flushSubnormalOutputs
        self.flushSubnormalInputs = flushSubnormalInputs
        self.tininess = tininess
        self.nan = nan
    }

    public static let `default` = RoundingOptions()
}
