/// ±a · 2^ea + ±b · 2^eb for a significand a of up to 126 bits (an exact
/// product, or an operand) and b of up to 64 bits, in 128-bit integers: exact
/// where the two can cancel, and otherwise truncated with a sticky bit far
/// below the result's precision.
///
/// a is moved so that its top bit is bit 125. Where the two top bits are
/// within one place of each other (the only case in which the sum can lose
/// more than one leading bit), b is then shifted left, which is exact: its
/// lowest bit lands at 124 − 63 = 61 or above. Where b's top is two or more
/// places below, it is shifted right, truncated, with the lost bits as
/// sticky; where it is two or more places above, b goes to bit 125 and a is
/// truncated instead. The sum then has its top bit at 124 or above and a
/// truncation error below bit 0, at least 60 places under a precision of 64
/// bits or fewer: ⌊value⌋ and the sticky bit are what round-and-pack needs,
/// stochastic rounding's 32 bits of fraction included.
enum ExactSum {
    struct Sum {
        var negative: Bool
        /// The sum is (significand + δ) · 2^exponent, 0 ≤ δ < 1, δ > 0 exactly when `sticky`.
        var significand: UInt128
        var exponent: Int
        var sticky: Bool
    }

    /// x >> distance and whether a non-zero bit was shifted out.
    @inline(__always)
    static func shiftRight(_ x: UInt128, _ distance: Int) -> (UInt128, Bool) {
        if distance <= 0 { return (x, false) }
        if distance >= 128 { return (0, x != 0) }
        return (x >> UInt128(distance), x & ((UInt128(1) << UInt128(distance)) - 1) != 0)
    }

    /// The sum; nil when it is exactly zero (opposite signs, equal magnitudes).
    @inline(__always)
    static func add(_ na: Bool, _ a: UInt128, _ ea: Int, _ nb: Bool, _ b: UInt128, _ eb: Int) -> Sum? {
        precondition(a != 0 && b != 0 && a >> 126 == 0 && b >> 64 == 0, "operands of 1…126 and 1…64 bits")
        let topA = ea + 127 - a.leadingZeroBitCount, topB = eb + 127 - b.leadingZeroBitCount
        var bigN: Bool, big: UInt128, small: UInt128, smallN: Bool, frame: Int, sticky = false
        if topB >= topA + 2 {
            // b leads: b at bit 125, a truncated below it.
            let shift = 125 - (127 - b.leadingZeroBitCount)
            big = b << UInt128(shift); bigN = nb; frame = eb - shift
            // a's top is at bit 123 or below: a left shift fits, a right one truncates.
            if ea >= frame { small = a << UInt128(ea - frame) } else { (small, sticky) = shiftRight(a, frame - ea) }
            smallN = na
        } else {
            let shift = 125 - (127 - a.leadingZeroBitCount)
            big = a << UInt128(shift); bigN = na; frame = ea - shift
            smallN = nb
            let offset = eb - frame   // b's lowest bit in the frame
            if offset >= 0 {
                small = b << UInt128(offset)   // b's top ≤ topA + 1 = bit 126: fits
            } else {
                (small, sticky) = shiftRight(b, -offset)
            }
        }
        if bigN == smallN {
            return Sum(negative: bigN, significand: big + small, exponent: frame, sticky: sticky)
        }
        // Opposite signs: |big| − |small|, the larger first. With a truncated small, big − (small + δ)
        // = (big − small − 1) + (1 − δ): one less, still sticky.
        if big >= small {
            if big == small && !sticky { return nil }
            return Sum(negative: bigN, significand: big - small - (sticky ? 1 : 0), exponent: frame, sticky: sticky)
        }
        // small > big happens only when both are exact (the tops were within one place).
        return Sum(negative: smallN, significand: small - big, exponent: frame, sticky: false)
    }
}
