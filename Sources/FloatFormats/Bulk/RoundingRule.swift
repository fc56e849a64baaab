/// A rounding mode as a type, so that bulk kernels specialize their loop for
/// one mode and carry no per-element switch. `round(t, shift:)` is ⌊t / 2^shift⌋
/// rounded by the mode, computed without branches where the mode allows: the
/// carry out of the discarded bits does the rounding, as in the well-known
/// bfloat16 formula `(u + 0x7FFF + ((u &>> 16) & 1)) &>> 16`.
@usableFromInline protocol RoundingRule {
    /// ⌊t / 2^shift⌋ rounded (0 < shift < 64, t < 2^63).
    func round(_ t: UInt64, shift: UInt64, negative: Bool, index: UInt64) -> UInt64
}

/// Code generic in a rounding rule: `RoundingMode.withRule` calls it with the
/// rule of the mode. The one place where modes become rule types.
@usableFromInline protocol RuleBody {
    func callAsFunction<R: LaneRule & RoundingRule>(_ rule: R)
}

extension RoundingMode {
    /// Calls `body` with the rule type of this mode (stochastic rules draw
    /// from `RoundingNoise(seed)`).
    @inlinable
    func withRule<B: RuleBody>(seed: UInt64, _ body: B) {
        switch self {
        case .nearestEven: body(NearestEvenRule())
        case .nearestAway: body(NearestAwayRule())
        case .towardZero: body(TowardZeroRule())
        case .up: body(UpRule())
        case .down: body(DownRule())
        case .odd: body(OddRule())
        case .stochastic(let bits): body(StochasticRule(bits: bits, seed: seed))
        }
    }
}

@usableFromInline struct NearestEvenRule: RoundingRule {
    @inlinable init() {}
    @inlinable @inline(__always)
    func round(_ t: UInt64, shift: UInt64, negative: Bool, index: UInt64) -> UInt64 {
        // Half minus one, plus one more when the kept part is odd: ties go to even.
        (t &+ ((UInt64(1) &<< (shift &- 1)) &- 1) &+ ((t &>> shift) & 1)) &>> shift
    }
}

@usableFromInline struct NearestAwayRule: RoundingRule {
    @inlinable init() {}
    @inlinable @inline(__always)
    func round(_ t: UInt64, shift: UInt64, negative: Bool, index: UInt64) -> UInt64 {
        (t &+ (UInt64(1) &<< (shift &- 1))) &>> shift
    }
}

@usableFromInline struct TowardZeroRule: RoundingRule {
    @inlinable init() {}
    @inlinable @inline(__always)
    func round(_ t: UInt64, shift: UInt64, negative: Bool, index: UInt64) -> UInt64 { t &>> shift }
}

@usableFromInline struct UpRule: RoundingRule {
    @inlinable init() {}
    @inlinable @inline(__always)
    func round(_ t: UInt64, shift: UInt64, negative: Bool, index: UInt64) -> UInt64 {
        (t &+ (negative ? 0 : (UInt64(1) &<< shift) &- 1)) &>> shift
    }
}

@usableFromInline struct DownRule: RoundingRule {
    @inlinable init() {}
    @inlinable @inline(__always)
    func round(_ t: UInt64, shift: UInt64, negative: Bool, index: UInt64) -> UInt64 {
        (t &+ (negative ? (UInt64(1) &<< shift) &- 1 : 0)) &>> shift
    }
}

@usableFromInline struct OddRule: RoundingRule {
    @inlinable init() {}
    @inlinable @inline(__always)
    func round(_ t: UInt64, shift: UInt64, negative: Bool, index: UInt64) -> UInt64 {
        (t &>> shift) | (t & ((UInt64(1) &<< shift) &- 1) != 0 ? 1 : 0)
    }
}

/// Stochastic rounding with `bits` random bits: rounds away from zero when the
/// top `bits` discarded bits plus the random integer reach 2^bits, which is the
/// carry out of adding the random integer aligned under those bits.
@usableFromInline struct StochasticRule: RoundingRule {
    @usableFromInline let bits: UInt64
    @usableFromInline let noise: RoundingNoise
    /// The key of the first 2^32 indices, drawn once.
    @usableFromInline let firstKey: UInt32

    @inlinable init(bits: Int, seed: UInt64) {
        self.bits = UInt64(bits)
        self.noise = RoundingNoise(seed: seed)
        self.firstKey = noise.key(high: 0)
    }

    @inlinable @inline(__always)
    func round(_ t: UInt64, shift: UInt64, negative: Bool, index: UInt64) -> UInt64 {
        let high = index >> 32
        let key = high == 0 ? firstKey : noise.key(high: high)
        let r = UInt64(RoundingNoise.mix(UInt32(truncatingIfNeeded: index), key: key)) & ((UInt64(1) &<< bits) &- 1)
        let addend = shift >= bits ? r &<< (shift &- bits) : r &>> (bits &- shift)
        return (t &+ addend) &>> shift
    }
}
