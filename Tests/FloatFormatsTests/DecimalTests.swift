import Testing
@testable import FloatFormats

/// Significant digits of Swift's shortest round-trip printer (SwiftDtoa).
private func swiftDigits(_ description: String) -> Int {
    var s = description.lowercased()
    if let e = s.firstIndex(of: "e") { s = String(s[..<e]) }
    var digits = s.filter(\.isNumber).drop { $0 == "0" }
    while digits.last == "0" { digits.removeLast() }
    return digits.count
}

@Suite struct DecimalTests {
    @Test func exactDecimalExamples() {
        #expect(Dyadic(significand: 7, exponent: 6).exactDecimal() == "448")
        #expect(Dyadic(significand: 3, exponent: -1).exactDecimal() == "1.5")
        #expect(Dyadic.powerOfTwo(-24).exactDecimal() == "0.000000059604644775390625")
        #expect(Dyadic(isNegative: true, significand: 1, exponent: -9).exactDecimal() == "-0.001953125")
        #expect(FloatFormat.float32.maxFinite.exactDecimal() == "340282346638528859811704183484516925440")
        #expect(Dyadic.powerOfTwo(-3).exactScientific() == "1.25e-01")
    }

    @Test func decimalDigitsRendering() {
        #expect(DecimalDigits(digits: [4, 4, 8], pointPosition: 3).plain() == "448")
        #expect(DecimalDigits(digits: [1, 2, 5], pointPosition: 0).plain() == "0.125")
        #expect(DecimalDigits(digits: [3, 4], pointPosition: 39).scientific() == "3.4e+38")
        #expect(DecimalDigits(digits: [1], pointPosition: -44).automatic() == "1e-45")
        #expect(DecimalDigits(digits: [5], pointPosition: 2).plain() == "50")
    }

    /// Our shortest digits have the same value and the same length as Swift's
    /// printer for random float64, float32 and every float16.
    @Test func shortestMatchesSwiftPrinter() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<5_000 {
            let d = Double(bitPattern: rng.next())
            guard d.isFinite, d != 0 else { continue }
            let ours = FloatFormat.float64.shortestDecimal(of: d.bitPattern)!
            #expect(Double(ours.scientific()) == abs(d), "float64 \(d)")
            #expect(ours.digits.count == swiftDigits(abs(d).description), "float64 \(d): \(ours.scientific())")
            let f = Float(bitPattern: UInt32(truncatingIfNeeded: rng.next()))
            guard f.isFinite, f != 0 else { continue }
            let o32 = FloatFormat.float32.shortestDecimal(of: UInt64(f.bitPattern))!
            #expect(Float(o32.scientific()) == abs(f), "float32 \(f)")
            #expect(o32.digits.count == swiftDigits(abs(f).description), "float32 \(f): \(o32.scientific())")
        }
        for code in UInt16(0)...UInt16.max {
            let h = Float16(bitPattern: code)
            guard h.isFinite, h != 0 else { continue }
            let o = FloatFormat.float16.shortestDecimal(of: UInt64(code))!
            #expect(Float16(o.scientific()) == abs(h), "float16 \(h)")
            // Swift prints integral Float16 values in full ("4112.0" where "4.11e3"
            // already reads back), so only non-integers are compared for length.
            if h.rounded() != h {
                #expect(o.digits.count == swiftDigits(abs(h).description), "float16 \(h): \(o.scientific())")
            }
        }
    }

    @Test func shortestExamples() {
        #expect(FloatFormat.bfloat16.shortestDecimal(of: 0x3DCD)?.plain() == "0.1")
        #expect(FloatFormat.float8_e4m3fn.shortestDecimal(of: 0x7E)?.plain() == "450")   // 450 rounds to 448
        #expect(FloatFormat.float64.shortestDecimal(ofValue: FloatFormat.float32.maxFinite)?.scientific() == "3.4028234663852886e+38")
        #expect(FloatFormat.float32.shortestDecimal(ofValue: FloatFormat.float32.maxFinite)?.scientific() == "3.4028235e+38")
    }
}
