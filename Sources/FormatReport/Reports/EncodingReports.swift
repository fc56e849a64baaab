import FloatFormats

/// Tables about individual encodings: `floatlab decode` and `floatlab values`.
public enum EncodingReport {
    /// Hex with the format's width in digits: `0x7e`, `0x3c00`.
    public static func hex(_ code: UInt64, in f: FloatFormat) -> String {
        let digits = (f.bitWidth + 3) / 4
        let s = String(code, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, digits - s.count)) + s
    }

    /// An encoding's value as `write` puts it, zeros as 0 and -0, specials as inf, -inf, nan.
    static func valueText(_ code: UInt64, in f: FloatFormat, _ write: (Dyadic) -> String) -> String {
        let d = f.decodeUnchecked(code)
        guard let v = d.value else { return d.specialText }
        return v.isZero ? (v.isNegative ? "-0" : "0") : write(v)
    }

    /// An encoding's value in `notation` (see `valueText(_:in:_:)`).
    static func valueText(_ code: UInt64, in f: FloatFormat, notation: ValueNotation) -> String {
        valueText(code, in: f) { notation.string($0, in: f) }
    }

    /// The bits as `s eeee mmm` groups.
    public static func binary(_ code: UInt64, in f: FloatFormat) -> String {
        func bits(_ v: UInt64, _ n: Int) -> String {
            n == 0 ? "" : String((0..<n).reversed().map { (v >> UInt64($0)) & 1 == 1 ? "1" : "0" })
        }
        let fl = f.fields(of: code)
        var parts: [String] = []
        if f.isSigned { parts.append(String(fl.sign)) }
        parts.append(bits(fl.exponent, f.exponentBits))
        if f.fractionBits > 0 { parts.append(bits(fl.fraction, f.fractionBits)) }
        return parts.joined(separator: " ")
    }

    static let columns: [Table.Column] = [
        .init(key: "bits", title: "bits"),
        .init(key: "binary", title: "s exponent fraction"),
        .init(key: "sign", title: "sign", alignment: .right),
        .init(key: "exponent_field", title: "exp field", alignment: .right),
        .init(key: "fraction_field", title: "frac field", alignment: .right),
        .init(key: "class", title: "class"),
        .init(key: "value", title: "shortest round-trip", alignment: .right),
        .init(key: "exact", title: "exact value", alignment: .right),
        .init(key: "power_of_two", title: "as m×2^e", alignment: .right),
    ]

    static func row(_ d: FloatFormat.Decoded, in f: FloatFormat) -> [Cell] {
        let valueCell: Cell, exactCell: Cell, powerCell: Cell
        if let v = d.value {
            valueCell = .value(v, in: f, notation: .shortest)
            exactCell = .decimal(v.exactDecimal())
            powerCell = .value(v, in: f, notation: .power)
        } else {
            valueCell = .text(d.specialText)
            exactCell = valueCell
            powerCell = valueCell
        }
        return [.text(hex(d.code, in: f)), .text(binary(d.code, in: f)), .integer(d.fields.sign),
                .integer(d.fields.exponent), .integer(d.fields.fraction), .text(d.floatClass.description),
                valueCell, exactCell, powerCell]
    }

    /// Fields, class and value of the given encodings. `value` is the shortest
    /// decimal that reads back to the same encoding; `exact` every digit.
    public static func decode(_ codes: [UInt64], in f: FloatFormat) throws(EncodingError) -> Table {
        var rows: [[Cell]] = []
        for code in codes { rows.append(row(try f.decode(code), in: f)) }
        return Table(columns: columns, rows: rows)
    }

    /// The widest format `values` enumerates.
    public static let maximumEnumeratedBits = 16

    /// Every encoding of a format of up to 16 bits, in code order.
    public static func values(of f: FloatFormat) throws(ReportError) -> Table {
        guard f.bitWidth <= maximumEnumeratedBits else {
            throw ReportError("\(f.name) has \(f.bitWidth) bits: \(f.encodingCount) encodings are too many to list; values lists formats of up to \(maximumEnumeratedBits) bits (use decode for single patterns).")
        }
        return Table(columns: columns, rows: (0...f.encodingMask).map { row(f.decodeUnchecked($0), in: f) })
    }
}

/// The spacing table: `floatlab spacing`.
public enum SpacingReport {
    /// One row per binade of positive values, the subnormal row first. The
    /// values are exact cells; `notation` writes the note under the table and
    /// should be the notation the table is rendered in.
    ///
    /// Formats with more binades than `limit` show the first and last `limit / 2`
    /// rows and a note on how many were left out. Values beyond 2^±1100 (outside
    /// float64's range) are written in power form: thousands of rows of
    /// thousand-digit decimals help nobody and cost seconds each.
    public static func table(_ f: FloatFormat, notation: ValueNotation = .decimal, limit: Int? = 4096) -> Table {
        let columns: [Table.Column] = [
            .init(key: "binade", title: "binade"),
            .init(key: "exponent_field", title: "exp field", alignment: .right),
            .init(key: "from", title: "from", alignment: .right),
            .init(key: "to", title: "to", alignment: .right),
            .init(key: "spacing", title: "spacing (ulp)", alignment: .right),
            .init(key: "spacing_pow2", title: "spacing", alignment: .right),
            .init(key: "count", title: "values", alignment: .right),
        ]
        let binades = f.binades
        var indices = Array(binades.indices)
        var notes: [String] = []
        if let limit, binades.count > limit {
            let half = limit / 2
            indices = Array(binades.indices.prefix(half)) + Array(binades.indices.suffix(half))
            notes.append("\(binades.count - 2 * half) of \(binades.count) binades left out; --all lists every one.")
        }
        let rows: [[Cell]] = indices.map { i in
            let r = binades[i]
            return [.text(r.isSubnormal ? "subnormal" : "2^\(r.exponent)"), .integer(r.exponentField),
                    .value(r.lowest, in: f, exponentLimit: 1100), .value(r.highest, in: f, exponentLimit: 1100),
                    .value(r.spacing, in: f, exponentLimit: 1100), .value(r.spacing, in: f, notation: .power), .integer(r.count)]
        }
        if f.hasZero, f.hasSubnormals {
            notes.insert("Below \(notation.string(f.smallestPositive, in: f)) there is only zero; the subnormals fill [0, \(notation.string(f.smallestNormal, in: f))) with the spacing of the first normal binade.", at: 0)
        }
        return Table(columns: columns, rows: rows, notes: notes)
    }
}
