/// A minimal arbitrary-precision unsigned integer, enough for exact decimal
/// expansions and comparisons of dyadic rationals.
///
/// Limbs are 32-bit, least significant first, with no trailing zero limbs.
/// Performance is adequate for numbers of a few thousand bits (2^-1074 needs
/// about 2,500), which is all the format model asks of it.
struct BigUInt: Hashable, Sendable, Comparable, CustomStringConvertible {
    private(set) var limbs: [UInt32]

    init() { limbs = [] }

    init(_ value: UInt64) {
        limbs = []
        var v = value
        while v != 0 {
            limbs.append(UInt32(truncatingIfNeeded: v))
            v >>= 32
        }
    }

    var isZero: Bool { limbs.isEmpty }

    /// Number of significant bits (0 for zero).
    var bitWidth: Int {
        guard let top = limbs.last else { return 0 }
        return (limbs.count - 1) * 32 + (32 - top.leadingZeroBitCount)
    }

    private mutating func normalize() {
        while let last = limbs.last, last == 0 { limbs.removeLast() }
    }

    static func power(_ base: UInt32, _ exponent: Int) -> BigUInt {
        precondition(exponent >= 0)
        var result = BigUInt(1)
        var b = BigUInt(UInt64(base))
        var e = exponent
        while e > 0 {
            if e & 1 == 1 { result = result * b }
            e >>= 1
            if e > 0 { b = b * b }
        }
        return result
    }

    static func + (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
        var out = [UInt32]()
        out.reserveCapacity(max(lhs.limbs.count, rhs.limbs.count) + 1)
        var carry: UInt64 = 0
        for i in 0..<max(lhs.limbs.count, rhs.limbs.count) {
            let a = i < lhs.limbs.count ? UInt64(lhs.limbs[i]) : 0
            let b = i < rhs.limbs.count ? UInt64(rhs.limbs[i]) : 0
            let s = a + b + carry
            out.append(UInt32(truncatingIfNeeded: s))
            carry = s >> 32
        }
        if carry != 0 { out.append(UInt32(carry)) }
        var r = BigUInt(); r.limbs = out; r.normalize(); return r
    }

    /// `lhs - rhs`; requires `lhs >= rhs`.
    static func - (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
        precondition(lhs >= rhs, "BigUInt subtraction underflow")
        var out = lhs.limbs
        var borrow: Int64 = 0
        for i in 0..<out.count {
            let b = i < rhs.limbs.count ? Int64(rhs.limbs[i]) : 0
            var d = Int64(out[i]) - b - borrow
            if d < 0 { d += 1 << 32; borrow = 1 } else { borrow = 0 }
            out[i] = UInt32(d)
        }
        var r = BigUInt(); r.limbs = out; r.normalize(); return r
    }

    static func * (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
        if lhs.isZero || rhs.isZero { return BigUInt() }
        var out = [UInt32](repeating: 0, count: lhs.limbs.count + rhs.limbs.count)
        for i in 0..<lhs.limbs.count {
            var carry: UInt64 = 0
            let a = UInt64(lhs.limbs[i])
            for j in 0..<rhs.limbs.count {
                let t = a * UInt64(rhs.limbs[j]) + UInt64(out[i + j]) + carry
                out[i + j] = UInt32(truncatingIfNeeded: t)
                carry = t >> 32
            }
            var k = i + rhs.limbs.count
            while carry != 0 {
                let t = UInt64(out[k]) + carry
                out[k] = UInt32(truncatingIfNeeded: t)
                carry = t >> 32
                k += 1
            }
        }
        var r = BigUInt(); r.limbs = out; r.normalize(); return r
    }

    static func << (lhs: BigUInt, shift: Int) -> BigUInt {
        precondition(shift >= 0)
        if lhs.isZero || shift == 0 { return lhs }
        let limbShift = shift / 32, bitShift = shift % 32
        var out = [UInt32](repeating: 0, count: limbShift)
        out.reserveCapacity(limbShift + lhs.limbs.count + 1)
        var carry: UInt32 = 0
        for limb in lhs.limbs {
            if bitShift == 0 {
                out.append(limb)
            } else {
                out.append((limb << UInt32(bitShift)) | carry)
                carry = limb >> UInt32(32 - bitShift)
            }
        }
        if carry != 0 { out.append(carry) }
        var r = BigUInt(); r.limbs = out; r.normalize(); return r
    }

