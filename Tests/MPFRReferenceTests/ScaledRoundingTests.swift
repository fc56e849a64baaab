import Testing
import FloatFormats
import FloatLabTestSupport
import MPFRReference

/// x / s rounded once, against MPFR's quotient (256 bits, truncated, with a
/// sticky bit) rounded by the referee: every finite float16 value, by scales
/// that are not powers of two, in every deterministic mode.
@Suite struct ScaledRoundingTests {
    static let scales: [Double] = [3, 0.1, 448.0 / 6, 6.0 / 448, 1e-3, 12345.678, 0x1.fffffffffffffp-1]

    @Test(arguments: [FloatFormat.float8_e4m3fn, .float4_e2m1fn, .bfloat16, .float8_e5m2fnuz, .float8_e8m0fnu])
    func everyFloat16DividedByEachScale(_ target: FloatFormat) {
        let referee = Referee.Target(target)
        var mismatches = 0
        for scale in Self.scales {
            let s = FloatFormat.float64.decodeUnchecked(scale.bitPattern).value!
            for mode in RoundingMode.deterministic {
                let options = RoundingOptions(mode: mode)
                for code in UInt64(0)...0xFFFF where code & 0x7C00 != 0x7C00 || code == 0x7C00 {
                    let got = target.round(FloatFormat.float16.sourceValue(of: code), dividedBy: s, options: options)
                    let input = Referee.quotient(Referee.input(code, in: .float16), by: s)
                    let expected = Referee.round(input, into: referee, options: options)
                    if !Referee.agrees(got.code, got.flags, in: target, with: expected) {
                        mismatches += 1
                        if mismatches <= 3 { Issue.record("\(target.name) 0x\(String(code, radix: 16)) / \(scale) \(mode): got 0x\(String(got.code, radix: 16)) \(got.flags), MPFR \(expected)") }
                    }
                }
            }
        }
        #expect(mismatches == 0)
    }
}
