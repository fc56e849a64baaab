/// An exact decimal: ±digits × 10^exponent. Every dyadic and every typed decimal
/// is one, so differences between them (rounding errors) are exact too.
///
/// ```swift
/// let x = try DecimalNumber("0.1")
/// let stored = FloatFormat.bfloat16.decodeUnchecked(0x3DCD).value!   // 0.10009765625
/// (ExactDecimal(stored) - ExactDecimal(x)!).description          // "0.00009765625"
/// ```
public struct ExactDecimal: Hashable, Sendable, CustomStringConvertible {
    public let isNegative: Bool
    let digits: BigUInt
    public let exponent: Int

    init(isNegative: Bool, digits: BigUInt, exponent: Int) {
        self.isNegative = isNegative && !digits.isZero
        self.digits = digits
        self.exponent = exponent
    }

    /// The exact decimal of a dyadic.
    public init(_ d: Dyadic) {
        if d.exponent >= 0 {
            self.init(isNegative: d.isNegative, digits: BigUInt(d.significand) << d.exponent, exponent: 0)
        } else {
            self.init(isNegative: d.isNegative, digits: BigUInt(d.significand) * BigUInt.power(5, -d.exponent), exponent: d.exponent)
        }
    }

    /// The exact value of a typed finite number; `nil` for inf and nan.
    public init?(_ n: DecimalNumber) {
        switch n.kind {
        case .decimal(let d, let e):
            self.init(isNegative: n.isNegative, digits: d, exponent: e)
        case .binary(let m, let e):
            if e >= 0 {
                self.init(isNegative: n.isNegative, digits: m << e, exponent: 0)
            } else {
                self.init(isNegative: n.isNegative, digits: m * BigUInt.power(5, -e), exponent: e)
            }
        default:
            return nil
        }
    }

    public var isZero: Bool { digits.isZero }

    public static func - (a: ExactDecimal, b: ExactDecimal) -> ExactDecimal {
        a + ExactDecimal(isNegative: !b.isNegative, digits: b.digits, exponent: b.exponent)
    }

    public static func + (a: ExactDecimal, b: ExactDecimal) -> ExactDecimal {
        let e = min(a.exponent, b.exponent)
        let x = a.digits * BigUInt.power(10, a.exponent - e)
        let y = b.digits * BigUInt.power(10, b.exponent - e)
        if a.isNegative == b.isNegative {
            return ExactDecimal(isNegative: a.isNegative, digits: x + y, exponent: e)
        }
        if x >= y { return ExactDecimal(isNegative: a.isNegative, digits: x - y, exponent: e) }
        return ExactDecimal(isNegative: b.isNegative, digits: y - x, exponent: e)
    }

    /// The magnitude.
    public var magnitude: ExactDecimal { ExactDecimal(isNegative: false, digits: digits, exponent: exponent) }

    /// All digits, in plain notation for moderate magnitudes and scientific beyond.
    public var description: String {
        if isZero { return "0" }
        return (isNegative ? "-" : "") + significantDigits.automatic()
    }

    /// The digits without trailing zeros, with the decimal point's position.
    public var significantDigits: DecimalDigits {
        var d = Array(digits.description.utf8.map { $0 - 48 })
        let point = exponent + d.count
        while d.last == 0 { d.removeLast() }
        return DecimalDigits(digits: d, pointPosition: point)
    }

    /// Rounded to `count` significant digits (ties away), scientific, for display.
    public func scientific(significant count: Int) -> String {
        if isZero { return "0" }
        let all = significantDigits
        var d = Array(all.digits.prefix(count))
        var point = all.pointPosition
        if all.digits.count > count && all.digits[count] >= 5 {
            var i = d.count - 1
            d[i] += 1
            while i > 0 && d[i] == 10 { d[i] = 0; d[i - 1] += 1; i -= 1 }
            if d[0] == 10 { d[0] = 1; point += 1 }
        }
        while d.count > 1 && d.last == 0 { d.removeLast() }
        return (isNegative ? "-" : "") + DecimalDigits(digits: d, pointPosition: point).scientific()
    }

    /// |self / other| to about 17 digits, for display (relative errors).
    public func ratio(to other: ExactDecimal) -> Double {
        guard !other.isZero else { return .infinity }
        let a = significantDigits, b = other.significantDigits
        func lead(_ x: DecimalDigits) -> Double {
            var v = 0.0
            for digit in x.digits.prefix(18) { v = v * 10 + Double(digit) }
            return v / pow10(min(x.digits.count, 18))
        }
        return lead(a) / lead(b) * pow10(a.pointPosition - b.pointPosition)
    }

    private func pow10(_ n: Int) -> Double {
        Double("1e\(n)")!
    }
}
