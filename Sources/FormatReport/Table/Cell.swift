import FloatFormats

/// One table cell. Cells hold numbers, not their text: an exact value keeps its
/// `Dyadic` and format and a measurement its `Double`, and the renderer writes
/// them (in the notation the reader chose), so a plot can use the same cells as
/// the table.
///
/// ```swift
/// let max = Cell.value(FloatFormat.float8_e4m3fn.maxFinite, in: .float8_e4m3fn)
/// max.text(.power)     // "1.75×2^8"
/// max.numericValue     // 448.0
/// ```
public enum Cell: Sendable, Equatable, ExpressibleByStringLiteral {
    case text(String)
    /// A whole number (a count, a bit width, a byte size).
    case whole(Int128)
    /// An exact value of a format, written in the renderer's notation.
    case value(ExactValue)
    /// A measured or derived real number, written in the given style.
    case real(Double, RealStyle)
    /// Decimal digits from a computation the table cannot hold as a binary value
    /// (MPFR's digits, an exact decimal difference); written as given.
    case decimal(String)
    case bool(Bool)
    /// No value (a format without subnormals has no smallest subnormal).
    case null

    public init(stringLiteral value: String) { self = .text(value) }

    public static func integer<T: BinaryInteger>(_ value: T) -> Cell { .whole(Int128(value)) }

    /// The cell of an exact value of `format`; `nil` gives `.null`.
    public static func value(_ value: Dyadic?, in format: FloatFormat, notation: ValueNotation? = nil,
                             exponentLimit: Int = ValueNotation.decimalExponentLimit) -> Cell {
        guard let value else { return .null }
        return .value(ExactValue(value, in: format, notation: notation, exponentLimit: exponentLimit))
    }

    /// The cell as text in the default notation (`decimal`), with `–` for null.
    public var text: String { text(.decimal) }

    /// The cell as text, exact values written in `notation` unless the cell fixes its own.
    public func text(_ notation: ValueNotation) -> String {
        switch self {
        case .text(let s), .decimal(let s): return s
        case .whole(let n): return String(n)
        case .value(let v): return v.text(notation)
        case .real(let x, let style): return style.string(x)
        case .bool(let b): return b ? "yes" : "no"
        case .null: return "–"
        }
    }

    /// Whether a JSON renderer writes the cell as a number (not a string).
    func isJSONNumber(_ notation: ValueNotation) -> Bool {
        switch self {
        case .whole, .decimal: return true
        case .value(let v): return !v.text(notation).contains("^")
        case .real(let x, _): return x.isFinite
        case .text, .bool, .null: return false
        }
    }

    /// The number a plot uses: `nil` for text, Booleans and null. Exact values
    /// beyond float64's range are ±infinity.
    public var numericValue: Double? {
        switch self {
        case .whole(let n): return Double(n)
        case .value(let v): return v.value.doubleValue
        case .real(let x, _): return x
        case .decimal(let s): return Double(s)
        case .text, .bool, .null: return nil
        }
    }
}

/// An exact value of a format, as a table holds it.
public struct ExactValue: Sendable, Equatable {
    public let value: Dyadic
    public let format: FloatFormat
    /// A notation this cell always uses (a column titled "exact value"), or nil
    /// for the renderer's choice.
    public let notation: ValueNotation?
    /// Beyond this |binade| decimal notations give way to power form.
    public let exponentLimit: Int

    public init(_ value: Dyadic, in format: FloatFormat, notation: ValueNotation? = nil,
                exponentLimit: Int = ValueNotation.decimalExponentLimit) {
        self.value = value
        self.format = format
        self.notation = notation
        self.exponentLimit = exponentLimit
    }

    public func text(_ chosen: ValueNotation) -> String {
        (notation ?? chosen).string(value, in: format, exponentLimit: exponentLimit)
    }
}

/// How a real number is written.
public enum RealStyle: Sendable, Equatable {
    /// The shortest decimal that reads back as the same float64 (Swift's `description`).
    case shortest
    /// As `shortest`, but whole numbers below 10^15 without a point: 1e-06, 3, 0.5.
    case compact
    /// Rounded to this many decimals, trailing zeros dropped, whole numbers without a point: 2.5, 13, 0.12.
    case rounded(Int)
    /// Exactly this many decimals (`%.*f`).
    case fixed(Int)
    /// This many significant digits: `%.*g` for magnitudes in [10^-3, 10^6), `%.*e` otherwise, 0 as "0".
    case significant(Int)

    /// The text of `x`; infinities and NaN are `inf`, `-inf`, `nan` in every style.
    public func string(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        switch self {
        case .shortest:
            return x.description
        case .compact:
            if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
            return x.description
        case .rounded(let digits):
            var scale = 1.0
            for _ in 0..<digits { scale *= 10 }
            return RealStyle.compact.string((x * scale).rounded() / scale)
        case .fixed(let digits):
            return CFormat.fixed(x, digits)
        case .significant(let digits):
            if x == 0 { return "0" }
            let m = x.magnitude
            if m >= 1e-3 && m < 1e6 { return CFormat.general(x, digits) }
            return CFormat.scientific(x, digits - 1)
        }
    }
}
