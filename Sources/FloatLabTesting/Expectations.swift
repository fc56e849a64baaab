import FloatFormats
import Testing

// Swift Testing: each expectation records an issue at the caller's line when
// the result is not the correctly rounded one; the issue's comment is the
// failure (inputs, expected and actual as bits and exact decimals, the ulp distance).
//
// ```swift
// let a = BFloat16(1.0), b = BFloat16(0.00390625)
// expectCorrectlyRounded(a + b, .add, a, b)
// expectCorrectlyRounded(BFloat16(0.1), converting: 0.1)
// expectCorrectlyRounded(Float8E4M3FN(0.3, rounding: .up), converting: 0.3, rounding: .up)
// expectUlpDistance(Float(1) / 3, 0x1.555556p-2, atMost: 0)
// ```

/// Expects `actual` to be `op` of the operands (a·b + c for fma) correctly rounded in `rounding`.
public func expectCorrectlyRounded<T: TestableFloat>(_ actual: T, _ op: ArithmeticOperation, _ operands: T...,
                                                     rounding: RoundingMode = .nearestEven, flags: ExceptionFlags? = nil,
                                                     sourceLocation: SourceLocation = #_sourceLocation) {
    if let failure = CorrectRounding.check(actual, op, operands, rounding: rounding, flags: flags) {
        Issue.record(Comment(rawValue: failure.description), sourceLocation: sourceLocation)
    }
}

/// Expects `actual` to be the float64 value `x` correctly rounded into T.
public func expectCorrectlyRounded<T: TestableFloat>(_ actual: T, converting x: Double, rounding: RoundingMode = .nearestEven,
                                                     overflow: OverflowPolicy = .ieee, sourceLocation: SourceLocation = #_sourceLocation) {
    if let failure = CorrectRounding.check(actual, converting: x, rounding: rounding, overflow: overflow) {
        Issue.record(Comment(rawValue: failure.description), sourceLocation: sourceLocation)
    }
}

/// Expects `actual` to be the value `x` of another type correctly rounded into T.
public func expectCorrectlyRounded<T: TestableFloat, S: TestableFloat>(_ actual: T, converting x: S, rounding: RoundingMode = .nearestEven,
                                                                       overflow: OverflowPolicy = .ieee, sourceLocation: SourceLocation = #_sourceLocation) {
    if let failure = CorrectRounding.check(actual, converting: x, rounding: rounding, overflow: overflow) {
        Issue.record(Comment(rawValue: failure.description), sourceLocation: sourceLocation)
    }
}

/// Expects two values at most `n` steps of their format apart (NaN never is).
public func expectUlpDistance<T: TestableFloat>(_ a: T, _ b: T, atMost n: UInt64, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let d = ulpDistance(a, b), d <= n else {
        let d = ulpDistance(a, b).map(String.init) ?? "undefined (NaN)"
        Issue.record(Comment(rawValue: "\(CorrectRounding.describe(a.testCode, in: T.testFormat)) and \(CorrectRounding.describe(b.testCode, in: T.testFormat)) are \(d) ulps apart, more than \(n)"),
                     sourceLocation: sourceLocation)
        return
    }
}
