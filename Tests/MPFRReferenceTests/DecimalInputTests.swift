import Testing
import FloatFormats
import FloatLabTestSupport
import MPFRReference

/// Typed numbers rounded by the core (`NumberLiteral` → `DecimalNumber`,
/// exact) against MPFR's parser (`mpfr_strtofr` at 4096 bits, truncated, with
/// a sticky bit) and the referee's rounding: long decimals, ties written out
/// exactly, hex floats, at every scale of the target.
@Suite struct DecimalInputTests {
    static func texts() -> [String] {
        var rng = SplitMix64(seed: 53)
        var out = ["0", "-0", "inf", "-inf", "nan", "448", "464", "465", "-464.0000000000000000000001", "0x1.cp8",
                   "1e-10", "2.98023223876953125e-8", "6.103515625e-05", "65504", "65520", "65519.99999999999999999999"]
        for _ in 0..<1500 {
            let digits = (0..<Int(rng.next() % 30 + 1)).map { _ in String(rng.next() % 10) }.joined()
            let e = Int(rng.next() % 90) - 60
            out.append((rng.next() & 1 == 0 ? "" : "-") + "0." + digits + "e" + String(e))
        }
        return out
    }

    @Test(arguments: [FloatFormat.float8_e4m3fn, .float16, .bfloat16, .float4_e2m1fn, .float8_e8m0fnu])
    func typedNumbersAgreeWithMPFR(_ target: FloatFormat) throws {
        let referee = Referee.Target(target)
        for text in Self.texts() {
            guard case .value(let number) = try NumberLiteral(text) else { Issue.record("\(text) is a value"); continue }
            let input = try #require(Referee.input(parsing: text))
            for mode in RoundingMode.deterministic {
                for policy in OverflowPolicy.allCases {
                    let options = RoundingOptions(mode: mode, overflow: policy)
                    let got = target.round(number, options: options)
                    let expected = Referee.round(input, into: referee, options: options)
                    #expect(Referee.agrees(got.code, got.flags, in: target, with: expected),
                            "\(text) → \(target.name) \(mode) \(policy): 0x\(String(got.code, radix: 16)) \(got.flags), MPFR \(expected)")
                }
            }
        }
    }
}
