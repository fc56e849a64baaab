import FloatFormats

/// Catalogue and P3109 formats of at most 16 bits, and a few custom specs that
/// exercise the corners of the model (bias, no subnormals with no zero, every
/// encoding finite, a 16-bit IEEE layout): the formats tests enumerate.
public let smallFormats: [FloatFormat] =
    (Catalogue.formats + Catalogue.p3109EightBit + [
        try! FloatFormat.p3109(bits: 8, precision: 3, signed: false, extended: true),
        try! FloatFormat.p3109(bits: 8, precision: 4, signed: false, extended: false),
        try! FloatFormat.p3109(bits: 8, precision: 5, signed: false, extended: false),
        try! FloatFormat.p3109(bits: 8, precision: 4, signed: true, extended: false),
        try! FloatFormat.p3109(bits: 6, precision: 3, signed: true, extended: false),
        try! FormatSpec.parse("e3m2b2"),
        try! FormatSpec.parse("e5m0fnu"),
        try! FormatSpec.parse("e4m3fin"),
        try! FormatSpec.parse("e6m9"),
    ]).filter { $0.bitWidth <= 16 }

/// Catalogue formats of up to 16 bits.
public let smallCatalogue: [FloatFormat] = Catalogue.formats.filter { $0.bitWidth <= 16 }

/// Every encoding of a format, decoded.
public func allDecoded(_ f: FloatFormat) -> [FloatFormat.Decoded] {
    (0...f.encodingMask).map { f.decodeUnchecked($0) }
}
