import FloatFormats

/// The catalogue as a table: `floatlab formats`.
public enum CatalogueReport {
    public static func table() -> Table {
        let columns: [Table.Column] = [
            .init(key: "name", title: "name"),
            .init(key: "aliases", title: "aliases"),
            .init(key: "layout", title: "S/E/M", alignment: .right),
            .init(key: "bias", title: "bias", alignment: .right),
            .init(key: "special_values", title: "specials"),
            .init(key: "description", title: "description"),
        ]
        var rows: [[Cell]] = Catalogue.entries.map { e in
            [.text(e.format.name), .text(e.aliases.joined(separator: ", ")), .text(e.format.layout),
             .integer(e.format.bias), .text(e.format.specials.key), .text(e.summary)]
        }
        for f in Catalogue.p3109EightBit {
            rows.append([.text(f.name), .text(f.name == "binary8p3se" ? "binary8p3" : "binary8p\(f.precision)"),
                         .text(f.layout), .integer(f.bias), .text(f.specials.key),
                         .text("IEEE P3109 8-bit, precision \(f.precision), signed, extended (sf/ue/uf variants by name)")])
        }
        return Table(columns: columns, rows: rows)
    }

    /// The spec grammar, for the text rendering of `floatlab formats`.
    public static let grammar = """
        Other formats by spec (case-insensitive; catalogue names and aliases are looked up first):
          eXmY[bBIAS][suffix]        e5m10 = float16's fields, e3m2b2 = bias 2, e4m3fnuz
            suffix: (none) IEEE Inf/NaN · fn finite, all-ones NaN · fnuz finite, no -0, NaN 0x80…
                    fnu unsigned, all-ones NaN (M = 0: no zero, as E8M0) · fin finite, no NaN
          binaryKpP[s|u][e|f]        P3109: K bits, precision P, signed/unsigned, extended/finite
        Groups for --formats: all (the catalogue), p3109 (binary8p1se … binary8p7se).
        """
}
