/// The random integers of stochastic rounding: 32 bits for each element
/// index, counter-based, so that element i gets the same integer however the
/// work is split, and cheap enough for the vector kernels to draw one per
/// element. The low 32 bits of the index go through a 32-bit bijective hash
/// (Chris Wellons's lowbias32) after an XOR with a key drawn from the seed and
/// the index's high 32 bits.
///
/// ```swift
/// let noise = RoundingNoise(seed: 42)
/// noise[7] == RoundingNoise(seed: 42)[7]   // true, whatever came before
/// noise[7] == RoundingNoise.mix(7, key: noise.key(high: 0))   // true
/// ```
public struct RoundingNoise: Sendable, Hashable {
    public let seed: UInt64

    public init(seed: UInt64) { self.seed = seed }

    /// The key of the indices whose high 32 bits are `high`.
    @inlinable public func key(high: UInt64) -> UInt32 {
        UInt32(truncatingIfNeeded: RandomStream(seed: seed)[high] >> 32)
    }

    @inlinable @inline(__always)
    public static func mix(_ low: UInt32, key: UInt32) -> UInt32 {
        var x = low ^ key
        x ^= x &>> 16
        x = x &* 0x7FEB_352D
        x ^= x &>> 15
        x = x &* 0x846C_A68B
        return x ^ (x &>> 16)
    }

    @inlinable public subscript(index: UInt64) -> UInt32 {
        Self.mix(UInt32(truncatingIfNeeded: index), key: key(high: index >> 32))
    }
}
