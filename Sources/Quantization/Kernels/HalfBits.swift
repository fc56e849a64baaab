/// float32 → float16 and float16 → float64 on the bits, for the one or two
/// float16 scales of each ggml block: x86-64's baseline has no F16C, so
/// Swift's `Float16` conversions there are library calls.
///
/// ```swift
/// HalfBits.encode(1.0)        // 0x3C00
/// HalfBits.encode(65520)      // 0x7C00 (+∞: the tie with 2^16 goes to even)
/// HalfBits.decode(0x0001)     // 5.960464477539063e-08 (2^-24)
/// ```
enum HalfBits {
    /// The float16 nearest x, ties to even, overflowing to ±∞ (as
    /// `Float16(x)` and ggml's `GGML_FP32_TO_FP16`); a NaN gives the quiet NaN 0x7E00 with x's sign.
    @inline(__always)
    static func encode(_ x: Float) -> UInt16 {
        let b = x.bitPattern
        let sign = UInt16(truncatingIfNeeded: b >> 16) & 0x8000
        let a = b & 0x7FFF_FFFF
        if a > 0x7F80_0000 { return sign | 0x7E00 }
        if a >= 0x477F_F000 { return sign | 0x7C00 }          // ≥ 65520, the midpoint of 65504 and 2^16
        if a < 0x3880_0000 {
            // Below 2^-14: a subnormal code, |x| · 2^24 to the nearest even integer (exact: it is below 2^10,
            // and adding 2^23 leaves the integer part in the low bits, rounded to nearest even).
            let scaled = Float(bitPattern: a) * 0x1p24
            return sign | UInt16(truncatingIfNeeded: ((scaled + 0x1p23).bitPattern & 0x7FF))
        }
        // Normal: rebias the exponent (127 → 15), keep ten fraction bits, round on the thirteen below.
        let h = (a &- (112 << 23)) >> 13
        let rest = a & 0x1FFF
        let up: UInt32 = rest > 0x1000 || (rest == 0x1000 && h & 1 == 1) ? 1 : 0
        return sign | UInt16(truncatingIfNeeded: h &+ up)
    }

    /// The value of a float16 encoding, exactly.
    @inline(__always)
    static func decode(_ h: UInt16) -> Double {
        let sign = UInt64(h & 0x8000) << 48
        let e = UInt64(h >> 10) & 0x1F, m = UInt64(h & 0x3FF)
        if e == 0 { return Double(bitPattern: sign) + (sign != 0 ? -1 : 1) * Double(m) * 0x1p-24 }
        if e == 0x1F { return Double(bitPattern: sign | 0x7FF0_0000_0000_0000 | m << 42) }
        return Double(bitPattern: sign | (e + 1008) << 52 | m << 42)
    }
}
