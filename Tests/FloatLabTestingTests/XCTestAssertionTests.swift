import XCTest
import FloatTypes
import FloatLabTesting

/// The XCTest assertions on right results (a wrong one fails the test, which XCTest on Linux cannot expect).
final class XCTestAssertionTests: XCTestCase {
    func testDocumentedExample() {
        let a = BFloat16(1.0), b = BFloat16(0.00390625)
        XCTAssertCorrectlyRounded(a + b, .add, a, b)
        XCTAssertCorrectlyRounded(BFloat16(0.1), converting: 0.1)
        XCTAssertUlpDistance(Float(1) / 3, 0x1.555556p-2, atMost: 0)
    }

    func testEveryE4M3FNProductOfTheTypeIsCorrectlyRounded() {
        for x in Float8E4M3FN.allEncodings {
            for y in Float8E4M3FN.allEncodings where !x.isNaN && !y.isNaN { XCTAssertCorrectlyRounded(x * y, .mul, x, y) }
        }
    }
}
