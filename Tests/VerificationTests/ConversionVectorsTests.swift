import Testing
import FloatFormats
@testable import Verification

/// The vector groups hold what their names say.
@Suite struct ConversionVectorsTests {
    @Test func documentedExamples() {
        let groups = ConversionVectors.groups(from: .float32, to: .float8_e4m3fn)
        #expect(groups.map(\.name).first == "special values")
        #expect(groups.first { $0.name == "exact ties" }!.inputs.contains(0x3F88_0000))
        let set = ConversionVectorSet(from: .float32, to: .float8_e4m3fn)
        #expect(set.count > 500)
        #expect(set.cHeader().contains("floatlab_float32_to_float8_e4m3fn_count"))
        #expect(Dyadic.difference(.powerOfTwo(-6), .powerOfTwo(-9)) == Dyadic(significand: 7, exponent: -9))
        #expect(FloatFormat.float8_e4m3fn.ulpDistance(0x38, 0x3A) == 2)
        #expect(FloatFormat.float8_e4m3fn.ulpDistance(0x01, 0x81) == 2)
    }

    static let pairs: [(FloatFormat, FloatFormat)] = [(.float32, .float8_e4m3fn), (.float32, .bfloat16), (.float64, .float16),
                                                      (.bfloat16, .float4_e2m1fn), (.float32, .float8_e5m2fnuz), (.float16, .float8_e8m0fnu)]

    /// The midpoint between an input's truncation and the next value away from zero.
    static func isTie(_ code: UInt64, from s: FloatFormat, to t: FloatFormat) -> Bool {
        guard let x = s.decodeUnchecked(code).value else { return false }
        let down = t.round(x, options: RoundingOptions(mode: .towardZero, overflow: .saturateAll)).code
        let next = ((down & t.magnitudeMask) + 1) | (down & t.signMask)
        guard let a = t.decodeUnchecked(down).value?.magnitude, next <= t.encodingMask, !t.isNaN(next),
              let b = t.decodeUnchecked(next).value?.magnitude else { return false }
        // 2x = a + b, in exact integers.
        let e = min(a.exponent, b.exponent, x.exponent - 1)
        return (Int128(x.significand) << (x.exponent + 1 - e)) == (Int128(a.significand) << (a.exponent - e)) + (Int128(b.significand) << (b.exponent - e))
    }

    @Test(arguments: pairs.indices)
    func groupsHoldWhatTheySay(_ k: Int) {
        let (s, t) = Self.pairs[k]
        let groups = ConversionVectors.groups(from: s, to: t, level: 2, seed: 3)
        // No input twice, every group non-empty.
        let all = groups.flatMap(\.inputs)
        #expect(Set(all).count == all.count)
        #expect(groups.allSatisfy { !$0.inputs.isEmpty })
        if let ties = groups.first(where: { $0.name == "exact ties" }) {
            // Every one a tie, but the overflow threshold: midway between the largest finite value and the next power step.
            let top = t.maxFinite, threshold = Dyadic.sum(top, Dyadic(significand: 1, exponent: t.ulp(at: top).exponent - 1))
            for c in ties.inputs where s.decodeUnchecked(c).value?.magnitude != threshold {
                #expect(Self.isTie(c, from: s, to: t), "\(s.name) -> \(t.name): 0x\(String(c, radix: 16)) is no tie")
            }
        } else {
            Issue.record("\(s.name) -> \(t.name): no exact ties")
        }
        // Around the ties: none of them is a tie, and each is within two source ulps of one.
        for c in groups.first(where: { $0.name == "around the ties" })?.inputs ?? [] {
            #expect(!Self.isTie(c, from: s, to: t))
        }
        // Specials: both zeros (where they exist), infinities, NaNs of both signs.
        let specials = Set(groups[0].inputs)
        #expect(specials.contains(0))
        if s.hasInfinity { #expect(specials.contains(s.positiveInfinity!) && specials.contains(s.negativeInfinity!)) }
        if s.canonicalNaN != nil, s.isSigned {
            #expect(specials.contains { s.isNaN($0) && $0 & s.signMask != 0 } && specials.contains { s.isNaN($0) && $0 & s.signMask == 0 })
            #expect(specials.filter { s.isNaN($0) }.count >= 4, "\(s.name): several NaN payloads")
        }
        #expect(groups.last?.name == "random")
        #expect(!ConversionVectors.groups(from: s, to: t, level: 1).contains { $0.name == "random" })
    }

    /// Every input of a double-rounding group is within a quarter ulp of the intermediate from a target
    /// midpoint, and rounding through the intermediate gets a share of them wrong.
    @Test func doubleRoundingGroupsAreTraps() {
        for (s, t) in [(FloatFormat.float32, FloatFormat.float8_e4m3fn), (.float32, .float4_e2m1fn), (.float64, .bfloat16)] {
            let groups = ConversionVectors.groups(from: s, to: t)
            let traps = groups.filter { $0.name.hasPrefix("double rounding through ") }
            #expect(!traps.isEmpty)
            for g in traps {
                let i = try! FloatFormat.named(String(g.name.dropFirst("double rounding through ".count)))
                let wrong = g.inputs.filter { Convention(options: .default, through: i).convert($0, from: s, to: t) != (try! t.convert($0, from: s).code) }
                #expect(wrong.count * 4 >= g.inputs.count, "\(g.name) for \(s.name) -> \(t.name): \(wrong.count) of \(g.inputs.count) caught")
            }
        }
    }

    /// The NaN handling is written in the header and read back; group comments do not disturb the reader.
    @Test func csvCarriesTheNaNHandling() throws {
        var o = RoundingOptions.default
        o.nan = .sign
        let set = ConversionVectorSet(from: .float32, to: .bfloat16, options: o)
        let file = try TestVectorFile(csv: set.csv())
        #expect(file.options.nan == .sign && file.vectors.count == set.count)
        #expect(file.vectors.map(\.expected) == set.entries.map(\.expected.code))
        #expect(throws: VerificationError.self) { try TestVectorFile(csv: set.csv().replacingOccurrences(of: "# nan: sign", with: "# nan: maybe")) }
    }

    @Test func arithmeticVectorDocumentedExample() {
        let set = ArithmeticVectorSet(.add, in: .bfloat16)
        #expect(set.file.vectors.count > 1000)
        #expect(set.cHeader().contains("floatlab_add_bfloat16_count"))
        // The CSV reads back as the same vectors.
        #expect(try! TestVectorFile(csv: set.csv()) == set.file)
        #expect(ArithmeticVectorSet(.add, in: .bfloat16, level: 2).file.vectors.count == set.file.vectors.count + 4096)
    }
}
