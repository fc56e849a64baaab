import FloatFormats

/// An exact sum of binary floating-point values and of their products: one
/// long fixed-point integer in two's complement (Kulisch's accumulator), wide
/// enough for every term the formats can produce, so nothing is ever rounded
/// until the sum is read out.
///
/// Bit 0 of the first word weighs 2^`lowestExponent`; the words span the
/// range asked for plus 64 guard bits (room for 2^63 terms) and a sign. A
/// float64 product accumulator is 67 words; an fp8 one is 2.
///
/// ```swift
/// var sum = ExactAccumulator(values: [.float32])
/// sum.add(0x3F80_0000, in: .float32)     // 1
/// sum.add(0x3380_0000, in: .float32)     // 2^-24
/// sum.add(0xBF80_0000, in: .float32)     // −1
/// sum.doubleValue                         // 5.960464477539063e-08: 2^-24, where float32 would give 0
/// ```
public struct ExactAccumulator: Sendable, Equatable {
    /// The weight of bit 0: 2^lowestExponent.
    public let lowestExponent: Int
    private var words: [UInt64]

    /// An accumulator for values whose bits lie in [2^lowestExponent, 2^highestExponent).
    public init(lowestExponent: Int, highestExponent: Int) {
        precondition(highestExponent > lowestExponent, "an empty exponent range")
        self.lowestExponent = lowestExponent
        words = [UInt64](repeating: 0, count: (highestExponent - lowestExponent + 64 + 1 + 63) / 64)
    }

    /// An accumulator for the finite values of the formats `values` and the
    /// products of two finite values of any of the formats `products`.
    public init(values: [FloatFormat], products: [FloatFormat] = []) {
        let lows = values.map(\.lowestBitExponent) + products.map { 2 * $0.lowestBitExponent }
        let highs = values.map { $0.emax + 1 } + products.map { 2 * ($0.emax + 1) }
        self.init(lowestExponent: lows.min()!, highestExponent: max(highs.max()!, lows.min()! + 1))
    }

    /// Adds ±significand × 2^exponent; the exponent is at least `lowestExponent`.
    public mutating func add(negative: Bool, significand: UInt128, exponent: Int) {
        guard significand != 0 else { return }
        precondition(exponent >= lowestExponent, "a term below the accumulator's lowest bit")
        let offset = exponent - lowestExponent
        let index = offset >> 6, shift = offset & 63
        let lo = UInt64(truncatingIfNeeded: significand), hi = UInt64(truncatingIfNeeded: significand >> 64)
        let parts: (UInt64, UInt64, UInt64) = shift == 0
            ? (lo, hi, 0)
            : (lo << UInt64(shift), (lo >> UInt64(64 - shift)) | (hi << UInt64(shift)), hi >> UInt64(64 - shift))
        precondition(index + 2 < words.count || (index + 2 == words.count && parts.2 == 0) || (index + 1 == words.count && parts.1 == 0 && parts.2 == 0),
                     "a term above the accumulator's range")
        words.withUnsafeMutableBufferPointer { w in
            if negative { Self.subtract(parts, at: index, from: w) } else { Self.add(parts, at: index, to: w) }
        }
    }

    private static func add(_ p: (UInt64, UInt64, UInt64), at index: Int, to w: UnsafeMutableBufferPointer<UInt64>) {
        var carry = false
        var i = index
        for part in [p.0, p.1, p.2] where i < w.count {
            let (s1, c1) = w[i].addingReportingOverflow(part)
            let (s2, c2) = s1.addingReportingOverflow(carry ? 1 : 0)
            w[i] = s2
            carry = c1 || c2
            i += 1
        }
        while carry && i < w.count {
            let (s, c) = w[i].addingReportingOverflow(1)
            w[i] = s
            carry = c
            i += 1
        }
    }

    private static func subtract(_ p: (UInt64, UInt64, UInt64), at index: Int, from w: UnsafeMutableBufferPointer<UInt64>) {
        var borrow = false
        var i = index
        for part in [p.0, p.1, p.2] where i < w.count {
            let (s1, b1) = w[i].subtractingReportingOverflow(part)
            let (s2, b2) = s1.subtractingReportingOverflow(borrow ? 1 : 0)
            w[i] = s2
            borrow = b1 || b2
            i += 1
        }
        while borrow && i < w.count {
            let (s, b) = w[i].subtractingReportingOverflow(1)
            w[i] = s
            borrow = b
            i += 1
        }
    }

