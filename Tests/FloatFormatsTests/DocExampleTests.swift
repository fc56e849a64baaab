import XCTest
@testable import FloatFormats
import Verification

/// The worked examples in the doc comments, run as written so they cannot drift.
final class DocExampleTests: XCTestCase {
    func testFloatFormatExample() throws {
        let e4m3 = try FloatFormat(name: "float8_e4m3fn", exponentBits: 4, fractionBits: 3, specials: .finiteAllOnesNaN)
        XCTAssertEqual(e4m3.bitWidth, 8)
        XCTAssertEqual(e4m3.bias, 7)
        XCTAssertEqual(e4m3.maxFinite, Dyadic(significand: 7, exponent: 6))
    }

    func testDyadicExamples() {
        XCTAssertEqual(Dyadic(significand: 7, exponent: 6).exactDecimal(), "448")
        XCTAssertEqual(Dyadic(significand: 1, exponent: -9).exactDecimal(), "0.001953125")
        XCTAssertEqual(Dyadic(significand: 3, exponent: -1).exactDecimal(), "1.5")
        XCTAssertEqual(Dyadic.powerOfTwo(-24).exactDecimal(), "0.000000059604644775390625")
    }

    func testDecodeExample() throws {
        let d = try FloatFormat.float8_e4m3fn.decode(0x7E)
        XCTAssertEqual(d.floatClass, .normal)
        XCTAssertEqual(d.value, Dyadic(significand: 7, exponent: 6))
        XCTAssertEqual(try FloatFormat.float8_e4m3fn.decode(0x7F).floatClass, .nan)
    }

    func testPropertyExamples() {
        XCTAssertEqual(FloatFormat.float16.maxFinite.exactDecimal(), "65504")
        XCTAssertEqual(FloatFormat.float8_e4m3fnuz.maxFinite.exactDecimal(), "240")
        XCTAssertEqual(FloatFormat.float32.resolution, 1e-06)
        XCTAssertEqual(FloatFormat.bfloat16.resolution, 0.01)
        XCTAssertEqual(FloatFormat.bfloat16.ulp(at: .powerOfTwo(0)), .powerOfTwo(-7))
    }

    func testCatalogueExamples() throws {
        XCTAssertEqual(try FloatFormat.named("bf16"), .bfloat16)
        XCTAssertEqual(try FloatFormat.named("e4m3"), .float8_e4m3fn)
        XCTAssertEqual(try FloatFormat.named("e5m10"), .float16)
        XCTAssertEqual(try FloatFormat.p3109(bits: 8, precision: 4, signed: true, extended: false), .float8_e4m3fnuz)
        XCTAssertEqual(try FormatSpec.parse("e3m2b2").bias, 2)
        XCTAssertEqual(try FormatSpec.parse("binary8p3").name, "binary8p3se")
    }

    func testExactCodeExamples() {
        XCTAssertEqual(FloatFormat.float8_e4m3fn.exactCode(of: Dyadic(significand: 7, exponent: 6)), 0x7E)
        XCTAssertNil(FloatFormat.float8_e4m3fn.exactCode(of: Dyadic(significand: 1, exponent: -10)))
    }

    func testShortestExamples() {
        XCTAssertEqual(FloatFormat.bfloat16.shortestDecimal(of: 0x3DCD)?.plain(), "0.1")
        XCTAssertEqual(FloatFormat.float8_e4m3fn.shortestDecimal(of: 0x7E)?.plain(), "450")
    }

    func testBinadeExample() {
        let table = FloatFormat.float8_e4m3fn.binades
        XCTAssertTrue(table.first!.isSubnormal)
        XCTAssertEqual(table.first!.count, 7)
        XCTAssertEqual(table.first!.spacing, .powerOfTwo(-9))
        XCTAssertEqual(table.last!.highest, Dyadic(significand: 7, exponent: 6))
        XCTAssertEqual(table.last!.count, 7)
        XCTAssertEqual(table.last!.spacing, .powerOfTwo(5))
    }

    func testDecimalDigitsExamples() {
        XCTAssertEqual(DecimalDigits(digits: [4, 4, 8], pointPosition: 3).plain(), "448")
        XCTAssertEqual(DecimalDigits(digits: [1, 2, 5], pointPosition: 0).plain(), "0.125")
        XCTAssertEqual(DecimalDigits(digits: [3, 4], pointPosition: 39).scientific(), "3.4e+38")
    }

    func testBulkConverterExamples() {
        XCTAssertEqual(BulkConverter(from: .float32, to: .bfloat16).convert([0x3DCC_CCCD, 0x7F80_0000]), [0x3DCD, 0x7F80])
        let widening = BulkConverter(from: .float8_e4m3fn, to: .float32)
        XCTAssertEqual(widening.kernelName, "widening")
        XCTAssertEqual(widening.convert([0x38, 0x01, 0xFE]), [0x3F80_0000, 0x3B00_0000, 0xC3E0_0000])
        XCTAssertEqual(KernelSweep(BulkConverter(from: .float32, to: .float8_e4m3fn)).run(0x3F80_0000..<0x3F90_0000, threads: 1).mismatches, 0)
    }

    func testConversionExamples() {
        XCTAssertEqual(Conversion(from: .float32, to: .bfloat16).convert([0x3DCC_CCCD, 0x7F80_0000]).codes, [0x3DCD, 0x7F80])
        let c = Conversion(from: .float32, to: .float8_e4m3fn)
        let input: [UInt32] = [0x3F80_0000, 0x4400_0000]
        var out = [UInt64](repeating: 0, count: 2)
        let flags = input.withUnsafeBufferPointer { src in out.withUnsafeMutableBufferPointer { c.convert(src, into: $0) } }
        XCTAssertEqual(out, [0x38, 0x7F])
        XCTAssertEqual(flags, [.overflow, .inexact])
    }

    func testSpecialEncodingExamples() {
        XCTAssertTrue(FloatFormat.float8_e4m3fnuz.isSpecial(0x80))
        XCTAssertFalse(FloatFormat.float8_e4m3fn.isSpecial(0x80))
        for format in Catalogue.formats where format.bitWidth <= 16 {
            for code in 0...format.encodingMask {
                XCTAssertEqual(format.isSpecial(code), format.isNaN(code) || format.isInfinite(code), "\(format.name) \(code)")
            }
        }
    }

    func testRoundingNoiseExamples() {
        let noise = RoundingNoise(seed: 42)
        XCTAssertEqual(noise[7], RoundingNoise(seed: 42)[7])
        XCTAssertEqual(noise[7], RoundingNoise.mix(7, key: noise.key(high: 0)))
        XCTAssertNotEqual(noise[7], noise[8])
    }
}
