/// A decimal significand and the position of its point:
/// value = 0.d₁d₂…dₙ × 10^pointPosition. Renders in plain or scientific form.
///
/// ```swift
/// DecimalDigits(digits: [4, 4, 8], pointPosition: 3).plain()       // "448"
/// DecimalDigits(digits: [1, 2, 5], pointPosition: 0).plain()       // "0.125"
/// DecimalDigits(digits: [3, 4], pointPosition: 39).scientific()   // "3.4e+38"
/// ```
public struct DecimalDigits: Hashable, Sendable {
    /// Significant digits, each 0…9, first one non-zero, last one non-zero.
    public let digits: [UInt8]
    public let pointPosition: Int

    public init(digits: [UInt8], pointPosition: Int) {
        self.digits = digits
        self.pointPosition = pointPosition
    }

    /// The exponent of the first digit in scientific notation.
    public var decimalExponent: Int { pointPosition - 1 }

    private var digitString: String { String(decoding: digits.map { $0 + 48 }, as: UTF8.self) }

    /// Positional notation, every digit written out.
    public func plain() -> String {
        let s = digitString
        if pointPosition <= 0 {
            return "0." + String(repeating: "0", count: -pointPosition) + s
        }
        if pointPosition >= digits.count {
            return s + String(repeating: "0", count: pointPosition - digits.count)
        }
        let i = s.index(s.startIndex, offsetBy: pointPosition)
        return String(s[..<i]) + "." + String(s[i...])
    }

    /// Scientific notation `d.ddde±XX` (two exponent digits at least, as C's `%e`).
    public func scientific() -> String {
        let s = digitString
        let head = String(s.prefix(1))
        let tail = String(s.dropFirst())
        let e = decimalExponent
        let exponentDigits = String(abs(e))
        let padded = exponentDigits.count < 2 ? "0" + exponentDigits : exponentDigits
        return head + (tail.isEmpty ? "" : "." + tail) + "e" + (e < 0 ? "-" : "+") + padded
    }

    /// Plain notation for moderate magnitudes (1e-5 < |x| < 1e16), scientific otherwise.
    public func automatic() -> String {
        let e = decimalExponent
        return (e < -5 || e >= 16) ? scientific() : plain()
    }
}
