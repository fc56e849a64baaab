@testable import FloatFormats

/// Catalogue and P3109 formats of at most 16 bits: the ones tests enumerate.
let smallFormats: [FloatFormat] =
    (Catalogue.formats + Catalogue.p3109EightBit + [
        try! FloatFormat.p3109(bits: 8, precision: 3, signed: false, extended: true),
        try! FloatFormat.p3109(bits: 8, precision: 4, signed: false, extended: false),
        try! FloatFormat.p3109(bits: 6, precision: 3, signed: true, extended: false),
        try! FormatSpec.parse("e3m2b2"),
        try! FormatSpec.parse("e5m0fnu"),
        try! FormatSpec.parse("e4m3fin"),
    ]).filter { $0.bitWidth <= 16 }

/// Every encoding of a format, decoded.
func allDecoded(_ f: FloatFormat) -> [FloatFormat.Decoded] {
    (0...f.encodingMask).map { f.decodeUnchecked($0) }
}

extension Dyadic {
    /// Exact from a Double (all finite doubles are dyadic), computed from the
    /// Double's own fields: an independent route to the same value.
    init(exactly d: Double) {
        precondition(d.isFinite)
        if d == 0 { self.init(isNegative: d.sign == .minus, significand: 0, exponent: 0); return }
        let bits = d.bitPattern
        let e = Int((bits >> 52) & 0x7FF)
        let f = bits & ((1 << 52) - 1)
        if e == 0 {
            self.init(isNegative: d.sign == .minus, significand: f, exponent: -1074)
        } else {
            self.init(isNegative: d.sign == .minus, significand: f | (1 << 52), exponent: e - 1075)
        }
    }
}

/// A small deterministic generator (SplitMix64) so failures reproduce.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
