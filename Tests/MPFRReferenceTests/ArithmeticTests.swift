import Testing
import FloatFormats
import MPFRReference
import FloatLabTestSupport

/// The core's arithmetic against MPFR. The test suite runs every operand pair
/// of the fp4/fp6 formats and of float8_e4m3fn and float8_e5m2 in every
/// mode, fma exhaustively for fp4 and fp6, square root of every encoding of
/// the 16-bit formats, and seeded samples elsewhere; `make verify-arithmetic`
/// runs the whole sweep.
@Suite("Arithmetic against MPFR")
struct ArithmeticTests {
    static let allModes = RoundingMode.deterministic + [.stochastic(bits: 8)]

    func check(_ f: FloatFormat, _ ops: [ArithmeticOperation], _ modes: [RoundingMode], _ operands: ArithmeticCheck.Operands,
               options: ArithmeticOptions = .default, minimum: Int) {
        var c = ArithmeticCheck(format: f, operations: ops, modes: modes)
        c.options.rounding.overflow = options.rounding.overflow
        c.options.rounding.tininess = options.rounding.tininess
        let r = c.run(operands)
        #expect(r.mismatchCount == 0, "\(f.name): \(r.failures.prefix(5).map(\.description).joined(separator: "; "))")
        #expect(r.comparisons >= minimum)
    }

    /// Every mode × every encoding of f × every variant through `check`, which returns a description of a
    /// mismatch or nil; the i-th check gets a random integer derived from i. The count and the first mismatches.
    func everyEncoding<V>(_ f: FloatFormat, _ variants: [V],
                          _ check: (ArithmeticOptions, RoundingMode, UInt64, V, UInt64) -> String?) -> (checked: Int, mismatches: [String]) {
        var checked = 0, mismatches: [String] = []
        for mode in Self.allModes {
            let o = ArithmeticOptions(rounding: RoundingOptions(mode: mode))
            for code in 0...f.encodingMask {
                for v in variants {
                    if let m = check(o, mode, code, v, UInt64(checked) &* 0x9E37_79B9 >> 8), mismatches.count < 5 { mismatches.append(m) }
                    checked += 1
                }
            }
        }
        return (checked, mismatches)
    }

    @Test("every pair of the fp4 and fp6 formats through + − × ÷, every triple through fma, every mode",
          arguments: [FloatFormat.float4_e2m1fn, .float6_e2m3fn, .float6_e3m2fn])
    func smallFormats(f: FloatFormat) {
        check(f, [.add, .sub, .mul, .div, .sqrt], Self.allModes, .exhaustive, minimum: 7 * 4 * (1 << (2 * f.bitWidth)))
        check(f, [.fma], f.bitWidth == 4 ? Self.allModes : [.nearestEven, .towardZero, .up], .exhaustive, minimum: 1 << (3 * f.bitWidth))
    }

    @Test("every pair of the OCP fp8 formats through + − × ÷ and √ of every encoding, every mode; fma on a seeded sample; remainder, minimum, maximum",
          arguments: [FloatFormat.float8_e4m3fn, .float8_e5m2])
    func fp8(f: FloatFormat) {
        check(f, [.add, .sub, .mul, .div, .sqrt], Self.allModes, .exhaustive, minimum: 7 * 4 * 65536)
        check(f, [.fma], Self.allModes, .random(count: 20_000, seed: 3), minimum: 7 * 20_000)
        check(f, [.rem, .min, .max], [.nearestEven, .down], .exhaustive, minimum: 2 * 3 * 65536)
    }

    @Test("the other fp8 flavours (FNUZ, IEEE-like e4m3, e3m4, P3109, E8M0): every pair through every operation but fma, three modes",
          arguments: ["float8_e4m3fnuz", "float8_e5m2fnuz", "float8_e4m3", "float8_e3m4", "float8_e4m3b11fnuz", "float8_e8m0fnu", "binary8p3"])
    func fp8Flavours(name: String) throws {
        let f = try FloatFormat.named(name)
        check(f, [.add, .sub, .mul, .div, .sqrt, .rem, .min, .max], [.nearestEven, .towardZero, .down], .exhaustive, minimum: 3 * 7 * 65536)
    }