    static func >> (lhs: BigUInt, shift: Int) -> BigUInt {
        precondition(shift >= 0)
        let limbShift = shift / 32, bitShift = shift % 32
        if limbShift >= lhs.limbs.count { return BigUInt() }
        var out = [UInt32]()
        out.reserveCapacity(lhs.limbs.count - limbShift)
        for i in limbShift..<lhs.limbs.count {
            var v = lhs.limbs[i] >> UInt32(bitShift)
            if bitShift != 0, i + 1 < lhs.limbs.count {
                v |= lhs.limbs[i + 1] << UInt32(32 - bitShift)
            }
            out.append(v)
        }
        var r = BigUInt(); r.limbs = out; r.normalize(); return r
    }

    /// Divides by a small divisor, returning quotient and remainder.
    func quotientAndRemainder(dividingBy divisor: UInt32) -> (quotient: BigUInt, remainder: UInt32) {
        precondition(divisor != 0)
        var out = limbs
        var rem: UInt64 = 0
        for i in stride(from: out.count - 1, through: 0, by: -1) {
            let cur = (rem << 32) | UInt64(out[i])
            out[i] = UInt32(cur / UInt64(divisor))
            rem = cur % UInt64(divisor)
        }
        var q = BigUInt(); q.limbs = out; q.normalize()
        return (q, UInt32(rem))
    }

    /// Bit `index` (0 = least significant).
    func bit(_ index: Int) -> Bool {
        let limb = index / 32
        guard index >= 0, limb < limbs.count else { return false }
        return (limbs[limb] >> UInt32(index % 32)) & 1 == 1
    }

    static func < (lhs: BigUInt, rhs: BigUInt) -> Bool {
        if lhs.limbs.count != rhs.limbs.count { return lhs.limbs.count < rhs.limbs.count }
        for i in stride(from: lhs.limbs.count - 1, through: 0, by: -1) where lhs.limbs[i] != rhs.limbs[i] {
            return lhs.limbs[i] < rhs.limbs[i]
        }
        return false
    }

    /// Decimal digits, most significant first ("0" for zero).
    var description: String {
        if isZero { return "0" }
        var chunks: [UInt32] = []
        var n = self
        while !n.isZero {
            let (q, r) = n.quotientAndRemainder(dividingBy: 1_000_000_000)
            chunks.append(r)
            n = q
        }
        var s = String(chunks.removeLast())
        for chunk in chunks.reversed() {
            let digits = String(chunk)
            s += String(repeating: "0", count: 9 - digits.count) + digits
        }
        return s
    }
}

extension BigUInt {
    /// Parses ASCII decimal digits (no sign, no separators); `nil` on anything else.
    init?<S: Sequence>(decimalDigits: S) where S.Element == UInt8 {
        self.init()
        var chunk: UInt64 = 0, chunkDigits = 0, any = false
        for c in decimalDigits {
            guard c >= 48 && c <= 57 else { return nil }
            any = true
            chunk = chunk * 10 + UInt64(c - 48)
            chunkDigits += 1
            if chunkDigits == 9 {
                self = self * BigUInt(1_000_000_000) + BigUInt(chunk)
                chunk = 0
                chunkDigits = 0
            }
        }
        guard any else { return nil }
        if chunkDigits > 0 {
            var scale: UInt64 = 1
            for _ in 0..<chunkDigits { scale *= 10 }
            self = self * BigUInt(scale) + BigUInt(chunk)
        }
    }

    /// The leading 128 bits and whether anything non-zero lies below them:
    /// self = (top + δ) × 2^shift with 0 ≤ δ < 1, δ > 0 ⇔ sticky.
    var leading128: (top: UInt128, shift: Int, sticky: Bool) {
        let width = bitWidth
        if width <= 128 {
            var v: UInt128 = 0
            for (i, limb) in limbs.enumerated() { v |= UInt128(limb) << UInt128(32 * i) }
            return (v, 0, false)
        }
        let shift = width - 128
        let high = self >> shift
        var v: UInt128 = 0
        for (i, limb) in high.limbs.enumerated() { v |= UInt128(limb) << UInt128(32 * i) }
        var sticky = false
        for i in 0..<shift where bit(i) { sticky = true; break }
        return (v, shift, sticky)
    }

    /// ⌊self / divisor⌋ when the quotient is known to fit in 128 bits, and whether
    /// the remainder is non-zero. Restoring division, one quotient bit a step.
    func quotient128(dividingBy divisor: BigUInt) -> (quotient: UInt128, inexact: Bool) {
        precondition(!divisor.isZero)
        var remainder = self
        var q: UInt128 = 0
        let top = max(0, min(127, bitWidth - divisor.bitWidth + 1))
        var d = divisor << top
        for i in stride(from: top, through: 0, by: -1) {
            if d <= remainder {
                remainder = remainder - d
                q |= UInt128(1) << UInt128(i)
            }
            d = d >> 1
        }
        return (q, !remainder.isZero)
    }
}
