import Testing
import FloatFormats
@testable import Verification

/// `check`'s diagnosis, fed deliberately wrong implementations: each bug is
/// caught by the level-1 vectors and named.
@Suite struct OutputCheckTests {
    @Test func documentedExamples() {
        let inputs: [UInt64] = [0x3F80_0000, 0x3F88_0000, 0x3F98_0000]
        let check = OutputCheck(from: .float32, to: .float8_e4m3fn, inputs: inputs, outputs: [0x38, 0x39, 0x3A])
        #expect(check.mismatches.count == 1)
        #expect(check.diagnosis == "all 3 outputs match `--rounding nearest-away`")
        let c = Convention(options: RoundingOptions(mode: .nearestAway))
        #expect(c.flags(against: .default) == "--rounding nearest-away")
        #expect(c.convert(0x3F88_0000, from: .float32, to: .float8_e4m3fn) == 0x39)
    }

    static func run(_ s: FloatFormat, _ t: FloatFormat, _ wrong: (UInt64, UInt64) -> UInt64) -> OutputCheck {
        let inputs = ConversionVectorSet(from: s, to: t).entries.map(\.input)
        let outputs = inputs.map { wrong($0, try! t.convert($0, from: s).code) }
        return OutputCheck(from: s, to: t, inputs: inputs, outputs: outputs)
    }

    static func convention(_ s: FloatFormat, _ t: FloatFormat, _ c: Convention) -> OutputCheck {
        run(s, t) { x, _ in c.convert(x, from: s, to: t) }
    }

    @Test func aCorrectImplementationGetsNoDiagnosis() {
        for (s, t) in [(FloatFormat.float32, FloatFormat.float8_e4m3fn), (.float32, .bfloat16), (.bfloat16, .float4_e2m1fn)] {
            let c = Self.run(s, t) { _, right in right }
            #expect(c.mismatches.isEmpty && c.diagnosis == nil && c.matchingConvention == nil)
        }
    }

    @Test func tiesAwayAreNamed() {
        let c = Self.convention(.float32, .float8_e4m3fn, Convention(options: RoundingOptions(mode: .nearestAway)))
        #expect(!c.mismatches.isEmpty)
        #expect(c.diagnosis == "all \(c.checked) outputs match `--rounding nearest-away`")
        #expect(c.kinds.first?.kind == .tieHandling)
    }

    @Test func truncationIsNamed() {
        let c = Self.convention(.float32, .bfloat16, Convention(options: RoundingOptions(mode: .towardZero)))
        #expect(c.diagnosis == "all \(c.checked) outputs match `--rounding toward-zero`")
        #expect(c.kinds.contains { $0.kind == .truncation })
    }

    @Test func saturatingOverflowIsNamed() {
        let c = Self.convention(.float32, .float8_e4m3fn, Convention(options: RoundingOptions(overflow: .saturate)))
        #expect(c.diagnosis == "all \(c.checked) outputs match `--overflow saturate`")
        #expect(c.kinds.allSatisfy { $0.kind == .overflowPolicy }, "\(c.kinds)")
    }

    @Test func doubleRoundingThroughFloat16IsNamed() {
        let c = Self.convention(.float32, .float8_e4m3fn, Convention(options: .default, through: .float16))
        #expect(c.diagnosis == "all \(c.checked) outputs match rounding through float16 first (nearest-even)")
        #expect(c.kinds.contains { $0.kind == .doubleRounding(through: "float16") })
    }

    @Test func flushedSubnormalsAreNamed() {
        var o = RoundingOptions.default
        o.flushSubnormalOutputs = true
        let c = Self.convention(.float32, .float8_e4m3fn, Convention(options: o))
        #expect(c.diagnosis == "all \(c.checked) outputs match `--flush-outputs`")
        #expect(c.kinds.first?.kind == .subnormalFlush)
    }

    /// −0 written as 0x80 in an FNUZ format, where 0x80 is the NaN: no convention does that.
    @Test func negativeZeroInFNUZIsNamed() {
        let t = FloatFormat.float8_e4m3fnuz
        let c = Self.run(.float32, t) { x, right in
            right == 0 && x & 0x8000_0000 != 0 ? 0x80 : right
        }
        #expect(!c.mismatches.isEmpty && c.matchingConvention == nil)
        #expect(c.kinds.map(\.kind) == [.negativeZero])
        #expect(c.diagnosis == "\(c.mismatches.count) of \(c.checked) outputs differ: \(c.mismatches.count) negative zero in a format without one")
    }

    /// A NaN's sign dropped on the way to bfloat16.
    @Test func droppedNaNSignIsNamed() {
        let t = FloatFormat.bfloat16
        let c = Self.run(.float32, t) { _, right in t.isNaN(right) ? right & ~t.signMask : right }
        #expect(!c.mismatches.isEmpty && c.matchingConvention == nil)
        #expect(c.kinds.map(\.kind) == [.nanEncoding])
    }

    /// Off by one somewhere else, with no convention behind it.
    @Test func aStrayErrorIsCountedNotExplained() {
        let c = Self.run(.float32, .float8_e4m3fn) { x, right in x == 0x3F80_0000 ? right + 1 : right }
        #expect(c.mismatches.count == 1 && c.matchingConvention == nil)
        #expect(c.mismatches[0].ulpDistance == 1 && c.mismatches[0].kind == .offByOneUlp)
    }
}
