/// A rounding mode for the lane kernel: the normal case as a fixed shift, the
/// subnormal case as a correction of the adder's nearest-even result.
@usableFromInline protocol LaneRule {
    /// The random integer of element `low` (the index's low 32 bits) in a
    /// block whose indices share the key; 0 for deterministic modes.
    func random(_ low: UInt32, key: UInt32) -> UInt32
    /// ⌊t / 2^shift⌋ rounded (0 < shift < 32, t < 2^31).
    func round(_ t: UInt32, shift: UInt32, negative: Bool, random: UInt32) -> UInt32
    /// The result from q, the nearest-even quotient x / ulp, and the exact
    /// remainder `lo` = x − q·ulp (|lo| ≤ half = ulp / 2). The ulp is the
    /// subnormal one, or that divided by 2^bits for one-step stochastic rounding.
    func adjust(_ q: UInt32, lo: Float, half: Float, refinement: Float, negative: Bool, random: UInt32) -> UInt32
}

extension LaneRule {
    @inlinable @inline(__always)
    func random(_ low: UInt32, key: UInt32) -> UInt32 { 0 }
}

extension NearestEvenRule: LaneRule {
    @inlinable @inline(__always)
    func round(_ t: UInt32, shift: UInt32, negative: Bool, random: UInt32) -> UInt32 {
        (t &+ ((UInt32(1) &<< (shift &- 1)) &- 1) &+ ((t &>> shift) & 1)) &>> shift
    }
    @inlinable @inline(__always)
    func adjust(_ q: UInt32, lo: Float, half: Float, refinement: Float, negative: Bool, random: UInt32) -> UInt32 { q }
}

extension NearestAwayRule: LaneRule {
    @inlinable @inline(__always)
    func round(_ t: UInt32, shift: UInt32, negative: Bool, random: UInt32) -> UInt32 {
        (t &+ (UInt32(1) &<< (shift &- 1))) &>> shift
    }
    /// Nearest-even went down at a tie x = q·ulp + half; away goes up.
    @inlinable @inline(__always)
    func adjust(_ q: UInt32, lo: Float, half: Float, refinement: Float, negative: Bool, random: UInt32) -> UInt32 { q &+ (lo == half ? 1 : 0) }
}

extension TowardZeroRule: LaneRule {
    @inlinable @inline(__always)
    func round(_ t: UInt32, shift: UInt32, negative: Bool, random: UInt32) -> UInt32 { t &>> shift }
    @inlinable @inline(__always)
    func adjust(_ q: UInt32, lo: Float, half: Float, refinement: Float, negative: Bool, random: UInt32) -> UInt32 { q &- (lo < 0 ? 1 : 0) }
}

extension UpRule: LaneRule {
    @inlinable @inline(__always)
    func round(_ t: UInt32, shift: UInt32, negative: Bool, random: UInt32) -> UInt32 {
        (t &+ (negative ? 0 : (UInt32(1) &<< shift) &- 1)) &>> shift
    }
    /// Magnitudes: up for positive values, toward zero for negative ones.
    @inlinable @inline(__always)
    func adjust(_ q: UInt32, lo: Float, half: Float, refinement: Float, negative: Bool, random: UInt32) -> UInt32 {
        negative ? q &- (lo < 0 ? 1 : 0) : q &+ (lo > 0 ? 1 : 0)
    }
}

extension DownRule: LaneRule {
    @inlinable @inline(__always)
    func round(_ t: UInt32, shift: UInt32, negative: Bool, random: UInt32) -> UInt32 {
        (t &+ (negative ? (UInt32(1) &<< shift) &- 1 : 0)) &>> shift
    }
    @inlinable @inline(__always)
    func adjust(_ q: UInt32, lo: Float, half: Float, refinement: Float, negative: Bool, random: UInt32) -> UInt32 {
        negative ? q &+ (lo > 0 ? 1 : 0) : q &- (lo < 0 ? 1 : 0)
    }
}

extension OddRule: LaneRule {
    @inlinable @inline(__always)
    func round(_ t: UInt32, shift: UInt32, negative: Bool, random: UInt32) -> UInt32 {
        (t &>> shift) | (t & ((UInt32(1) &<< shift) &- 1) != 0 ? 1 : 0)
    }
    @inlinable @inline(__always)
    func adjust(_ q: UInt32, lo: Float, half: Float, refinement: Float, negative: Bool, random: UInt32) -> UInt32 {
        (q &- (lo < 0 ? 1 : 0)) | (lo != 0 ? 1 : 0)
    }
}

extension StochasticRule: LaneRule {
    @inlinable @inline(__always)
    func random(_ low: UInt32, key: UInt32) -> UInt32 {
        RoundingNoise.mix(low, key: key) & UInt32(truncatingIfNeeded: (UInt64(1) &<< bits) &- 1)
    }

    /// Away from zero when the top `bits` discarded bits plus the random
    /// integer reach 2^bits: the carry of the random integer aligned under them.
    @inlinable @inline(__always)
    func round(_ t: UInt32, shift: UInt32, negative: Bool, random: UInt32) -> UInt32 {
        // The random integer moved to the top of the word, then down under the
        // discarded bits: both shifts are the same for every lane.
        let bits = UInt32(truncatingIfNeeded: self.bits)
        let addend = (random &<< (32 &- bits)) &>> (32 &- shift)
        return (t &+ addend) &>> shift
    }

    /// One step: q and lo are on the grid of ulp / 2^bits, so ⌊q⌋ holds the
    /// top `bits` discarded bits, and the random integer's carry rounds up.
    @inlinable @inline(__always)
    func adjust(_ q: UInt32, lo: Float, half: Float, refinement: Float, negative: Bool, random: UInt32) -> UInt32 {
        let floor: UInt32 = q &- (lo < 0 ? 1 : 0)
        return (floor &+ random) &>> UInt32(truncatingIfNeeded: bits)
    }
}
