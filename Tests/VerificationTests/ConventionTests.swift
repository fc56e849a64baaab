import Testing
import FloatFormats
@testable import Verification

/// The named conventions and the matrix: the facts each source states.
@Suite struct ConventionTests {
    @Test func documentedExamples() {
        #expect(NamedConvention.named("nvidia-satfinite")!.options(for: .float8_e5m2).overflow == .saturateAll)
        #expect(NamedConvention.named("pytorch")!.options(for: .bfloat16).nan == .canonical)
        let m = ConventionMatrix(target: .float8_e4m3fn)
        #expect(m.source.name == "float32")
        #expect(m.result(case: "+Inf", convention: "ml_dtypes")!.code == 0x7F)
        #expect(m.result(case: "+Inf", convention: "nvidia-satfinite")!.code == 0x7E)
    }

    @Test func everyConventionHasASourceAndAUniqueName() {
        #expect(Set(NamedConvention.all.map(\.name)).count == NamedConvention.all.count)
        for c in NamedConvention.all { #expect(!c.source.isEmpty && !c.summary.isEmpty) }
        #expect(NamedConvention.named("ML_DTYPES") != nil && NamedConvention.named("nope") == nil)
    }

    /// What the specs and the libraries' sources say, cell by cell.
    @Test func theMatrixHoldsThePublishedFacts() throws {
        let e4m3 = ConventionMatrix(target: .float8_e4m3fn)
        // OCP: 464 is the overflow tie and rounds to the even 448 under every convention (CUDA's threshold is > 464, PyTorch's ≥ 480).
        for c in NamedConvention.all { #expect(e4m3.result(case: "max + ½ ulp (the overflow tie)", convention: c.name)!.code == 0x7E, "\(c.name)") }
        // Non-saturating stacks give NaN for 2 × max and for Inf; saturating ones 448.
        for name in ["floatlab", "ocp-nonsaturating", "ml_dtypes", "llvm-apfloat", "pytorch", "nvidia-nosat", "p3109-satnone"] {
            #expect(e4m3.result(case: "2 × max", convention: name)!.code == 0x7F, "\(name)")
            #expect(e4m3.result(case: "-Inf", convention: name)!.code == 0xFF, "\(name)")
        }
        for name in ["ocp-saturating", "p3109-satfinite", "p3109-satpropagate", "nvidia-satfinite"] {
            #expect(e4m3.result(case: "2 × max", convention: name)!.code == 0x7E, "\(name)")
        }
        // CUDA's satfinite turns a NaN input into the positive NaN.
        #expect(e4m3.result(case: "-NaN", convention: "nvidia-satfinite")!.code == 0x7F)
        // E5M2 has Inf: only SatFinite-style conventions clamp it.
        let e5m2 = ConventionMatrix(target: .float8_e5m2)
        #expect(e5m2.result(case: "+Inf", convention: "nvidia-satfinite")!.code == 0x7B)
        #expect(e5m2.result(case: "+Inf", convention: "p3109-satfinite")!.code == 0x7B)
        #expect(e5m2.result(case: "+Inf", convention: "p3109-satpropagate")!.code == 0x7C)
        #expect(e5m2.result(case: "max + ½ ulp (the overflow tie)", convention: "floatlab")!.code == 0x7C)   // 61440 rounds up to Inf
        // bfloat16 NaN sign: kept by ml_dtypes, dropped by PyTorch (0x7FC0).
        let bf16 = ConventionMatrix(target: .bfloat16)
        #expect(bf16.result(case: "-NaN", convention: "ml_dtypes")!.code == 0xFFC0)
        #expect(bf16.result(case: "-NaN", convention: "pytorch")!.code == 0x7FC0)
        // E8M0: no zero and no sign; 1.5 rounds to the nearest power, ties up (ml_dtypes), so to 2.
        let e8m0 = ConventionMatrix(target: .float8_e8m0fnu)
        #expect(e8m0.result(case: "-1", convention: "ml_dtypes")!.code == 0xFF)
        #expect(e8m0.result(case: "+0", convention: "ml_dtypes")!.code == 0xFF)
        #expect(e8m0.result(case: "1.5 (between powers of two)", convention: "ml_dtypes")!.code == 0x80)
        // tf32 under CUDA rounds ties away.
        #expect(NamedConvention.named("nvidia-satfinite")!.options(for: .tfloat32).mode == .nearestAway)
    }

    /// `sign`: the canonical quiet NaN with the input's sign, for every NaN of the float32 specials.
    @Test func nanHandlingSignKeepsOnlyTheSign() {
        var o = RoundingOptions.default
        o.nan = .sign
        for t in [FloatFormat.bfloat16, .float16, .float8_e5m2, .float8_e4m3, .float8_e4m3fn] {
            for nan: UInt64 in [0x7FC0_0000, 0xFFC0_0000, 0x7F80_0001, 0xFF95_ABEB, 0x7FFF_FFFF] {
                let r = try! t.convert(nan, from: .float32, options: o)
                let negative = nan & 0x8000_0000 != 0
                #expect(t.isNaN(r.code))
                #expect((r.code & t.signMask != 0) == negative, "\(t.name) 0x\(String(nan, radix: 16))")
                #expect(r.code & ~t.signMask == t.canonicalNaN! & ~t.signMask, "\(t.name) 0x\(String(nan, radix: 16))")
            }
        }
    }
}
