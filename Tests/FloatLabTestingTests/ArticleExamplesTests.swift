import Testing
import FloatFormats
import FloatTypes
import FloatLabTesting
import Simulation

/// The code of the DocC articles (Sources/FloatTypes/FloatTypes.docc), line for line, with what each line is said to give.
@Suite struct ArticleExamplesTests {
    @Test("Getting started")
    func gettingStarted() {
        let x = BFloat16(0.1)
        #expect(x.bitPattern == 15821 && x.bitPattern == 0x3DCD)
        #expect(Double(x) == 0.10009765625)
        #expect(x.description == "0.1")
        let y = x * 3 + 1
        #expect(y.bitPattern == 16294 && y.bitPattern == 0x3FA6 && Double(y) == 1.296875 && Double(x * 3) == 0.30078125)
        func mean<T: BinaryFloatingPoint>(_ xs: [T]) -> T { xs.reduce(0, +) / T(xs.count) }
        #expect(mean([1, 2, 4] as [BFloat16]) == 2.328125)
        #expect(mean([1, 2, 4] as [Float8E4M3FN]) == 2.25)
        let weights: [Float] = [0.5, -1.25, 3.3]
        let packed = [Float8E4M3FN](converting: weights)
        #expect([Float](converting: packed) == [0.5, -1.25, 3.25])
        #expect(Float8E4M3FN.allEncodings.count == 256)
        #expect(Float8E4M3FN.allEncodings.filter(\.isNaN).count == 2)
    }

    @Test("Formats and their special values")
    func specialValues() {
        #expect(Float8E4M3FN.infinity.isNaN)
        #expect(Float8E4M3FN.greatestFiniteMagnitude == 448)
        #expect(Float8E4M3FNUZ(-0.0).sign == .plus)
        #expect((-Float8E4M3FNUZ(0.0)).bitPattern == 0)
        #expect(Float4E2M1FN.infinity == 6)
        #expect(Float4E2M1FN.nan.isNaN == false)
        #expect(Float4E2M1FN(-1.0).squareRoot() == 0)
        #expect(Float8E8M0FNU.zero.isNaN)
        #expect(Double(Float8E8M0FNU.leastNonzeroMagnitude) == 5.877471754111438e-39 && 5.877471754111438e-39 == 0x1p-127)
        #expect((-Float8E8M0FNU(2.0)).isNaN)
        #expect(Float8E4M3FN(-0.0) == Float8E4M3FN(0.0))
        #expect((Float8E4M3FN.nan == Float8E4M3FN.nan) == false)
        #expect(Float8E4M3FN(-2.0) < Float8E4M3FN(1.0))
        // The table's largest values.
        let largest: [(any SmallBinaryFloat.Type, Double)] = [(Float8E5M2.self, 57344), (Float8E4M3.self, 240), (Float8E4M3FN.self, 448), (Float8E4M3FNUZ.self, 240),
            (Float8E5M2FNUZ.self, 57344), (Float8E4M3B11FNUZ.self, 30), (Float8E3M4.self, 15.5), (Float8E8M0FNU.self, 0x1p127),
            (Float6E2M3FN.self, 7.5), (Float6E3M2FN.self, 28), (Float4E2M1FN.self, 6)]
        for (t, want) in largest { #expect(t.format.doubleValue(t.format.largestFiniteMagnitude) == want, "\(t)") }
    }

    @Test("Rounding and overflow")
    func rounding() {
        #expect(BFloat16(1 + 0x1p-8).bitPattern == 16256 && BFloat16(1 + 0x1p-8) == 1)
        #expect(BFloat16(1 + 0x1p-8 + 0x1p-40).bitPattern == 16257)
        #expect(BFloat16(Float(1 + 0x1p-8 + 0x1p-40)).bitPattern == 16256)
        #expect(Float8E4M3FN(0.3, rounding: .down).bitPattern == 41)
        #expect(Float8E4M3FN(0.3, rounding: .up).bitPattern == 42)
        #expect(Float8E4M3FN(0.3, rounding: .stochastic(bits: 8), random: 0).bitPattern == 41)
        #expect(Float8E4M3FN(0.3, rounding: .stochastic(bits: 8), random: 255).bitPattern == 42)
        // Up for 153 of the 256 integers: ⌊0.6 · 256⌋, the discarded fraction (0.3 − 0.28125) / 2^-5 = 0.6 truncated to 8 bits.
        let ups = (0..<256).filter { Float8E4M3FN(0.3, rounding: .stochastic(bits: 8), random: UInt64($0)).bitPattern == 42 }.count
        #expect(ups == 153 && Int((0.3 - 0.28125) / 0x1p-5 * 256) == 153)
        #expect(Float8E4M3FN(464.0) == 448)
        #expect(Float8E4M3FN(1000.0).isNaN)
        #expect(Float8E4M3FN(saturating: 1000.0) == 448)
        #expect(Float8E5M2(1e6).isInfinite)
        #expect(Float6E2M3FN(100.0) == 7.5)
    }

    @Test("Simulating arithmetic")
    func simulating() throws {
        var total = BFloat16(0)
        for _ in 0..<1000 { total += 1 }
        #expect(total == 256)
        var e3m4 = FloatContext(format: .float8_e3m4)
        let big = e3m4.round(15.5)
        #expect(e3m4.value(e3m4.add(big, big)) == .infinity)
        #expect(e3m4.flags.contains(.overflow))
        let setup = SimulationSetup(kind: .sum, inputFormat: .bfloat16, accumulator: .bfloat16)
        let ones = try SimulationOperands(kind: .sum, format: .bfloat16, n: 1000, a: Array(repeating: 1.0, count: 1000))
        let result = try setup.run(ones)
        #expect(result.values == [256.0])
        #expect(result.exact == [1000.0])
    }

    @Test("Verifying your own code")
    func verifying() {
        let check = CorrectRounding.check(Float8E4M3FN(bitPattern: 0x29), converting: 0.3)
        #expect(check?.ulpDistance == 1)
        #expect(check?.description == "float64 0x3FD3333333333333 (0.299999999999999988897769753748434595763683319091796875) into float8_e4m3fn in nearest-even, overflow ieee: expected 0x2A (0.3125), got 0x29 (0.28125), 1 ulp away")
        let a = BFloat16(1.0), b = BFloat16(0.00390625)
        expectCorrectlyRounded(a + b, .add, a, b)
        expectCorrectlyRounded(BFloat16(0.1), converting: 0.1)
        let inputs = TestInputs.boundaries(from: Float.self, to: BFloat16.self)
        let wrong = inputs.filter { x in
            let truncated = BFloat16(bitPattern: UInt16(x.bitPattern >> 16))   // a conversion that truncates
            return CorrectRounding.check(truncated, converting: x) != nil
        }
        #expect(wrong.isEmpty == false)
    }
}
