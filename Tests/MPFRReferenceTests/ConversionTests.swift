import Foundation
import Testing
import FloatFormats
import MPFRReference
import FloatLabTestSupport
import Verification

let allModes: [RoundingMode] = RoundingMode.deterministic + [.stochastic(bits: 3), .stochastic(bits: 16)]


@discardableResult
func check(_ source: FloatFormat, _ target: FloatFormat, _ inputs: ConversionInputs.Selection,
           modes: [RoundingMode] = allModes, policies: [OverflowPolicy] = OverflowPolicy.allCases,
           base: RoundingOptions = .default) -> CheckReport {
    let v = ConversionCheck(source: source, target: target, modes: modes, policies: policies, base: base, seed: 7, keep: 20)
    let report = v.run(v.codes(inputs))
    #expect(report.mismatchCount == 0, "\(source.name) → \(target.name): \(report.mismatchCount) mismatches of \(report.comparisons)")
    for m in report.mismatches.prefix(3) { Issue.record("\(source.name) → \(target.name): \(m)") }
    #expect(report.comparisons > 0)
    return report
}

/// The conversion core against MPFR: exhaustive for every pair of catalogue
/// formats of up to 16 bits, in every mode and overflow policy.
@Suite struct ExhaustiveConversionTests {
    @Test(arguments: smallCatalogue)
    func everyEncodingIntoEverySmallFormat(_ source: FloatFormat) {
        var comparisons = 0
        for target in smallCatalogue {
            comparisons += check(source, target, .exhaustive).comparisons
        }
        #expect(comparisons >= Int(source.encodingMask + 1) * smallCatalogue.count * allModes.count * 3)
    }

    @Test(arguments: [FloatFormat.float16, .bfloat16])
    func intoP3109AndCustomFormats(_ source: FloatFormat) throws {
        let targets = Catalogue.p3109EightBit + [
            try FloatFormat.p3109(bits: 8, precision: 3, signed: false, extended: true),
            try FloatFormat.p3109(bits: 8, precision: 4, signed: false, extended: false),
            try FormatSpec.parse("e3m2b2"), try FormatSpec.parse("e5m0fnu"), try FormatSpec.parse("e4m3fin"),
        ]
        for target in targets { check(source, target, .exhaustive) }
    }

    /// Flushing, tininess before rounding and canonical NaNs, exhaustively on pairs
    /// that exercise them.
    @Test(arguments: [
        RoundingOptions(flushSubnormalOutputs: true),
        RoundingOptions(flushSubnormalInputs: true),
        RoundingOptions(tininess: .beforeRounding),
        RoundingOptions(nan: .canonical),
    ])
    func options(_ base: RoundingOptions) {
        for (s, t) in [(FloatFormat.float16, FloatFormat.float8_e4m3fn), (.bfloat16, .float8_e5m2), (.float16, .float4_e2m1fn),
                       (.bfloat16, .float8_e8m0fnu), (.float8_e5m2, .float8_e4m3fnuz), (.float16, .float8_e3m4)] {
            check(s, t, .exhaustive, base: base)
        }
    }
}

/// Every rounding boundary of every catalogue format, from float32 and float64.
@Suite struct BoundaryConversionTests {
    @Test(arguments: Catalogue.formats)
    func fromFloat32(_ target: FloatFormat) {
        check(.float32, target, .boundaries)
    }

    @Test(arguments: Catalogue.formats)
    func fromFloat64(_ target: FloatFormat) {
        check(.float64, target, .boundaries)
    }

    @Test(arguments: [FloatFormat.float32, .float64])
    func randomInputs(_ source: FloatFormat) {
        for target in Catalogue.formats { check(source, target, .random(count: 4000, seed: 11)) }
    }
}
