/// Stochastic rounding whose subnormal results take two steps (float16 with
/// more than 13 random bits): q = x / ulp rounded to nearest and the remainder
/// lo ∈ [−ulp/2, ulp/2] from the adder, then lo aligned to ulp / 2^bits by
/// adding `refinement` = 1.5·2^(emin − M − bits + 23), which keeps the sum in one
/// binade for bits ≤ 23. ⌊x·2^bits / ulp⌋ = q·2^bits + ⌊lo·2^bits / ulp⌋, so the
/// random integer's carry out of the second part (−1, 0 or 1, an arithmetic
/// shift) corrects q.
@usableFromInline struct RefinedStochasticRule: RoundingRule, LaneRule {
    @usableFromInline let base: StochasticRule
    @inlinable init(_ base: StochasticRule) { self.base = base }

    @inlinable @inline(__always)
    func round(_ t: UInt64, shift: UInt64, negative: Bool, index: UInt64) -> UInt64 {
        base.round(t, shift: shift, negative: negative, index: index)
    }
    @inlinable @inline(__always)
    func random(_ low: UInt32, key: UInt32) -> UInt32 { base.random(low, key: key) }
    @inlinable @inline(__always)
    func round(_ t: UInt32, shift: UInt32, negative: Bool, random: UInt32) -> UInt32 {
        base.round(t, shift: shift, negative: negative, random: random)
    }
    @inlinable @inline(__always)
    func adjust(_ q: UInt32, lo: Float, half: Float, refinement: Float, negative: Bool, random: UInt32) -> UInt32 {
        let sum: Float = lo + refinement
        let low: Float = lo - (sum - refinement)
        let top = Int32(bitPattern: sum.bitPattern &- refinement.bitPattern) &- (low < 0 ? 1 : 0)
        let carry = (top &+ Int32(bitPattern: random)) &>> Int32(truncatingIfNeeded: base.bits)    // −1, 0 or 1
        return q &+ UInt32(bitPattern: carry)
    }

}
