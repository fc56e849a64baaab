import Testing
import FloatFormats
import FloatLabTestSupport
@testable import Quantization

@Suite("Exact rounding of x / s to integers")
struct IntegerRoundingTests {
    @Test("agrees with 128-bit integer division in every deterministic mode, on random and tie-making operands")
    func againstIntegerDivision() {
        var g = SplitMix64(seed: 11)
        var checked = 0
        for trial in 0..<200_000 {
            let x = Double(Float(bitPattern: UInt32(truncatingIfNeeded: g.next()) & 0x7FFF_FFFF | (trial % 2 == 0 ? 0 : 0x8000_0000)))
            guard x.isFinite else { continue }
            // Scales near |x| / k for small k make quotients near integers and midpoints.
            let k = Double(g.next() % 300 + 1)
            var s = (x.magnitude / k).nextUp
            switch trial % 4 {
            case 0: s = x.magnitude / k
            case 1: s = Double(Float(x.magnitude) / Float(k))
            case 2: s = x.magnitude / (k + 0.5)
            default: break
            }
            guard s > 0, s.isFinite, x.magnitude / s < 0x1p30 else { continue }
            for mode in RoundingMode.deterministic {
                let got = IntegerRounding.round(x, dividedBy: s, mode: mode, limit: 0x1p31)
                let want = exactIntegerQuotient(x, s, mode: mode)
                #expect(got == want, "x=\(x) s=\(s) \(mode)")
                if got != want { return }
            }
            let c = Double(g.next() % 40) / 2
            #expect(IntegerRounding.floor(x, dividedBy: s, plus: c, lower: -0x1p40, upper: 0x1p40) == exactFloorPlus(x, s, c),
                    "floor x=\(x) s=\(s) c=\(c)")
            checked += 1
        }
        #expect(checked > 150_000)
    }

    @Test("stochastic rounding: the frequency of rounding up is the fraction, to 16 bits")
    func stochasticFrequency() {
        // 1.25 = 5 / 4: up with probability 1/4; −2.75 = −11/4: away (to −3) with probability 3/4.
        let noise = RoundingNoise(seed: 3)
        var up = 0, away = 0
        let n = 40_000
        for i in 0..<n {
            let r = UInt64(noise[UInt64(i)])
            if IntegerRounding.round(5, dividedBy: 4, mode: .stochastic(bits: 16), random: r) == 2 { up += 1 }
            if IntegerRounding.round(-11, dividedBy: 4, mode: .stochastic(bits: 16), random: r) == -3 { away += 1 }
        }
        #expect(abs(Double(up) / Double(n) - 0.25) < 0.01)
        #expect(abs(Double(away) / Double(n) - 0.75) < 0.01)
        // Exact integers never move.
        #expect(IntegerRounding.round(12, dividedBy: 4, mode: .stochastic(bits: 8), random: 255) == 3)
    }

    @Test("documented examples")
    func documented() {
        #expect(IntegerRounding.round(5, dividedBy: 2, mode: .nearestEven) == 2)
        #expect(IntegerRounding.round(5, dividedBy: 2, mode: .nearestAway) == 3)
        #expect(IntegerRounding.round(-5, dividedBy: 2, mode: .towardZero) == -2)
        #expect(IntegerRounding.round(500, dividedBy: 1000.0 / 255, mode: .nearestEven) == 128)
        #expect(IntegerRounding.floor(-2.5, dividedBy: 1, plus: 8.5, lower: 0, upper: 15) == 6)
        #expect(IntegerRounding.floor(7.5, dividedBy: 1, plus: 8.5, lower: 0, upper: 15) == 15)
    }
}