    @Test("overflow policies and tininess before rounding on float8_e5m2 and e4m3fn")
    func policies() {
        for overflow in OverflowPolicy.allCases {
            var o = ArithmeticOptions()
            o.rounding.overflow = overflow
            o.rounding.tininess = .beforeRounding
            check(.float8_e5m2, [.add, .mul, .div], [.nearestEven, .up], .exhaustive, options: o, minimum: 2 * 3 * 65536)
            check(.float8_e4m3fn, [.add, .mul], [.nearestEven, .down], .random(count: 20_000, seed: 9), options: o, minimum: 2 * 2 * 20_000)
        }
    }

    @Test("√ of every float16 and bfloat16 encoding, nearest even and up", arguments: [FloatFormat.float16, .bfloat16])
    func squareRoot16(f: FloatFormat) {
        check(f, [.sqrt], [.nearestEven, .up], .exhaustive, minimum: 2 * 65536)
    }

    @Test("seeded operands of float16, bfloat16, float32, float64 and a custom format through every operation",
          arguments: ["float16", "bfloat16", "float32", "float64", "e6m9"])
    func wide(name: String) throws {
        let f = try FloatFormat.named(name)
        check(f, ArithmeticOperation.allCases, [.nearestEven, .towardZero, .up, .down, .stochastic(bits: 16)], .random(count: 3_000, seed: 11),
              minimum: 5 * 6 * 3_000)
    }

    @Test("TestFloat-style structured operands (special pairs, ties, cancellation, exponent gaps, thresholds) of the wide, custom and P3109 formats, every mode",
          arguments: ["float16", "bfloat16", "float32", "float64", "tfloat32", "e6m9", "e11m40", "binary16p11"])
    func structured(name: String) throws {
        let f = try FloatFormat.named(name)
        check(f, ArithmeticOperation.allCases, Self.allModes, .structured(seed: 5), minimum: 7 * 9 * 3_000)
    }

    @Test("structured operands with tininess before rounding and saturating overflow", arguments: [FloatFormat.float32, .bfloat16, .float16])
    func structuredOptions(f: FloatFormat) {
        check(f, [.add, .mul, .div, .fma], [.nearestEven, .towardZero, .up], .structured(seed: 6),
              options: ArithmeticOptions(rounding: RoundingOptions(overflow: .saturate, tininess: .beforeRounding)), minimum: 3 * 4 * 3_000)
    }

