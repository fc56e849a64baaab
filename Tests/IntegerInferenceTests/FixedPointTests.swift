import Testing
import FloatLabTestSupport
@testable import IntegerInference

/// The requantizer against exact rational arithmetic: every rounding case.
@Suite struct FixedPointTests {
    @Test func documentedExamples() {
        let m = FixedPointMultiplier(0.75)
        #expect(m.multiplier == 1610612736 && m.shift == 0)
        #expect(m.apply(1000) == 750)
        #expect(FixedPoint.roundingDoublingHighMultiply(1 << 30, 1 << 30) == 536870912)
        #expect(FixedPoint.roundingDivideByPowerOfTwo(-3, 1) == -2)
    }

    /// floor(n / d + 1/2) for d > 0, in integers: round half toward +∞.
    static func roundHalfUp(_ n: Int128, _ d: Int128) -> Int128 {
        let q = (2 * n + d)
        let dd = 2 * d
        return q >= 0 ? q / dd : -((-q + dd - 1) / dd)
    }

    /// Round half away from zero of n / d, d > 0.
    static func roundHalfAway(_ n: Int128, _ d: Int128) -> Int128 {
        let a = n.magnitude, r = (2 * a + UInt128(d)) / (2 * UInt128(d))
        return n < 0 ? -Int128(r) : Int128(r)
    }

    @Test func highMultiplyIsRoundHalfUpOfTheProductOver2To31() {
        var g = SplitMix64(seed: 1)
        var cases: [(Int32, Int32)] = [(.min, .min), (.min, .max), (.max, .max), (0, .min), (1 << 30, -(1 << 30)), (-1, 1 << 30), (1, 1 << 30), (-3, 1 << 30), (3, 1 << 30)]
        for _ in 0..<100_000 { cases.append((Int32(truncatingIfNeeded: g.next()), Int32(truncatingIfNeeded: g.next() >> UInt64(g.next() % 32)))) }
        for (a, b) in cases {
            let got = FixedPoint.roundingDoublingHighMultiply(a, b)
            if a == .min && b == .min { #expect(got == .max); continue }
            let want = Self.roundHalfUp(Int128(a) * Int128(b), Int128(1) << 31)
            #expect(Int128(got) == want, "\(a) · \(b)")
        }
    }

    @Test func divideByPowerOfTwoRoundsHalfAwayFromZero() {
        var g = SplitMix64(seed: 2)
        for e in 0...31 {
            var xs: [Int32] = [.min, .max, 0, 1, -1, 3, -3]
            if e > 0 { xs += [Int32(truncatingIfNeeded: Int64(1) << (e - 1)), -Int32(truncatingIfNeeded: Int64(1) << (e - 1))] }
            for _ in 0..<2000 { xs.append(Int32(truncatingIfNeeded: g.next())) }
            for x in xs {
                #expect(Int128(FixedPoint.roundingDivideByPowerOfTwo(x, e)) == Self.roundHalfAway(Int128(x), Int128(1) << e), "\(x) / 2^\(e)")
            }
        }
    }

    /// The stored multiplier is within half a unit of its 31st bit of M, and applying it rounds twice: its result
    /// is within 1 of x·M', M' = multiplier · 2^(shift − 31), and equals the two roundings done exactly.
    @Test func multiplierErrorBoundAndApplication() {
        var g = SplitMix64(seed: 3)
        for _ in 0..<20_000 {
            let real = Double(g.next() >> 11) * 0x1p-53 * Double(sign: .plus, exponent: Int(g.next() % 20) - 16, significand: 1)
            guard real > 0 else { continue }
            let m = FixedPointMultiplier(real)
            #expect(m.multiplier >= 1 << 30)
            #expect(abs(m.value - real) <= Double(sign: .plus, exponent: m.shift - 32, significand: 1))
            let x = Int32(truncatingIfNeeded: Int64(bitPattern: g.next()) >> 40)
            guard m.shift <= 0 || abs(Int64(x)) << m.shift <= Int64(Int32.max) else { continue }
            let got = m.apply(x)
            let shifted = Int128(x) << max(m.shift, 0)
            let high = Self.roundHalfUp(shifted * Int128(m.multiplier), Int128(1) << 31)
            let want = Self.roundHalfAway(high, Int128(1) << min(max(-m.shift, 0), 31))
            #expect(Int128(got) == want, "x = \(x), M = \(real)")
            #expect(abs(Double(got) - Double(x) * m.value) <= 1.0)
        }
    }
}
