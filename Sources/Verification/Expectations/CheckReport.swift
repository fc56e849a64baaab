/// What a check of many inputs found: how many inputs and comparisons, how
/// many disagreed, and the first disagreements as values.
public struct CheckReport: Sendable {
    public var inputs = 0
    public var comparisons = 0
    public var mismatchCount = 0
    /// The first `keep` mismatches (in input order within each worker's share).
    public var mismatches: [Mismatch] = []
    /// How long the check took, in seconds (0 when not timed).
    public var seconds: Double = 0

    public init() {}

    /// Adds another report's counts and as many of its mismatches as fit in `keep`.
    public mutating func merge(_ other: CheckReport, keep: Int) {
        inputs += other.inputs
        comparisons += other.comparisons
        mismatchCount += other.mismatchCount
        mismatches += other.mismatches.prefix(Swift.max(0, keep - mismatches.count))
    }
}
