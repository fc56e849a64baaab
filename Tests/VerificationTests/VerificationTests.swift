import Testing
import FloatFormats
import FloatLabTestSupport
import Verification

@Suite struct ExpectedTests {
    @Test func codesFlagsAndNaNs() {
        let e = Expected(code: 0x7E, flags: [.overflow, .inexact])
        #expect(e.accepts(code: 0x7E, flags: [.overflow, .inexact], in: .float8_e4m3fn))
        #expect(!e.accepts(code: 0x7E, flags: [], in: .float8_e4m3fn))
        #expect(!e.accepts(code: 0x7D, flags: [.overflow, .inexact], in: .float8_e4m3fn))
        #expect(e.accepts(code: 0x7E, flags: nil, in: .float8_e4m3fn))      // flags not reported
        let nan = Expected(code: 0x7F, acceptsAnyNaN: true)
        #expect(nan.accepts(code: 0xFF, flags: nil, in: .float8_e4m3fn))
        #expect(!nan.accepts(code: 0x7E, flags: nil, in: .float8_e4m3fn))
        #expect(!Expected(code: 0x7F).accepts(code: 0xFF, flags: nil, in: .float8_e4m3fn))
    }
}

@Suite struct ConversionInputsTests {
    /// Every midpoint of e4m3fn's positive values, and the overflow threshold
    /// 464 = 448 + 16, is among the float32 boundary inputs with its neighbours.
    @Test func boundariesHoldEveryMidpointAndItsNeighbours() {
        let codes = Set(ConversionInputs.boundaries(from: .float32, to: .float8_e4m3fn))
        let target = FloatFormat.float8_e4m3fn
        let values = (1...target.largestFiniteMagnitude).map { target.decodeUnchecked($0).value!.doubleValue }
        var midpoints = zip([0] + values, values).map { ($0 + $1) / 2 }
        midpoints.append(464)
        for m in midpoints {
            let c = UInt64(Float(m).bitPattern)     // exact: e4m3fn midpoints fit float32
            for d in [c - 2, c - 1, c, c + 1, c + 2, c | 0x8000_0000] { #expect(codes.contains(d), "\(m)") }
        }
        for s in ConversionInputs.specials(of: .float32) { #expect(codes.contains(s)) }
        #expect(ConversionInputs.specials(of: .float32).contains(0x7FC0_0000))
    }

    @Test func randomInputsAreSeededAndCoverTheTargetsScales() {
        let a = ConversionInputs.random(count: 2000, from: .float32, to: .float8_e4m3fn, seed: 5)
        #expect(a == ConversionInputs.random(count: 2000, from: .float32, to: .float8_e4m3fn, seed: 5))
        #expect(a != ConversionInputs.random(count: 2000, from: .float32, to: .float8_e4m3fn, seed: 6))
        // The odd-numbered half lies within the target's binades ±2 (or their subnormal range).
        let binades = Set(a.enumerated().filter { $0.offset % 2 == 1 }.compactMap { FloatFormat.float32.decodeUnchecked($0.element).value?.binade })
        #expect(binades.min()! >= FloatFormat.float8_e4m3fn.emin - 3 - 3 && binades.max()! <= FloatFormat.float8_e4m3fn.emax + 2)
        #expect(binades.count >= 18)
        #expect(ConversionInputs.codes(.exhaustive, from: .float8_e4m3fn, to: .float4_e2m1fn).count == 256)
    }
}

@Suite struct OperandPairsTests {
    @Test func exhaustivePairsInCodeOrder() {
        let pairs = OperandPairs.exhaustive(.float4_e2m1fn)
        #expect(pairs.count == 256)
        #expect(pairs[17] == (1, 1))
        #expect(Set(pairs.map { $0.0 << 8 | $0.1 }).count == 256)
    }

    @Test func randomPairsAreSeededAndMeetTheSpecials() {
        let pairs = OperandPairs.random(count: 4000, in: .float16, seed: 3)
        #expect(pairs.count == 4000)
        #expect(pairs.map { $0.0 << 16 | $0.1 } == OperandPairs.random(count: 4000, in: .float16, seed: 3).map { $0.0 << 16 | $0.1 })
        let specials = Set(OperandPairs.specialOperands(of: .float16))
        for c: UInt64 in [0, 0x8000, 0x7C00, 0xFC00, 0x7E00, 0x3C00, 0x7BFF, 0x0001, 0x0400] { #expect(specials.contains(c)) }
        let met = Set(pairs.flatMap { [$0.0, $0.1] }).intersection(specials)
        #expect(met.count > specials.count / 2)
    }
}

/// A reference that disagrees on purpose: the sweep must report exactly its
/// disagreements, as values.
struct OffByOne: SweepReference {
    let wrong: UInt64
    var name: String { "off-by-one" }
    func disagreement(code: UInt64, index: UInt64, result: UInt64) -> Expected? {
        code == wrong ? Expected(code: result + 1) : nil
    }
}

@Suite struct KernelSweepTests {
    @Test func sweepsReportDisagreementsAsValues() {
        let sweep = KernelSweep(BulkConverter(from: .float16, to: .float8_e4m3fn))
        let clean = sweep.run(0..<(1 << 16), threads: 2)
        #expect(clean.checked == 1 << 16 && clean.mismatches == 0)
        let r = sweep.run(0..<(1 << 16), threads: 2) { OffByOne(wrong: 0x3C00) }
        #expect(r.mismatches == 1)
        let m = r.examples[0]
        #expect(m.input == 0x3C00 && m.actualCode == 0x38 && m.expected.code == 0x39 && m.reference == "off-by-one")
        #expect(m.source == .float16 && m.target == .float8_e4m3fn && m.actualFlags == nil)
    }
}

/// The documented examples of the Verification module, as written.
@Suite struct VerificationDocumentedExampleTests {
    @Test func examples() {
        let e = Expected(code: 0x7E, flags: [.overflow, .inexact])
        #expect(e.accepts(code: 0x7E, flags: [.overflow, .inexact], in: .float8_e4m3fn))
        #expect(!e.accepts(code: 0x7E, flags: [], in: .float8_e4m3fn))
        #expect(Expected(code: 0x7F, acceptsAnyNaN: true).accepts(code: 0xFF, flags: nil, in: .float8_e4m3fn))
        #expect(ConversionInputs.codes(.exhaustive, from: .float8_e4m3fn, to: .float4_e2m1fn).count == 256)
        #expect(ConversionInputs.specials(of: .float32).contains(0x7F80_0000))
        #expect(OperandPairs.exhaustive(.float4_e2m1fn).count == 256)
        #expect(OperandPairs.exhaustive(.float4_e2m1fn)[17] == (1, 1))
        #expect(OperandPairs.random(count: 100, in: .float16, seed: 1).count == 100)
        var core = CoreReference(Conversion(from: .float32, to: .float8_e4m3fn))
        #expect(core.disagreement(code: 0x3F80_0000, index: 0, result: 0x38) == nil)
        #expect(core.disagreement(code: 0x3F80_0000, index: 0, result: 0x39)?.code == 0x38)
        let sweep = KernelSweep(BulkConverter(from: .float32, to: .float8_e4m3fn))
        #expect(sweep.run(0x3F80_0000..<0x3F90_0000, threads: 2).mismatches == 0)
        _ = core
    }
}
