/// The outcome of comparing two values (IEEE 754 §5.11): exactly one holds.
public enum Comparison: String, Hashable, Sendable {
    case less, equal, greater, unordered
}

extension FloatFormat {
    /// Compares two encodings as values: −0 equals +0, a NaN is unordered
    /// with everything. The quiet comparison raises invalid only for a
    /// signalling NaN; the signalling one (`signaling: true`, as <, ≤, >, ≥
    /// are in IEEE 754) for any NaN.
    ///
    /// ```swift
    /// let e4m3 = FloatFormat.float8_e4m3fn
    /// e4m3.compare(0x00, 0x80).comparison                  // .equal: −0 = +0
    /// e4m3.compare(0xB8, 0x38).comparison                  // .less: −1 < 1
    /// e4m3.compare(0x38, 0x7F, signaling: true).flags      // .invalid: NaN, signalling comparison
    /// ```
    public func compare(_ a: UInt64, _ b: UInt64, signaling: Bool = false,
                        flushSubnormalInputs: Bool = false) -> (comparison: Comparison, flags: ExceptionFlags) {
        let r = RoundingOptions(flushSubnormalInputs: flushSubnormalInputs)
        let x = operand(a, options: r), y = operand(b, options: r)
        if x.isNaN || y.isNaN {
            let signalingNaN = [a, b].contains { isNaN($0 & encodingMask) && nanPayload(of: $0 & encodingMask).signaling }
            return (.unordered, signaling || signalingNaN ? .invalid : ExceptionFlags())
        }
        // Zeros of either sign are equal; otherwise the order of values.
        if case .zero = x, case .zero = y { return (.equal, ExceptionFlags()) }
        let order = Self.compareValues(Self.unsignedZero(x), Self.unsignedZero(y))
        return (order < 0 ? .less : (order > 0 ? .greater : .equal), ExceptionFlags())
    }

    /// A zero as +0 (comparisons do not see the sign of zero).
    private static func unsignedZero(_ o: Operand) -> Operand {
        if case .zero = o { return .zero(negative: false) }
        return o
    }
}
