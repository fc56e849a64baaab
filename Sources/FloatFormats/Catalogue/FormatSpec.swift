/// The grammar of format names and spec strings.
///
/// ```
/// spec    := catalogue-name | alias | p3109 | custom          (case-insensitive)
/// p3109   := "binary" K "p" P [ ("s" | "u") ("e" | "f") ]     default "se"
/// custom  := [ "float" N "_" ] "e" E "m" M [ "b" BIAS ] [ suffix ]
/// suffix  := ""      IEEE: Inf and NaN in the top exponent
///          | "fn"    finite: no Inf, the all-ones magnitude is NaN (OCP E4M3 style)
///          | "fnuz"  finite, unsigned zero: no Inf, no −0, 0x80… is the single NaN
///          | "fnu"   unsigned (no sign bit), no Inf, all ones is NaN; with M = 0,
///                    exponent field 0 is 2^-bias and there is no zero (E8M0 style)
///          | "fin"   finite, no NaN: every encoding is a number (fp6/fp4 style)
/// ```
///
/// Catalogue names and aliases are looked up first, so the names OCP gives its
/// formats mean the OCP formats: `e4m3` is float8_e4m3fn, `e2m1` is
/// float4_e2m1fn. BIAS defaults to 2^(E−1) − 1 and may be negative (`b-2`).
///
/// ```swift
/// try FormatSpec.parse("e5m10")      // float16's fields
/// try FormatSpec.parse("e3m2b2")     // IEEE-style E3M2 with bias 2
/// try FormatSpec.parse("binary8p3")  // binary8p3se
/// ```
public enum FormatSpec {
    /// What `parse` accepts, in one sentence for error messages.
    public static let acceptedForms =
        "a catalogue name or alias (floatlab formats lists them), a spec eXmY[bBIAS][fn|fnuz|fnu|fin] such as e5m10, e4m3fn, e4m3fnuz or e3m2b2, or a P3109 name binaryKpP[s|u][e|f] such as binary8p3se"

    public static func parse(_ text: String) throws(FormatError) -> FloatFormat {
        let key = text.trimmingWhitespace().lowercased()
        guard !key.isEmpty else {
            throw FormatError("empty format name; expected \(acceptedForms).")
        }
        if let known = Catalogue.lookup(key) { return known }
        if let choices = Catalogue.ambiguous[key] {
            throw FormatError("'\(text)' is ambiguous: say \(choices.joined(separator: " or ")).")
        }
        var scanner = Scanner(key)
        if scanner.consume("binary") {
            return try parseP3109(&scanner, text: text)
        }
        var declaredWidth: Int?
        if scanner.consume("float") {
            guard let n = scanner.integer(), scanner.consume("_") else {
                throw unknown(text)
            }
            declaredWidth = n
        }
        guard scanner.consume("e"), let e = scanner.integer(),
              scanner.consume("m"), let m = scanner.integer() else {
            throw unknown(text)
        }
        var bias: Int?
        if scanner.consume("b") {
            let negative = scanner.consume("-")
            guard let b = scanner.integer() else {
                throw FormatError("'\(text)': expected a number after 'b' (the bias), as in e3m2b2.")
            }
            bias = negative ? -b : b
        }
        let suffix = scanner.rest
        var signed = true
        var subnormals = true
        let specials: SpecialValuePolicy
        switch suffix {
        case "": specials = .ieee
        case "fn": specials = .finiteAllOnesNaN
        case "fnuz": specials = .unsignedZero
        case "fnu":
            specials = .finiteAllOnesNaN
            signed = false
            subnormals = m > 0
        case "fin": specials = .finite
        default:
            throw FormatError("'\(text)': unknown suffix '\(suffix)'; use none (IEEE), fn, fnuz, fnu or fin.")
        }
        let width = (signed ? 1 : 0) + e + m
        if let n = declaredWidth, n != width {
            throw FormatError("'\(text)': the name says \(n) bits but the fields add up to \(width).")
        }
        return try FloatFormat(name: key, exponentBits: e, fractionBits: m, bias: bias,
                               isSigned: signed, hasSubnormals: subnormals, specials: specials)
    }

    private static func parseP3109(_ scanner: inout Scanner, text: String) throws(FormatError) -> FloatFormat {
        guard let k = scanner.integer(), scanner.consume("p"), let p = scanner.integer() else {
            throw FormatError("'\(text)': a P3109 name is binaryKpP[s|u][e|f], such as binary8p3se.")
        }
        var signed = true, extended = true
        switch scanner.rest {
        case "", "se": break
        case "sf": extended = false
        case "ue": signed = false
        case "uf": signed = false; extended = false
        default:
            throw FormatError("'\(text)': a P3109 name ends in se, sf, ue or uf (signed/unsigned, extended/finite).")
        }
        return try FloatFormat.p3109(bits: k, precision: p, signed: signed, extended: extended)
    }

    private static func unknown(_ text: String) -> FormatError {
        FormatError("unknown format '\(text)'; expected \(acceptedForms).")
    }

    /// A cursor over the ASCII bytes of a spec.
    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(_ s: String) { bytes = Array(s.utf8) }

        mutating func consume(_ literal: String) -> Bool {
            let l = Array(literal.utf8)
            guard bytes.count - index >= l.count, Array(bytes[index..<index + l.count]) == l else { return false }
            index += l.count
            return true
        }

        /// A decimal integer of at most 9 digits.
        mutating func integer() -> Int? {
            var value = 0, digits = 0
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57, digits < 9 {
                value = value * 10 + Int(bytes[index] - 48)
                index += 1
                digits += 1
            }
            return digits > 0 ? value : nil
        }

        var rest: String { String(decoding: bytes[index...], as: UTF8.self) }
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
