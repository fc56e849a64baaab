/// What a person types for a number, in every command: a bit pattern of
/// some format or a value, with one grammar and one set of error messages.
///
/// ```
/// literal := pattern | value
/// pattern := "0x" HEX+ | "0b" BIN+        ("_" may separate digits; no sign, no "." or "p")
/// value   := [ "+" | "-" ] ( decimal | hexfloat | "inf" | "infinity" | "nan" )
/// decimal := DIGITS [ "." DIGITS ] [ "e" [sign] DIGITS ]     (0.1, -1.5e-3, 65504)
/// hexfloat:= "0x" HEX* [ "." HEX* ] [ "p" [sign] DIGITS ]      (0x1.8p-3, -0x3c)
/// ```
///
/// ```swift
/// try NumberLiteral("0x7e")          // .bitPattern(0x7E)
/// try NumberLiteral("0b0111_1110")   // .bitPattern(0x7E)
/// try NumberLiteral("0x1.8p-3")      // .value(0.1875)
/// try NumberLiteral("-inf")          // .value(-inf)
/// ```
public enum NumberLiteral: Hashable, Sendable {
    /// A bit pattern, to be read as an encoding of some format.
    case bitPattern(UInt64)
    /// A value, to be rounded into a format.
    case value(DecimalNumber)

    /// Parses a literal; throws a `FormatError` that names the text and the accepted forms.
    public init(_ text: String) throws(FormatError) {
        let t = text.trimmingWhitespace()
        let lower = t.lowercased()
        if let radix = Self.patternRadix(lower) {
            let digits = lower.dropFirst(2).filter { $0 != "_" }
            guard !digits.isEmpty, let v = UInt64(digits, radix: radix) else {
                throw FormatError("'\(text)' is not a valid \(radix == 16 ? "hex" : "binary") bit pattern of at most 64 bits.")
            }
            self = .bitPattern(v)
            return
        }
        self = .value(try DecimalNumber(text))
    }

    /// Parses a literal that must be a bit pattern.
    ///
    /// ```swift
    /// try NumberLiteral.bitPattern("0x3c00")   // 0x3C00
    /// ```
    public static func bitPattern(_ text: String) throws(FormatError) -> UInt64 {
        let lower = text.trimmingWhitespace().lowercased()
        guard patternRadix(lower) != nil, case .bitPattern(let v) = try NumberLiteral(text) else {
            throw FormatError("'\(text)' is not a bit pattern: write it in hex with 0x (0x7e) or in binary with 0b (0b01111110).")
        }
        return v
    }

    /// The pattern's bits checked against a format, or the value as it is.
    ///
    /// ```swift
    /// try NumberLiteral("0x1ff").encoding(in: .float8_e4m3fn)   // throws: 0x1ff does not fit 8 bits
    /// ```
    public func encoding(in format: FloatFormat) throws(FormatError) -> UInt64? {
        guard case .bitPattern(let code) = self else { return nil }
        do { try format.validate(code: code) } catch { throw FormatError(error.message) }
        return code
    }

    /// 16 or 2 for the text of a bit pattern, else nil.
    private static func patternRadix(_ lower: String) -> Int? {
        if lower.hasPrefix("0b") { return 2 }
        if lower.hasPrefix("0x") && !lower.contains(".") && !lower.contains("p") { return 16 }
        return nil
    }
}
