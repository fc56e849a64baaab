import FloatFormats

/// The columns of the format comparison table: each a key (JSON key, CSV header,
/// `--columns` name), a title, and how to compute the cell from a format.
public struct FormatColumn: Sendable {
    public let key: String
    public let title: String
    public let alignment: Table.Alignment
    public let summary: String
    let cell: @Sendable (FloatFormat) -> Cell

    /// Every column, in table order.
    public static let all: [FormatColumn] = [
        FormatColumn(key: "name", title: "format", alignment: .left, summary: "ml_dtypes-style name") { f in .text(f.name) },
        FormatColumn(key: "bits", title: "bits", alignment: .right, summary: "total bits") { f in .integer(f.bitWidth) },
        FormatColumn(key: "sign_bits", title: "sign", alignment: .right, summary: "sign bits (0 or 1)") { f in .integer(f.isSigned ? 1 : 0) },
        FormatColumn(key: "exponent_bits", title: "exponent", alignment: .right, summary: "exponent field bits") { f in .integer(f.exponentBits) },
        FormatColumn(key: "mantissa_bits", title: "mantissa", alignment: .right, summary: "fraction (trailing significand) bits") { f in .integer(f.fractionBits) },
        FormatColumn(key: "precision", title: "precision", alignment: .right, summary: "significand bits with the hidden bit") { f in .integer(f.precision) },
        FormatColumn(key: "bias", title: "bias", alignment: .right, summary: "exponent bias") { f in .integer(f.bias) },
        FormatColumn(key: "emin", title: "emin", alignment: .right, summary: "exponent of the smallest normal") { f in .integer(f.emin) },
        FormatColumn(key: "emax", title: "emax", alignment: .right, summary: "exponent of the largest finite value") { f in .integer(f.emax) },
        FormatColumn(key: "smallest_subnormal", title: "min subnormal", alignment: .right, summary: "smallest positive subnormal (null if none)") { f in .value(f.smallestSubnormal, in: f) },
        FormatColumn(key: "smallest_normal", title: "min normal", alignment: .right, summary: "smallest positive normal, 2^emin") { f in .value(f.smallestNormal, in: f) },
        FormatColumn(key: "max", title: "max", alignment: .right, summary: "largest finite value") { f in .value(f.maxFinite, in: f) },
        FormatColumn(key: "min", title: "min", alignment: .right, summary: "most negative finite value (torch finfo.min)") { f in .value(f.minFinite, in: f) },
        FormatColumn(key: "eps", title: "eps", alignment: .right, summary: "machine epsilon 2^-M") { f in .value(f.epsilon, in: f) },
        FormatColumn(key: "unit_roundoff", title: "unit roundoff", alignment: .right, summary: "2^-(M+1)") { f in .value(f.unitRoundoff, in: f) },
        FormatColumn(key: "resolution", title: "resolution", alignment: .right, summary: "torch finfo.resolution, 10^-floor(digits)") { f in .real(f.resolution, .compact) },
        FormatColumn(key: "decimal_digits", title: "digits", alignment: .right, summary: "decimal digits, M·log10(2)") { f in .real(f.decimalDigits, .rounded(2)) },
        FormatColumn(key: "dynamic_range_binades", title: "binades", alignment: .right, summary: "log2(max / smallest positive)") { f in .real(f.dynamicRangeBinades, .rounded(2)) },
        FormatColumn(key: "dynamic_range_db", title: "range dB", alignment: .right, summary: "20·log10(max / smallest positive)") { f in .real(f.dynamicRangeDecibels, .rounded(2)) },
        FormatColumn(key: "has_infinity", title: "Inf", alignment: .left, summary: "whether ±Inf exist") { f in .bool(f.hasInfinity) },
        FormatColumn(key: "has_negative_zero", title: "-0", alignment: .left, summary: "whether -0 is distinct") { f in .bool(f.hasNegativeZero) },
        FormatColumn(key: "nan_count", title: "NaNs", alignment: .right, summary: "NaN encodings") { f in .integer(f.nanCount) },
        FormatColumn(key: "finite_count", title: "finite", alignment: .right, summary: "encodings with a finite value (+0 and -0 both)") { f in .integer(f.finiteCount) },
        FormatColumn(key: "distinct_values", title: "values", alignment: .right, summary: "distinct finite values") { f in .integer(f.distinctValueCount) },
        FormatColumn(key: "special_values", title: "specials", alignment: .left, summary: "special-value policy") { f in .text(f.specials.key) },
    ]


    /// The columns `floatlab table` shows by default.
    public static let defaultKeys = ["name", "sign_bits", "exponent_bits", "mantissa_bits", "smallest_normal", "max", "resolution"]

    /// The columns of the wider table (`--formats all`, or `--columns wide`).
    public static let wideKeys = ["name", "bits", "sign_bits", "exponent_bits", "mantissa_bits", "bias",
                                  "smallest_subnormal", "smallest_normal", "max", "eps", "resolution",
                                  "has_infinity", "nan_count", "finite_count"]

    /// Columns by key; `default`, `wide` and `all` name sets. Throws a message that
    /// lists the known keys.
    public static func columns(_ keys: [String]) throws(ReportError) -> [FormatColumn] {
        var out: [FormatColumn] = []
        for key in keys {
            switch key.lowercased() {
            case "default": out += defaultKeys.map(byKey)
            case "wide": out += wideKeys.map(byKey)
            case "all": out += all
            default:
                guard let c = all.first(where: { $0.key == key.lowercased() }) else {
                    throw ReportError("unknown column '\(key)'; known columns: \(all.map(\.key).joined(separator: ", ")) (or the sets default, wide, all).")
                }
                out.append(c)
            }
        }
        return out
    }

    private static func byKey(_ key: String) -> FormatColumn { all.first { $0.key == key }! }
}