    /// Adds a finite encoding of `format` (negated when `negate` is set); `false`
    /// for an infinity or a NaN, which an exact sum cannot hold.
    @discardableResult
    public mutating func add(_ code: UInt64, in format: FloatFormat, negate: Bool = false) -> Bool {
        let c = code & format.encodingMask
        guard !format.isSpecial(c) else { return false }
        let v = format.unpackFinite(c, flushSubnormals: false)
        add(negative: v.negative != negate, significand: UInt128(v.significand), exponent: v.exponent)
        return true
    }

    /// Adds the exact product of two finite encodings of `format`; `false`
    /// when either is an infinity or a NaN.
    @discardableResult
    public mutating func addProduct(_ a: UInt64, _ b: UInt64, in format: FloatFormat, magnitude: Bool = false) -> Bool {
        let x = a & format.encodingMask, y = b & format.encodingMask
        guard !format.isSpecial(x), !format.isSpecial(y) else { return false }
        let u = format.unpackFinite(x, flushSubnormals: false), v = format.unpackFinite(y, flushSubnormals: false)
        add(negative: magnitude ? false : u.negative != v.negative, significand: UInt128(u.significand) * UInt128(v.significand),
            exponent: u.exponent + v.exponent)
        return true
    }

    /// Adds another accumulator's value (the same lowest exponent and width).
    public mutating func add(_ other: ExactAccumulator) {
        precondition(other.lowestExponent == lowestExponent && other.words.count == words.count, "accumulators of different ranges")
        var carry = false
        for i in words.indices {
            let (s1, c1) = words[i].addingReportingOverflow(other.words[i])
            let (s2, c2) = s1.addingReportingOverflow(carry ? 1 : 0)
            words[i] = s2
            carry = c1 || c2
        }
    }

    public var isZero: Bool { words.allSatisfy { $0 == 0 } }
    public var isNegative: Bool { words[words.count - 1] >> 63 == 1 }

    /// The value rounded once into `format`, with its flags.
    public func rounded(into format: FloatFormat, options: RoundingOptions = .default, random: UInt64 = 0) -> RoundedResult {
        var magnitude = words
        let negative = isNegative
        if negative {
            var carry = true
            for i in magnitude.indices {
                let (s, c) = (~magnitude[i]).addingReportingOverflow(carry ? 1 : 0)
                magnitude[i] = s
                carry = c
            }
        }
        guard let top = magnitude.lastIndex(where: { $0 != 0 }) else {
            return format.roundAndPack(negative: false, significand: UInt128(0), exponent: 0, sticky: false, options: options)
        }
        // The 128 bits from the leading one down, and whether anything lies below them.
        let topBit = top * 64 + 63 - magnitude[top].leadingZeroBitCount
        let start = max(topBit - 127, 0)
        var significand: UInt128 = 0
        for k in 0..<3 {
            let wordIndex = start / 64 + k
            guard wordIndex < magnitude.count else { break }
            let position = wordIndex * 64 - start
            let word = UInt128(magnitude[wordIndex])
            if position >= 0 { if position < 128 { significand |= word << position } } else { significand |= word >> (-position) }
        }
        var sticky = false
        if start > 0 {
            let below = start / 64
            sticky = magnitude[..<below].contains { $0 != 0 } || (start % 64 != 0 && magnitude[below] & ((UInt64(1) << UInt64(start % 64)) - 1) != 0)
        }
        return format.roundAndPack(negative: negative, significand: significand, exponent: lowestExponent + start,
                                   sticky: sticky, options: options, random: random)
    }

    /// The value rounded to the nearest float64 (ties to even; ±∞ beyond its range).
    public var doubleValue: Double { Double(bitPattern: rounded(into: .float64).code) }
}

extension FloatFormat {
    /// The exponent of the lowest bit a finite value can have: that of the
    /// smallest subnormal's last bit, or of the smallest normal's.
    var lowestBitExponent: Int { emin - fractionBits }
}
