import Foundation

/// An exact dyadic rational: `±significand × 2^exponent`.
///
/// Every finite value of every binary floating-point format is a dyadic
/// rational, so this is how the format model states values without going
/// through `Double`. The representation is kept normalized: the significand
/// is odd, or zero with exponent 0, so equal values have equal fields.
///
/// ```swift
/// let x = Dyadic(significand: 7, exponent: 6)      // 7 × 2^6
/// x.exactDecimal()                                  // "448"
/// Dyadic(significand: 1, exponent: -9).exactDecimal() // "0.001953125"
/// ```
///
/// The sign of zero is kept (`-0` and `+0` differ in `isNegative`) but they
/// compare equal numerically through `<`, `==` is structural.
public struct Dyadic: Hashable, Sendable, CustomStringConvertible {
    public let isNegative: Bool
    /// Odd, or zero.
    public let significand: UInt64
    /// The power of two; 0 when the value is zero.
    public let exponent: Int

    /// `±significand × 2^exponent`, normalized.
    public init(isNegative: Bool = false, significand: UInt64, exponent: Int) {
        self.isNegative = isNegative
        if significand == 0 {
            self.significand = 0
            self.exponent = 0
        } else {
            let tz = significand.trailingZeroBitCount
            self.significand = significand >> UInt64(tz)
            self.exponent = exponent + tz
        }
    }

    /// `2^exponent`.
    public static func powerOfTwo(_ exponent: Int, negative: Bool = false) -> Dyadic {
        Dyadic(isNegative: negative, significand: 1, exponent: exponent)
    }

    public static let zero = Dyadic(significand: 0, exponent: 0)

    public var isZero: Bool { significand == 0 }

    /// The value with the opposite sign.
    public var negated: Dyadic {
        Dyadic(isNegative: !isNegative, significand: significand, exponent: exponent)
    }

    /// The absolute value.
    public var magnitude: Dyadic {
        Dyadic(isNegative: false, significand: significand, exponent: exponent)
    }

    /// `floor(log2(|x|))`: the binade the value lies in. `nil` for zero.
    public var binade: Int? {
        isZero ? nil : exponent + (63 - significand.leadingZeroBitCount)
    }

    /// Number of significant bits of the significand (0 for zero).
    public var significantBits: Int { isZero ? 0 : 64 - significand.leadingZeroBitCount }

    /// `log2(|x|)` as a `Double`, for display only (dynamic ranges, decibels).
    public var log2Magnitude: Double {
        Double(exponent) + Foundation.log2(Double(significand))
    }

    /// The nearest `Double`, for display and plotting only; exact whenever the value
    /// fits in binary64 (every value of every format of up to 64 bits with ≤ 52
    /// fraction bits and an exponent range inside binary64's).
    public var doubleValue: Double {
        let d = Double(sign: isNegative ? .minus : .plus, exponent: exponent, significand: Double(significand))
        return d
    }

    public var description: String { exactDecimal() }
}

extension Dyadic {
    /// a + b for non-negative values whose significands, aligned to the smaller
    /// exponent, fit in 128 bits (neighbours of one format always do). Exact when
    /// the sum has at most 64 significant bits; otherwise its leading 64 bits.
    ///
    /// ```swift
    /// Dyadic.sum(Dyadic(significand: 7, exponent: 6), .powerOfTwo(5))   // 480
    /// ```
    public static func sum(_ a: Dyadic, _ b: Dyadic) -> Dyadic {
        if a.isZero { return b.magnitude }
        if b.isZero { return a.magnitude }
        let e = Swift.min(a.exponent, b.exponent)
        var s = (UInt128(a.significand) << UInt128(a.exponent - e)) + (UInt128(b.significand) << UInt128(b.exponent - e))
        var shift = 0
        while s >> 64 != 0 { s >>= 1; shift += 1 }
        return Dyadic(significand: UInt64(s), exponent: e + shift)
    }