    @Test("scaleB: every encoding of the 8-bit formats times 2^n for n in −24…24, every mode",
          arguments: ["float8_e4m3fn", "float8_e5m2", "float4_e2m1fn", "float8_e8m0fnu", "float8_e4m3fnuz", "binary8p3"])
    func scaleB(name: String) throws {
        let f = try FloatFormat.named(name)
        let target = Referee.Target(f)
        let (checked, mismatches) = everyEncoding(f, Array(-24...24)) { o, mode, code, n, random in
            let got = f.scaleB(code, n, options: o, random: random)
            let want = Referee.expectedScaleB(code, n, in: target, options: o, random: random)
            return Referee.agrees(got.code, got.flags, in: f, with: want) ? nil
                : "0x\(String(code, radix: 16)) · 2^\(n) \(mode.name): \(want), got 0x\(String(got.code, radix: 16)) \(got.flags.letters)"
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
        #expect(checked == 7 * Int(f.encodingMask + 1) * 49)
    }

    @Test("roundToIntegral (and its inexact-signalling form): every encoding of the 8- and 16-bit formats, every mode",
          arguments: ["float8_e4m3fn", "float8_e5m2", "float4_e2m1fn", "float6_e3m2fn", "float8_e8m0fnu", "float8_e4m3fnuz", "float16", "bfloat16"])
    func roundToIntegral(name: String) throws {
        let f = try FloatFormat.named(name)
        let target = Referee.Target(f)
        let (checked, mismatches) = everyEncoding(f, [false, true]) { o, mode, code, exact, random in
            let got = f.roundToIntegral(code, options: o, signalInexact: exact, random: random)
            let want = Referee.expectedRoundToIntegral(code, in: target, options: o, signalInexact: exact, random: random)
            return Referee.agrees(got.code, got.flags, in: f, with: want) ? nil
                : "0x\(String(code, radix: 16)) \(mode.name) exact \(exact): \(want), got 0x\(String(got.code, radix: 16)) \(got.flags.letters)"
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
        #expect(checked == 7 * Int(f.encodingMask + 1) * 2)
    }

    @Test("quiet and signalling comparisons of every pair of the 8-bit formats against mpfr_cmp, subnormal inputs kept and flushed",
          arguments: ["float8_e4m3fn", "float8_e5m2", "float8_e4m3fnuz", "float8_e8m0fnu", "binary8p3", "float6_e3m2fn"])
    func comparisons(name: String) throws {
        let f = try FloatFormat.named(name)
        var checked = 0, mismatches: [String] = []
        for signaling in [false, true] {
            for flush in [false, true] {
                for a in 0...f.encodingMask {
                    for b in 0...f.encodingMask {
                        let got = f.compare(a, b, signaling: signaling, flushSubnormalInputs: flush)
                        let want = Referee.expectedComparison(a, b, in: f, signaling: signaling, flushSubnormalInputs: flush)
                        if got != want, mismatches.count < 5 { mismatches.append("0x\(String(a, radix: 16)) 0x\(String(b, radix: 16)): \(want), got \(got)") }
                        checked += 1
                    }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
        #expect(checked == 4 * Int(f.encodingMask + 1) * Int(f.encodingMask + 1))
    }

    @Test("conversion to 8-, 16-, 32- and 64-bit integers, signed and unsigned, of every encoding of the 8- and 16-bit formats, every mode",
          arguments: ["float8_e4m3fn", "float8_e5m2", "float4_e2m1fn", "float8_e8m0fnu", "float16", "bfloat16"])
    func toInteger(name: String) throws {
        let f = try FloatFormat.named(name)
        let target = Referee.Target(f)
        let widths = f.bitWidth <= 8 ? [(8, true), (8, false), (16, true), (32, false), (64, true), (64, false)] : [(8, true), (16, false), (32, true), (64, false)]
        let (checked, mismatches) = everyEncoding(f, widths) { o, mode, code, width, random in
            let (bits, signed) = width
            let got = f.convertToInteger(code, bits: bits, signed: signed, options: o, signalInexact: true, random: random)
            let want = Referee.expectedToInteger(code, bits: bits, signed: signed, in: target, options: o, signalInexact: true, random: random)
            return got == want ? nil : "0x\(String(code, radix: 16)) → \(signed ? "int" : "uint")\(bits) \(mode.name): \(want), got \(got)"
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
        #expect(checked == 7 * Int(f.encodingMask + 1) * widths.count)
    }

    @Test("conversion from integers: every Int16, and seeded Int64 values at every magnitude, into four formats, every mode")
    func fromInteger() throws {
        var g = SplitMix64(seed: 17)
        let values: [Int64] = (Int64(Int16.min)...Int64(Int16.max)).map { $0 } + (0..<20_000).map { _ in Int64(bitPattern: g.next()) >> Int64(g.next() % 63) }
        for f in [FloatFormat.float8_e4m3fn, .float8_e5m2, .bfloat16, .float32] {
            let target = Referee.Target(f)
            var mismatches: [String] = []
            for mode in Self.allModes {
                let o = ArithmeticOptions(rounding: RoundingOptions(mode: mode))
                for (k, n) in values.enumerated() {
                    let random = UInt64(k) &* 0x9E37_79B9 >> 8
                    let got = f.convertFromInteger(n, options: o, random: random)
                    let x = BigFloat(exactly: Dyadic(isNegative: n < 0, significand: n.magnitude, exponent: 0))
                    let want = Referee.round(n == 0 ? .zero(negative: false) : .finite(x, sticky: false), into: target, options: o.rounding, random: random)
                    if !Referee.agrees(got.code, got.flags, in: f, with: want), mismatches.count < 5 { mismatches.append("\(n) \(mode.name): \(want)") }
                }
            }
            #expect(mismatches.isEmpty, "\(f.name): \(mismatches)")
        }
    }
}
