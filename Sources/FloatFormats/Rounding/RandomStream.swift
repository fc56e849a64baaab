/// Reproducible random integers for stochastic rounding, one per element index:
/// a counter-based generator (SplitMix64's finalizer over seed and index), so
/// the value for element i does not depend on how the work is split.
///
/// ```swift
/// let stream = RandomStream(seed: 42)
/// stream[0] == RandomStream(seed: 42)[0]   // true, whatever came before
/// ```
public struct RandomStream: Sendable, Hashable {
    public let seed: UInt64

    public init(seed: UInt64) { self.seed = seed }

    @inlinable public subscript(index: UInt64) -> UInt64 {
        var z = seed &+ (index &+ 1) &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
