/// SoftFloat's `shiftRightJam`: `x >> distance` with every bit shifted out
/// ORed into the lowest bit of the result (the "jam", or sticky bit), so that
/// a later rounding still knows the value was not exact. A distance of the
/// width or more leaves 0 or 1.
///
/// ```swift
/// shiftRightJam(UInt64(0b1011_0000), 4)   // 0b1011: nothing lost
/// shiftRightJam(UInt64(0b1011_0001), 4)   // 0b1011 | 1 = 0b1011: a 1 was lost, bit 0 already set
/// shiftRightJam(UInt64(0b1010_0001), 4)   // 0b1011: the lost 1 jammed into bit 0
/// shiftRightJam(UInt64(5), 64)            // 1
/// ```
@inlinable @inline(__always)
package func shiftRightJam<T: FixedWidthInteger & UnsignedInteger>(_ x: T, _ distance: Int) -> T {
    precondition(distance >= 0, "a negative shift distance")
    if distance == 0 { return x }
    if distance >= T.bitWidth { return x != 0 ? 1 : 0 }
    let lost = x & ((1 &<< distance) &- 1)
    return (x &>> distance) | (lost != 0 ? 1 : 0)
}
