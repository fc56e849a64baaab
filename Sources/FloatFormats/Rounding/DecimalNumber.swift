/// A number as a person types it, held exactly: a decimal (`0.1`, `-1.5e-3`,
/// `65504`), a hex float (`0x1.8p-3`), or a special (`inf`, `-infinity`, `nan`).
///
/// Rounding a `DecimalNumber` into a format rounds its exact value once,
/// correctly, however many digits it has; it never goes through `Double`.
///
/// ```swift
/// let x = try DecimalNumber("0.1")
/// FloatFormat.bfloat16.round(x).code         // 0x3DCD (0.10009765625)
/// FloatFormat.float8_e4m3fn.round(try DecimalNumber("464")).code   // 0x7E (448, a tie to even)
/// ```
public struct DecimalNumber: Hashable, Sendable, CustomStringConvertible {
    enum Kind: Hashable, Sendable {
        /// ±digits × 10^exponent
        case decimal(digits: BigUInt, exponent: Int)
        /// ±mantissa × 2^exponent
        case binary(mantissa: BigUInt, exponent: Int)
        case infinity
        case nan
    }

    let kind: Kind
    public let isNegative: Bool
    public let text: String

    public var description: String { text }

    /// The largest decimal or binary exponent accepted (|e| ≤ 10^7).
    public static let exponentLimit = 10_000_000

    /// Parses a number; throws a `FormatError` naming what is wrong.
    public init(_ text: String) throws(FormatError) {
        self.text = text
        let t = text.trimmingWhitespace()
        var bytes = Array(t.utf8)[...]
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        isNegative = negative
        let lower = String(decoding: bytes, as: UTF8.self).lowercased()
        if lower == "inf" || lower == "infinity" { kind = .infinity; return }
        if lower == "nan" { kind = .nan; return }
        if lower.hasPrefix("0x") {
            kind = try DecimalNumber.parseHex(Array(lower.utf8).dropFirst(2), text: text)
        } else {
            kind = try DecimalNumber.parseDecimal(Array(lower.utf8)[...], text: text)
        }
    }

    private static func bad(_ text: String) -> FormatError {
        FormatError("'\(text)' is not a number; write a decimal (0.1, -1.5e-3), a hex float (0x1.8p-3), inf or nan, or a bit pattern (0x7e, 0b0111_1110).")
    }

    private static func parseExponent(_ bytes: ArraySlice<UInt8>, text: String) throws(FormatError) -> Int {
        var b = bytes
        var negative = false
        if let f = b.first, f == UInt8(ascii: "+") || f == UInt8(ascii: "-") {
            negative = f == UInt8(ascii: "-")
            b = b.dropFirst()
        }
        guard !b.isEmpty, b.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { throw bad(text) }
        var v = 0
        for c in b {
            v = v * 10 + Int(c - 48)
            if v > exponentLimit {
                throw FormatError("'\(text)': the exponent is beyond ±\(exponentLimit).")
            }
        }
        return negative ? -v : v
    }

    private static func parseDecimal(_ bytes: ArraySlice<UInt8>, text: String) throws(FormatError) -> Kind {
        var mantissa = bytes
        var exponent = 0
        if let e = bytes.firstIndex(where: { $0 == UInt8(ascii: "e") }) {
            mantissa = bytes[..<e]
            exponent = try parseExponent(bytes[(e + 1)...], text: text)
        }
        var digits: [UInt8] = []
        var seenPoint = false
        for c in mantissa {
            if c == UInt8(ascii: ".") {
                guard !seenPoint else { throw bad(text) }
                seenPoint = true
            } else if c >= 48 && c <= 57 {
                digits.append(c)
                if seenPoint { exponent -= 1 }
            } else {
                throw bad(text)
            }
        }
        guard !digits.isEmpty else { throw bad(text) }
        // Leading zeros cost nothing; trailing zeros move to the exponent.
        var d = digits[...].drop { $0 == 48 }
        while let last = d.last, last == 48 { d = d.dropLast(); exponent += 1 }
        guard let value = BigUInt(decimalDigits: d.isEmpty ? [48] : d) else { throw bad(text) }
        return .decimal(digits: value, exponent: value.isZero ? 0 : exponent)
    }

