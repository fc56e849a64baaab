import FloatFormats
import XCTest

// XCTest: the same checks as the Swift Testing expectations, failing the
// test at the caller's line with the same message.
//
// ```swift
// let a = BFloat16(1.0), b = BFloat16(0.00390625)
// XCTAssertCorrectlyRounded(a + b, .add, a, b)
// XCTAssertCorrectlyRounded(BFloat16(0.1), converting: 0.1)
// XCTAssertUlpDistance(Float(1) / 3, 0x1.555556p-2, atMost: 0)
// ```

/// Asserts that `actual` is `op` of the operands (a·b + c for fma) correctly rounded in `rounding`.
public func XCTAssertCorrectlyRounded<T: TestableFloat>(_ actual: T, _ op: ArithmeticOperation, _ operands: T...,
                                                        rounding: RoundingMode = .nearestEven, flags: ExceptionFlags? = nil,
                                                        file: StaticString = #filePath, line: UInt = #line) {
    if let failure = CorrectRounding.check(actual, op, operands, rounding: rounding, flags: flags) {
        XCTFail(failure.description, file: file, line: line)
    }
}

/// Asserts that `actual` is the float64 value `x` correctly rounded into T.
public func XCTAssertCorrectlyRounded<T: TestableFloat>(_ actual: T, converting x: Double, rounding: RoundingMode = .nearestEven,
                                                        overflow: OverflowPolicy = .ieee, file: StaticString = #filePath, line: UInt = #line) {
    if let failure = CorrectRounding.check(actual, converting: x, rounding: rounding, overflow: overflow) {
        XCTFail(failure.description, file: file, line: line)
    }
}

/// Asserts that two values are at most `n` steps of their format apart.
public func XCTAssertUlpDistance<T: TestableFloat>(_ a: T, _ b: T, atMost n: UInt64, file: StaticString = #filePath, line: UInt = #line) {
    let d = ulpDistance(a, b)
    if d == nil || d! > n {
        XCTFail("\(CorrectRounding.describe(a.testCode, in: T.testFormat)) and \(CorrectRounding.describe(b.testCode, in: T.testFormat)) are \(d.map(String.init) ?? "undefined (NaN)") ulps apart, more than \(n)",
                file: file, line: line)
    }
}
