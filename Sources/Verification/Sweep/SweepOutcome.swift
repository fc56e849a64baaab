import FloatFormats

/// One sweep of every source encoding through a bulk kernel, in one mode and
/// overflow policy: what it checked, what disagreed, how long it took and
/// which kernel ran.
public struct SweepOutcome: Sendable {
    public let mode: RoundingMode
    public let overflow: OverflowPolicy
    public let result: KernelSweep.Result
    public let seconds: Double
    /// The kernel's name (`lanes`, `table`, …).
    public let kernel: String

    public init(mode: RoundingMode, overflow: OverflowPolicy, result: KernelSweep.Result, seconds: Double, kernel: String) {
        self.mode = mode
        self.overflow = overflow
        self.result = result
        self.seconds = seconds
        self.kernel = kernel
    }
}
