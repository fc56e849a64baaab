import Testing
import FloatFormats
import MPFRReference
import Verification

/// The documented examples of MPFRReference, as written.
@Suite struct MPFRReferenceDocumentedExampleTests {
    @Test func examples() throws {
        let x = BigFloat(exactly: Dyadic(significand: 3, exponent: -1))
        #expect(try x.decimalString(digits: 5) == "1.5000e0")
        let check = ConversionCheck(source: .float8_e4m3fn, target: .float4_e2m1fn,
                                    modes: [.nearestEven], policies: [.ieee])
        #expect(try check.method(exhaustive: false, boundaries: false, random: nil, reference: nil) == .referee(.exhaustive))
        #expect(check.runReferee(.exhaustive).mismatchCount == 0)
        let r = MPFRSweepReference(target: .float8_e4m3fn, options: RoundingOptions())
        #expect(r.disagreement(code: 0x3F80_0000, index: 0, result: 0x38) == nil)
    }

    @Test func checkMethodsFollowTheOptions() throws {
        let wide = ConversionCheck(source: .float32, target: .float8_e4m3fn)
        #expect(try wide.method(exhaustive: false, boundaries: false, random: nil, reference: nil) == .referee(.boundaries))
        #expect(try wide.method(exhaustive: true, boundaries: false, random: nil, reference: nil) == .sweep(.core))
        #expect(try wide.method(exhaustive: true, boundaries: false, random: nil, reference: .mpfr) == .sweep(.mpfr))
        #expect(try wide.method(exhaustive: false, boundaries: false, random: 5, reference: nil) == .referee(.random(count: 5, seed: 1)))
        #expect(throws: VerificationError.self) { try wide.method(exhaustive: true, boundaries: true, random: nil, reference: nil) }
        #expect(throws: VerificationError.self) {
            try ConversionCheck(source: .float64, target: .float16).method(exhaustive: true, boundaries: false, random: nil, reference: nil)
        }
        #expect(throws: VerificationError.self) {
            try ConversionCheck(source: .float32, target: .float32).method(exhaustive: true, boundaries: false, random: nil, reference: .mpfr)
        }
    }
}
