/// A rounding mode as a type, so that bulk kernels specialize their loop for
/// one mode and carry no per-element switch. `increment` decides, from the kept
/// integer `q`, the discarded bits `rem` (out of `shift` bits) and the sign,
/// what to add to `q`; `odd` ORs instead, as round-to-odd does.
@usableFromInline protocol RoundingRule {
    /// The integer after rounding `q` with discarded `rem` (0 < shift < 64).
    func apply(_ q: UInt64, _ rem: UInt64, shift: UInt64, negative: Bool, index: UInt64) -> UInt64
}

@usableFromInline struct NearestEvenRule: RoundingRule {
    @inlinable init() {}
    @inlinable @inline(__always)
    func apply(_ q: UInt64, _ rem: UInt64, shift: UInt64, negative: Bool, index: UInt64) -> UInt64 {
        let half = UInt64(1) << (shift &- 1)
        return q &+ ((rem > half || (rem == half && q & 1 == 1)) ? 1 : 0)
    }
}

@usableFromInline struct NearestAwayRule: RoundingRule {
    @inlinable init() {}
    @inlinable @inline(__always)
    func apply(_ q: UInt64, _ rem: UInt64, shift: UInt64, negative: Bool, index: UInt64) -> UInt64 {
        q &+ (rem >= UInt64(1) << (shift &- 1) ? 1 : 0)
    }
}

@usableFromInline struct TowardZeroRule: RoundingRule {
    @inlinable init() {}
    @inlinable @inline(__always)
    func apply(_ q: UInt64, _ rem: UInt64, shift: UInt64, negative: Bool, index: UInt64) -> UInt64 { q }
}

@usableFromInline struct UpRule: RoundingRule {
    @inlinable init() {}
    @inlinable @inline(__always)
    func apply(_ q: UInt64, _ rem: UInt64, shift: UInt64, negative: Bool, index: UInt64) -> UInt64 {
        q &+ (!negative && rem != 0 ? 1 : 0)
    }
}

@usableFromInline struct DownRule: RoundingRule {
    @inlinable init() {}
    @inlinable @inline(__always)
    func apply(_ q: UInt64, _ rem: UInt64, shift: UInt64, negative: Bool, index: UInt64) -> UInt64 {
        q &+ (negative && rem != 0 ? 1 : 0)
    }
}

@usableFromInline struct OddRule: RoundingRule {
    @inlinable init() {}
    @inlinable @inline(__always)
    func apply(_ q: UInt64, _ rem: UInt64, shift: UInt64, negative: Bool, index: UInt64) -> UInt64 {
        q | (rem != 0 ? 1 : 0)
    }
}

@usableFromInline struct StochasticRule: RoundingRule {
    @usableFromInline let bits: UInt64
    @usableFromInline let stream: RandomStream

    @inlinable init(bits: Int, seed: UInt64) {
        self.bits = UInt64(bits)
        self.stream = RandomStream(seed: seed)
    }

    @inlinable @inline(__always)
    func apply(_ q: UInt64, _ rem: UInt64, shift: UInt64, negative: Bool, index: UInt64) -> UInt64 {
        guard rem != 0 else { return q }
        // The top `bits` bits of the discarded fraction, plus a random integer.
        let top = shift >= bits ? rem >> (shift &- bits) : rem << (bits &- shift)
        let r = stream[index] & ((UInt64(1) << bits) &- 1)
        return q &+ (top &+ r >= UInt64(1) << bits ? 1 : 0)
    }
}
