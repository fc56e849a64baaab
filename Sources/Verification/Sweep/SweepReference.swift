import FloatFormats

/// What a sweep checks a kernel's results against: the bit-level core
/// (`CoreReference`), or another referee (MPFR, in the MPFRReference module).
/// Each worker makes its own, so a reference may keep scratch state.
public protocol SweepReference {
    /// The name mismatches carry (`core`, `MPFR`).
    var name: String { get }

    /// Nil when `result` is right for source `code` (element `index`), else
    /// what was expected.
    mutating func disagreement(code: UInt64, index: UInt64, result: UInt64) -> Expected?

    /// Checks a block: `results[i]` is the kernel's result for the source code
    /// `codes[i]` (element `startIndex + i`); `report(i, expected)` for each
    /// disagreement. By default `disagreement` code by code.
    mutating func check<S: FixedWidthInteger & UnsignedInteger>(
        _ codes: UnsafeBufferPointer<S>, startIndex: UInt64, results: UnsafeBufferPointer<UInt64>,
        report: (Int, Expected) -> Void)
}

extension SweepReference {
    public mutating func check<S: FixedWidthInteger & UnsignedInteger>(
        _ codes: UnsafeBufferPointer<S>, startIndex: UInt64, results: UnsafeBufferPointer<UInt64>,
        report: (Int, Expected) -> Void
    ) {
        for i in 0..<codes.count {
            if let expected = disagreement(code: UInt64(truncatingIfNeeded: codes[i]), index: startIndex + UInt64(i),
                                           result: results[i]) {
                report(i, expected)
            }
        }
    }
}