    private static func parseHex(_ bytes: ArraySlice<UInt8>, text: String) throws(FormatError) -> Kind {
        var mantissa = bytes
        var exponent = 0
        if let p = bytes.firstIndex(where: { $0 == UInt8(ascii: "p") }) {
            mantissa = bytes[..<p]
            exponent = try parseExponent(bytes[(p + 1)...], text: text)
        }
        var value = BigUInt()
        var any = false, seenPoint = false
        for c in mantissa {
            let digit: UInt64
            switch c {
            case 48...57: digit = UInt64(c - 48)
            case 97...102: digit = UInt64(c - 87)
            case UInt8(ascii: "."):
                guard !seenPoint else { throw bad(text) }
                seenPoint = true
                continue
            default: throw bad(text)
            }
            any = true
            value = (value << 4) + BigUInt(digit)
            if seenPoint { exponent -= 4 }
        }
        guard any else { throw bad(text) }
        return .binary(mantissa: value, exponent: value.isZero ? 0 : exponent)
    }

    /// Whether the value is exactly zero (of either sign).
    public var isZero: Bool {
        switch kind {
        case .decimal(let d, _): return d.isZero
        case .binary(let m, _): return m.isZero
        default: return false
        }
    }

    /// The value ready for rounding into `format`: exact, or its leading 128 bits
    /// and a sticky bit. Values far outside the format's range are replaced by a
    /// value just as far out (the result of rounding is the same), so the work
    /// stays bounded for any exponent.
    public func sourceValue(for format: FloatFormat) -> SourceValue {
        switch kind {
        case .infinity: return .infinity(negative: isNegative)
        case .nan: return .nan(negative: isNegative, payload: 1 << 63, signaling: false)
        case .binary(let m, let e):
            if m.isZero { return .zero(negative: isNegative) }
            let (top, shift, sticky) = m.leading128
            return clamp(.finite(negative: isNegative, significand: top, exponent: e + shift, sticky: sticky), format)
        case .decimal(let d, let e):
            if d.isZero { return .zero(negative: isNegative) }
            // log2 of the value lies in [bits − 1, bits) + e·log2(10).
            let log2Estimate = Double(d.bitWidth) + Double(e) * 3.321928094887362
            if log2Estimate > Double(format.emax + 8) { return far(above: true, format) }
            if log2Estimate < Double(format.emin - format.fractionBits - 80) { return far(above: false, format) }
            if e >= 0 {
                let (top, shift, sticky) = (d * BigUInt.power(10, e)).leading128
                return .finite(negative: isNegative, significand: top, exponent: shift, sticky: sticky)
            }
            let denominator = BigUInt.power(10, -e)
            let k = 127 + denominator.bitWidth - d.bitWidth
            let (q, inexact) = k >= 0
                ? (d << k).quotient128(dividingBy: denominator)
                : d.quotient128(dividingBy: denominator << -k)
            return .finite(negative: isNegative, significand: q, exponent: -k, sticky: inexact)
        }
    }

    /// Keeps binary values with huge exponents in range of the arithmetic.
    private func clamp(_ v: SourceValue, _ format: FloatFormat) -> SourceValue {
        guard case .finite(_, let s, let e, _) = v else { return v }
        let b = e + 127 - s.leadingZeroBitCount
        if b > format.emax + 8 { return far(above: true, format) }
        if b < format.emin - format.fractionBits - 80 { return far(above: false, format) }
        return v
    }

    /// A stand-in for a value far above the format's range (it overflows in every
    /// mode) or far below it (more than 64 bits below the smallest subnormal's
    /// rounding bit, where even 32-bit stochastic rounding sees only zeros).
    private func far(above: Bool, _ format: FloatFormat) -> SourceValue {
        let b = above ? format.emax + 16 : format.emin - format.fractionBits - 200
        return .finite(negative: isNegative, significand: UInt128(1) << 127, exponent: b - 127, sticky: true)
    }
}

extension FloatFormat {
    /// Rounds a typed number into the format, once, from its exact value.
    public func round(_ number: DecimalNumber, options: RoundingOptions = .default, random: UInt64 = 0) -> RoundedResult {
        round(number.sourceValue(for: self), options: options, random: random)
    }
}
