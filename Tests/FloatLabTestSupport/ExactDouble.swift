import FloatFormats

extension Dyadic {
    /// Exact from a Double (all finite doubles are dyadic), computed from the
    /// Double's own fields: an independent route to the same value.
    public init(exactly d: Double) {
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
