import FloatFormats

/// The bit-level core as the reference of a sweep.
///
/// ```swift
/// var core = CoreReference(Conversion(from: .float32, to: .float8_e4m3fn))
/// core.disagreement(code: 0x3F80_0000, index: 0, result: 0x38)   // nil: 1.0 is 0x38
/// core.disagreement(code: 0x3F80_0000, index: 0, result: 0x39)?.code   // 0x38
/// ```
public struct CoreReference: SweepReference {
    public let conversion: Conversion
    public var name: String { "core" }

    public init(_ conversion: Conversion) { self.conversion = conversion }

    public func disagreement(code: UInt64, index: UInt64, result: UInt64) -> Expected? {
        let expected = conversion.convert(code, index: index).code
        return expected == result ? nil : Expected(code: expected)
    }

    /// The core's batch conversion, then one comparison per element.
    public mutating func check<S: FixedWidthInteger & UnsignedInteger>(
        _ codes: UnsafeBufferPointer<S>, startIndex: UInt64, results: UnsafeBufferPointer<UInt64>,
        report: (Int, Expected) -> Void
    ) {
        if scratch.count < codes.count { scratch = [UInt64](repeating: 0, count: codes.count) }
        scratch.withUnsafeMutableBufferPointer { expected in
            conversion.convertCodes(codes, into: expected, startIndex: startIndex)
            // A branch-free pass first (it vectorizes); the reporting loop only
            // when something differs.
            var differ: UInt64 = 0
            for i in 0..<codes.count { differ |= expected[i] ^ results[i] }
            guard differ != 0 else { return }
            for i in 0..<codes.count where expected[i] != results[i] {
                report(i, Expected(code: expected[i]))
            }
        }
    }

    private var scratch: [UInt64] = []
}