    /// a − b for a ≥ b ≥ 0 under the same conditions as `sum`.
    ///
    /// ```swift
    /// Dyadic.difference(.powerOfTwo(-6), .powerOfTwo(-9))   // 7 × 2^-9, e4m3fn's largest subnormal
    /// ```
    public static func difference(_ a: Dyadic, _ b: Dyadic) -> Dyadic {
        precondition(!a.isNegative && !b.isNegative && !(a < b), "a ≥ b ≥ 0")
        if b.isZero { return a.magnitude }
        let e = Swift.min(a.exponent, b.exponent)
        var s = (UInt128(a.significand) << UInt128(a.exponent - e)) - (UInt128(b.significand) << UInt128(b.exponent - e))
        var shift = 0
        while s >> 64 != 0 { s >>= 1; shift += 1 }
        return Dyadic(significand: UInt64(s), exponent: e + shift)
    }
}

extension Dyadic: Comparable {
    /// Numeric order; `-0` and `+0` are not less than each other.
    public static func < (lhs: Dyadic, rhs: Dyadic) -> Bool {
        compare(lhs, rhs) < 0
    }

    /// Numeric three-way comparison: negative, zero or positive.
    public static func compare(_ lhs: Dyadic, _ rhs: Dyadic) -> Int {
        let ls = lhs.isZero ? 0 : (lhs.isNegative ? -1 : 1)
        let rs = rhs.isZero ? 0 : (rhs.isNegative ? -1 : 1)
        if ls != rs { return ls < rs ? -1 : 1 }
        if ls == 0 { return 0 }
        let m = compareMagnitudes(lhs, rhs)
        return ls > 0 ? m : -m
    }

    /// Compares `|lhs|` with `|rhs|`.
    public static func compareMagnitudes(_ lhs: Dyadic, _ rhs: Dyadic) -> Int {
        if lhs.isZero || rhs.isZero {
            return lhs.isZero ? (rhs.isZero ? 0 : -1) : 1
        }
        let lt = lhs.binade!, rt = rhs.binade!
        if lt != rt { return lt < rt ? -1 : 1 }
        // Same top bit position: align the significands on it.
        let la = lhs.significand << UInt64(lhs.significand.leadingZeroBitCount)
        let ra = rhs.significand << UInt64(rhs.significand.leadingZeroBitCount)
        return la == ra ? 0 : (la < ra ? -1 : 1)
    }
}

// MARK: - Exact decimal expansion

extension Dyadic {
    /// The complete decimal expansion. A dyadic rational always has a finite one:
    /// `m × 2^-k = m × 5^k / 10^k` has at most `k` digits after the point.
    ///
    /// ```swift
    /// Dyadic(significand: 3, exponent: -1).exactDecimal()   // "1.5"
    /// Dyadic.powerOfTwo(-24).exactDecimal()                 // "0.000000059604644775390625"
    /// ```
    public func exactDecimal() -> String {
        let sign = isNegative ? "-" : ""
        if isZero { return sign + "0" }
        if exponent >= 0 {
            return sign + (BigUInt(significand) << exponent).description
        }
        let k = -exponent
        var digits = (BigUInt(significand) * BigUInt.power(5, k)).description
        if digits.count <= k {
            digits = String(repeating: "0", count: k - digits.count + 1) + digits
        }
        let split = digits.index(digits.endIndex, offsetBy: -k)
        var fraction = String(digits[split...])
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let integer = String(digits[..<split])
        return sign + integer + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// The exact decimal expansion in scientific form: `d.ddd…e±N`, every digit kept.
    public func exactScientific() -> String {
        let sign = isNegative ? "-" : ""
        if isZero { return sign + "0" }
        let (digits, point) = exactDigits()
        return sign + DecimalDigits(digits: digits, pointPosition: point).scientific()
    }

    /// All significant decimal digits (no leading or trailing zeros) and the
    /// position of the decimal point: value = 0.d1d2… × 10^point.
    func exactDigits() -> (digits: [UInt8], point: Int) {
        precondition(!isZero)
        let scaled: BigUInt
        let fractionDigits: Int
        if exponent >= 0 {
            scaled = BigUInt(significand) << exponent
            fractionDigits = 0
        } else {
            scaled = BigUInt(significand) * BigUInt.power(5, -exponent)
            fractionDigits = -exponent
        }
        var digits = Array(scaled.description.utf8.map { $0 - 48 })
        let point = digits.count - fractionDigits
        while digits.last == 0 { digits.removeLast() }
        return (digits, point)
    }
}
