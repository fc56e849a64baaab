/// The spacing of a format binade by binade: how far apart neighbours are in each
/// power-of-two interval, and how the subnormals fill the gap down to zero.
///
/// ```swift
/// let table = FloatFormat.float8_e4m3fn.binades
/// table.first!.isSubnormal   // true: 0.001953125 … 0.013671875, spacing 2^-9, 7 values
/// table.last!.highest        // 448; its binade [256, 448] holds 7 values, spacing 32
/// ```
///
/// Rows are computed on demand: float64 has 2,047, a custom 30-bit exponent
/// format about a billion.
public struct BinadeTable: RandomAccessCollection, Sendable {
    public let format: FloatFormat

    /// One row: the positive finite values that share an exponent field.
    public struct Row: Hashable, Sendable {
        /// The exponent field of the row's encodings.
        public let exponentField: UInt64
        /// True for the subnormal row (exponent field 0 with subnormals).
        public let isSubnormal: Bool
        /// The unbiased exponent of the binade (emin for subnormals).
        public let exponent: Int
        /// The smallest positive value of the row.
        public let lowest: Dyadic
        /// The largest finite value of the row.
        public let highest: Dyadic
        /// The distance between neighbours in the row: its ulp.
        public let spacing: Dyadic
        /// How many positive finite values the row holds.
        public let count: UInt64
    }

    public init(format: FloatFormat) { self.format = format }

    private var hasSubnormalRow: Bool { format.hasSubnormals && format.fractionBits > 0 }
    private var firstNormalField: UInt64 { format.hasSubnormals ? 1 : 0 }
    private var topField: UInt64 { format.largestFiniteMagnitude >> UInt64(format.fractionBits) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { Int(topField - firstNormalField + 1) + (hasSubnormalRow ? 1 : 0) }

    public subscript(position: Int) -> Row {
        precondition(indices.contains(position), "binade row \(position) out of range")
        let m = format.fractionBits
        if hasSubnormalRow && position == 0 {
            return Row(exponentField: 0, isSubnormal: true, exponent: format.emin,
                       lowest: .powerOfTwo(format.emin - m),
                       highest: Dyadic(significand: format.fractionMask, exponent: format.emin - m),
                       spacing: .powerOfTwo(format.emin - m),
                       count: format.fractionMask)
        }
        let field = firstNormalField + UInt64(position - (hasSubnormalRow ? 1 : 0))
        let e = Int(field) - format.bias
        let topFraction = field == topField ? format.largestFiniteMagnitude & format.fractionMask : format.fractionMask
        return Row(exponentField: field, isSubnormal: false, exponent: e,
                   lowest: .powerOfTwo(e),
                   highest: Dyadic(significand: (UInt64(1) << UInt64(m)) | topFraction, exponent: e - m),
                   spacing: .powerOfTwo(e - m),
                   count: topFraction + 1)
    }
}

extension FloatFormat {
    /// The spacing table: one row per binade of positive finite values.
    public var binades: BinadeTable { BinadeTable(format: self) }
}
