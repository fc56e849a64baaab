import Foundation
import Testing
import FloatFormats
import FloatTypes
import FloatLabTesting
import Verification
import FloatLabTestSupport

@Suite struct FloatLabTestingTests {
    @Test("documented example: testable floats")
    func testableExample() {
        #expect(Float.testFormat.name == "float32")
        #expect(BFloat16(1.5).testCode == 16320 && BFloat16(1.5).testCode == 0x3FC0)
        #expect(Float8E4M3FN(testCode: 0x38) == 1)
    }

    @Test("documented example: ulp distance and error in ulps")
    func ulpExample() {
        #expect(ulpDistance(BFloat16(1.0), BFloat16(1.0078125)) == 1)
        #expect(ulpDistance(Float8E4M3FN(-0.0), Float8E4M3FN(0.0)) == 0)
        #expect(ulpDistance(Float(1), Float(1).nextUp.nextUp) == 2)
        #expect(errorInUlps(BFloat16(1.0), exact: "1.005859375") == -0.75)
        // (5/16 − 3/10) · 32 = 2/5 exactly, and 0.4 is its nearest float64.
        #expect(errorInUlps(Float8E4M3FN(0.3125), exact: "0.3") == 0.4)
    }

    @Test("ulp distance counts the values between, in value order: every pair of three 8-bit formats against a sorted enumeration")
    func ulpDistanceExhaustive() {
        for f in [FloatFormat.float8_e4m3fn, .float8_e5m2, .float8_e4m3fnuz, .float8_e8m0fnu, .float4_e2m1fn] {
            // Every non-NaN encoding's rank among the distinct values (−0 and +0 one value; ±∞ at the ends).
            let codes = (0...f.encodingMask).filter { !f.isNaN($0) }
            func value(_ c: UInt64) -> Double { f.doubleValue(c) }
            let distinct = Array(Set(codes.map { value($0) == 0 ? 0.0 : value($0) })).sorted()
            let rank = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($0.element, $0.offset) })
            var bad = 0
            for a in codes {
                for b in codes {
                    let want = abs(rank[value(a) == 0 ? 0 : value(a)]! - rank[value(b) == 0 ? 0 : value(b)]!)
                    if ulpDistance(a, b, in: f) != UInt64(want) { bad += 1 }
                }
            }
            #expect(bad == 0, "\(f.name)")
            if let nan = f.canonicalNaN { #expect(ulpDistance(nan, 0, in: f) == nil) }
        }
    }

    @Test("error in ulps equals (x − exact)/ulp(exact) in exact rationals, ulp(exact) = 2^(max(binade, emin) − M)")
    func errorInUlpsExact() {
        var g = SplitMix64(seed: 12)
        let f = FloatFormat.bfloat16
        for _ in 0..<500 {
            // exact = k · 2^(e − 20) for a 20-bit k: a rational with a known binade.
            let k = Double(g.next() % (1 << 20) | (1 << 19)), e = Int(g.next() % 200) - 140
            let exact = k * Double(sign: .plus, exponent: e - 20, significand: 1)
            let x = BFloat16(exact)
            let binade = max(Int(exact.exponent), f.emin)
            let want = (Double(x) - exact) / Double(sign: .plus, exponent: binade - f.fractionBits, significand: 1)   // exact in float64: few bits
            #expect(errorInUlps(x, exact: exact) == want, "\(exact)")
        }
        #expect(errorInUlps(BFloat16.nan, exact: 1).isNaN && errorInUlps(BFloat16.infinity, exact: 1) == .infinity)
    }

    @Test("documented example: correct rounding")
    func correctRoundingExample() {
        let one = BFloat16(1.0), tiny = BFloat16(0.00390625)
        #expect(CorrectRounding.check(one + tiny, .add, [one, tiny]) == nil)
        #expect(CorrectRounding.check(BFloat16(1.0078125), .add, [one, tiny])?.ulpDistance == 1)
        #expect(CorrectRounding.check(Float8E4M3FN(bitPattern: 0x29), converting: 0.3) != nil)
        #expect(CorrectRounding.check(Float8E4M3FN(bitPattern: 0x29), converting: 0.3, rounding: .down) == nil)
    }

    @Test("the check accepts the core's results and refuses a neighbour: every pair of e4m3fn and e2m1 through + × ÷ in three modes, √ and fma samples")
    func checkAgreesWithCore() {
        for f in [FloatFormat.float8_e4m3fn, .float4_e2m1fn] {
            var wrongAccepted = 0, rightRefused = 0
            for mode in [RoundingMode.nearestEven, .towardZero, .up] {
                let o = ArithmeticOptions(rounding: RoundingOptions(mode: mode))
                for a in 0...f.encodingMask {
                    for b in 0...f.encodingMask {
                        for op in [ArithmeticOperation.add, .mul, .div] {
                            let r = op.apply(f, [a, b], options: o)
                            if CorrectRounding.check(r.code, flags: r.flags, op, [a, b], in: f, options: o) != nil { rightRefused += 1 }
                            if !f.isNaN(r.code), let up = try? f.nextUp(r.code), up != r.code, !f.isNaN(up),
                               CorrectRounding.check(up, op, [a, b], in: f, options: o) == nil { wrongAccepted += 1 }
                        }
                    }
                }
            }
            #expect(rightRefused == 0 && wrongAccepted == 0, "\(f.name): \(rightRefused) right results refused, \(wrongAccepted) wrong ones accepted")
        }
        let wrongFlags = CorrectRounding.check(0x39, flags: [], .add, [0x38, 0x01], in: .float8_e4m3fn)
        #expect(wrongFlags != nil && wrongFlags!.description.contains("flags x"))
    }

    @Test("a failure shows the inputs, the expected and actual results as bits and exact decimals, and the ulp distance")
    func failureMessage() throws {
        let f = try #require(CorrectRounding.check(BFloat16(1.0078125), .add, [BFloat16(1.0), BFloat16(0.00390625)]))
        #expect(f.description == "add(0x3F80 (1), 0x3B80 (0.00390625)) in nearest-even: expected 0x3F80 (1), got 0x3F81 (1.0078125), 1 ulp away")
        let c = try #require(CorrectRounding.check(Float8E4M3FN(bitPattern: 0x29), converting: 0.3))
        #expect(c.description.hasPrefix("float64 0x3FD3333333333333 (0.299999999999999988897769753748434595763683319091796875) into float8_e4m3fn in nearest-even, overflow ieee: expected 0x2A (0.3125), got 0x29 (0.28125), 1 ulp away"))
        let s = try #require(CorrectRounding.check(0x7E, converting: "1000", to: .float8_e4m3fn))
        #expect(s.description == "1000 into float8_e4m3fn in nearest-even, overflow ieee: expected 0x7F (nan), got 0x7E (448)")
        #expect(CorrectRounding.check(0x7E, converting: "1000", to: .float8_e4m3fn, options: RoundingOptions(overflow: .saturate)) == nil)
        #expect(CorrectRounding.check(0, converting: "pear", to: .float8_e4m3fn)?.description.contains("not a number") == true)
    }

    @Test("Swift Testing expectations pass on right results and record an issue on wrong ones")
    func swiftTestingExpectations() {
        let a = BFloat16(1.0), b = BFloat16(0.00390625)
        expectCorrectlyRounded(a + b, .add, a, b)
        expectCorrectlyRounded(BFloat16(0.1), converting: 0.1)
        expectCorrectlyRounded(Float8E4M3FN(0.3, rounding: .up), converting: 0.3, rounding: .up)
        expectUlpDistance(Float(1) / 3, 0x1.555556p-2, atMost: 0)
        expectCorrectlyRounded(Float8E4M3FN(BFloat16(0.3)), converting: BFloat16(0.3))
        withKnownIssue("a result one ulp off") { expectCorrectlyRounded(BFloat16(1.0078125), .add, a, b) }
        withKnownIssue("truncation instead of nearest-even") { expectCorrectlyRounded(Float8E4M3FN(bitPattern: 0x29), converting: 0.3) }
        withKnownIssue("two ulps apart") { expectUlpDistance(Float(1), Float(1).nextUp.nextUp, atMost: 1) }
    }

    @Test("documented example: inputs")
    func inputsExample() {
        #expect(TestInputs.every(Float8E4M3FN.self).count == 256)
        #expect(TestInputs.boundaries(from: Float.self, to: Float8E4M3FN.self).count > 1000)
        #expect(TestInputs.structured(.add, BFloat16.self).count > 1000)
        // Every tie of float32 → e4m3fn is among the boundaries: the midpoints of neighbouring values.
        let inputs = Set(TestInputs.boundaries(from: Float.self, to: Float8E4M3FN.self).map(\.bitPattern))
        let finite = Float8E4M3FN.allEncodings.filter { $0.isFinite && $0.sign == .plus }.map { Float($0) }.sorted()
        #expect(zip(finite, finite.dropFirst()).allSatisfy { inputs.contains((($0 + $1) / 2).bitPattern) })
    }

    @Test("documented example: vectors")
    func vectorsExample() {
        let file = TestVectorFile(conversionFrom: .float32, to: .bfloat16, inputs: TestInputs.codes(from: .float32, to: .bfloat16))
        let truncating = TestVectors.failures(in: file) { inputs in inputs[0] >> 16 }
        #expect(truncating.isEmpty == false)
        #expect(TestVectors.failures(in: file) { inputs in UInt64(BFloat16(Float(bitPattern: UInt32(inputs[0]))).bitPattern) }.isEmpty)
    }

    @Test("vector files: written and read back, loaded from disk, a hand-written file read, bad files refused naming the line")
    func vectorFiles() throws {
        let file = TestVectorFile(conversionFrom: .float32, to: .float8_e4m3fn, inputs: [0x3F80_0000, 0x43E8_0000])
        #expect(file.vectors.map(\.expected) == [56, 126] && file.vectors.map(\.expected) == [0x38, 0x7E])
        #expect(try TestVectorFile(csv: file.csv()) == file)
        #expect(file.csv() == """
            # floatlab test vectors
            # conversion: float32 -> float8_e4m3fn
            # rounding: nearest-even
            # overflow: ieee
            input_bits,input_value,expected_bits,expected_flags
            0x3F800000,1,0x38,-
            0x43E80000,464,0x7E,x

            """)
        let arithmetic = TestVectorFile(operation: .fma, in: .bfloat16, options: RoundingOptions(mode: .up), inputs: TestInputs.structured(.fma, BFloat16.self).prefix(300).map { $0.map { UInt64($0.bitPattern) } })
        #expect(try TestVectorFile(csv: arithmetic.csv()) == arithmetic)
        #expect(arithmetic.vectors.allSatisfy { CorrectRounding.check($0.expected, flags: $0.flags, .fma, $0.inputs, in: .bfloat16, options: ArithmeticOptions(rounding: RoundingOptions(mode: .up))) == nil })
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("v.csv").path
        try arithmetic.csv().write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try TestVectors.load(path) == arithmetic)
        #expect(throws: VerificationError.self) { try TestVectors.load(dir.appendingPathComponent("missing.csv").path) }
        // Written by hand, with CRLF line ends and a wrong row.
        let hand = "# conversion: float32 -> bfloat16\r\ninput_bits,input_value,expected_bits,expected_flags\r\n0x3F800000,1,0x3F80,-\r\n"
        #expect(try TestVectorFile(csv: hand).vectors == [.init(inputs: [0x3F80_0000], expected: 0x3F80, flags: [])])
        func message(_ text: String) -> String {
            do { _ = try TestVectorFile(csv: text, name: "v.csv"); return "" } catch { return error.description }
        }
        #expect(message(hand + "0x3F800000,1,0x13F80,-\n").hasPrefix("v.csv, line 4: '0x13F80' is not a 0x… encoding of bfloat16"))
        #expect(message(hand + "0x3F800000,1,0x3F80\n").hasPrefix("v.csv, line 4: 3 fields"))
        #expect(message(hand + "0x3F800000,1,0x3F80,q\n").contains("line 4: 'q' is not a set of flags"))
        #expect(message("0x1,1,0x1,-\n").contains("line 1: no '# conversion"))
        #expect(message("# conversion: float32 -> e9m9x\n").contains("line 1"))
        #expect(message("# operation: pow in bfloat16\n").contains("sqrt"))
    }
}
