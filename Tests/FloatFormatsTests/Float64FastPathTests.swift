import Testing
@testable import FloatFormats
import FloatLabTestSupport

/// The float64 fast path against the bit-level operations, result and flags:
/// every pair of every 8-bit catalogue format through + − × ÷ and √ of every
/// encoding in every mode, fma over every triple of the fp4/fp6 formats and a
/// seeded sample of the 8-bit ones, boundary operands of float16 and bfloat16.
@Suite struct Float64FastPathTests {
    static let modes = RoundingMode.deterministic + [.stochastic(bits: 8), .stochastic(bits: 16)]

    /// Compares the fast path with the bit path for the given operand tuples; returns (compared, fast, first mismatches).
    func compare(_ f: FloatFormat, options: ArithmeticOptions, ops: [ArithmeticOperation],
                 tuples: (([UInt64]) -> Void) -> Void) -> (Int, Int, [String]) {
        guard let path = Float64FastPath(format: f, options: options) else { return (0, 0, ["no fast path for \(f.name)"]) }
        var compared = 0, fast = 0, mismatches: [String] = []
        tuples { operands in
            for op in ops where op.arity <= operands.count {
                let random = UInt64(compared) &* 0x9E37_79B9_7F4A_7C15
                let a = operands[0], b = operands.count > 1 ? operands[1] : 0, c = operands.count > 2 ? operands[2] : 0
                let got: RoundedResult?
                switch op {
                case .add: got = path.add(a, b, random: random)
                case .sub: got = path.subtract(a, b, random: random)
                case .mul: got = path.multiply(a, b, random: random)
                case .div: got = path.divide(a, b, random: random)
                case .sqrt: got = path.squareRoot(a, random: random)
                case .fma: got = path.fusedMultiplyAdd(a, b, c, random: random)
                default: got = nil
                }
                compared += 1
                guard let got else { continue }
                fast += 1
                let want = op.apply(f, Array(operands.prefix(op.arity)), options: options, random: random)
                if got != want, mismatches.count < 5 {
                    mismatches.append("\(f.name) \(op) \(options.rounding.mode) \(operands.prefix(op.arity).map { String($0, radix: 16) }): fast \(got), bits \(want)")
                }
            }
        }
        return (compared, fast, mismatches)
    }

    static let eightBit = Catalogue.formats.filter { $0.bitWidth == 8 }

    @Test("every 8-bit catalogue format: every pair through + − × ÷ and √ of every encoding, every mode", arguments: eightBit)
    func exhaustive8(f: FloatFormat) {
        for mode in Self.modes {
            let (compared, fast, mismatches) = compare(f, options: ArithmeticOptions(rounding: RoundingOptions(mode: mode)),
                                                       ops: [.add, .sub, .mul, .div, .sqrt]) { body in
                for a in 0...f.encodingMask { for b in 0...f.encodingMask { body([a, b]) } }
            }
            #expect(mismatches.isEmpty, "\(mismatches)")
            #expect(compared == 5 * 65536)
            #expect(fast > compared / 2, "the fast path takes most operations (\(fast) of \(compared))")
        }
    }

    @Test("fma: every triple of the fp4 and fp6 formats, every mode; a seeded sample of the 8-bit formats",
          arguments: [FloatFormat.float4_e2m1fn, .float6_e2m3fn, .float6_e3m2fn] + eightBit)
    func fma(f: FloatFormat) {
        for mode in f.bitWidth == 4 ? Self.modes : [.nearestEven, .towardZero, .up, .stochastic(bits: 8)] {
            var g = SplitMix64(seed: 17)
            let (compared, _, mismatches) = compare(f, options: ArithmeticOptions(rounding: RoundingOptions(mode: mode)), ops: [.fma]) { body in
                if f.bitWidth <= 6 {
                    for a in 0...f.encodingMask { for b in 0...f.encodingMask { for c in 0...f.encodingMask { body([a, b, c]) } } }
                } else {
                    for _ in 0..<40_000 { body([g.next() & 0xFF, g.next() & 0xFF, g.next() & 0xFF]) }
                }
            }
            #expect(mismatches.isEmpty, "\(mismatches)")
            #expect(compared == (f.bitWidth <= 6 ? 1 << (3 * f.bitWidth) : 40_000))
        }
    }

    /// Boundary encodings of a format: for every exponent field, the first three and last three fractions, both signs.
    static func boundary(_ f: FloatFormat) -> [UInt64] {
        let top = f.fractionBits == 0 ? 0 : (UInt64(1) << UInt64(f.fractionBits)) - 1
        let fractions = Set([0, 1, 2, top &- 2, top &- 1, top].filter { $0 <= top })
        var out: [UInt64] = []
        for e in 0..<(UInt64(1) << UInt64(f.exponentBits)) {
            for m in fractions {
                let code = (e << UInt64(f.fractionBits)) | m
                out.append(code)
                if f.isSigned { out.append(code | f.signMask) }
            }
        }
        return out
    }

    @Test("float16 and bfloat16: pairs of boundary operands (near every power of two, the subnormal edge, the largest values), four modes, tininess and saturation",
          arguments: [FloatFormat.float16, .bfloat16])
    func boundary16(f: FloatFormat) {
        let codes = Self.boundary(f)
        let stride = f == .bfloat16 ? 7 : 1   // bfloat16 has 256 exponents: every seventh second operand
        for options in [RoundingOptions(mode: .nearestEven), RoundingOptions(mode: .towardZero, tininess: .beforeRounding),
                        RoundingOptions(mode: .down, overflow: .saturate), RoundingOptions(mode: .stochastic(bits: 12))] {
            let (compared, _, mismatches) = compare(f, options: ArithmeticOptions(rounding: options), ops: [.add, .sub, .mul, .div, .sqrt]) { body in
                for (i, a) in codes.enumerated() { for b in codes.enumerated().filter({ ($0.offset + i) % stride == 0 }).map(\.element) { body([a, b]) } }
            }
            #expect(mismatches.isEmpty, "\(mismatches)")
            #expect(compared > 5 * 100_000)
        }
    }

    @Test("float32 qualifies (2·24 ≤ 53); float64 and formats with p > 26 do not; nor stochastic rounding with too many bits")
    func conditions() throws {
        #expect(Float64FastPath(format: .float32, options: .default) != nil)
        #expect(Float64FastPath(format: .float64, options: .default) == nil)
        #expect(Float64FastPath(format: try FloatFormat.named("e8m26"), options: .default) == nil)
        #expect(Float64FastPath(format: .float32, options: ArithmeticOptions(rounding: RoundingOptions(mode: .stochastic(bits: 28)))) != nil)   // 24 + 28 + 1 = 53
        #expect(Float64FastPath(format: .float32, options: ArithmeticOptions(rounding: RoundingOptions(mode: .stochastic(bits: 29)))) == nil)
        #expect(Float64FastPath(format: .bfloat16, options: ArithmeticOptions(rounding: RoundingOptions(flushSubnormalInputs: true))) == nil)
        let path = Float64FastPath(format: .bfloat16, options: .default)!
        #expect(path.add(0x3F80, 0x3B80)?.code == 16256 && path.add(0x3F80, 0x3B80)?.code == 0x3F80)
        #expect(path.divide(0x3F80, 0x4040)?.code == 16043 && path.divide(0x3F80, 0x4040)?.code == 0x3EAB)
        #expect(path.add(0x7F80, 0x3F80) == nil, "infinities go to the bit path")
        #expect(path.subtract(0x3F80, 0x3F80) == nil, "zero results go to the bit path")
    }

    @Test("float32: seeded operands at every scale, four modes")
    func float32Random() {
        var g = SplitMix64(seed: 23)
        for mode in [RoundingMode.nearestEven, .up, .odd, .stochastic(bits: 16)] {
            let (compared, _, mismatches) = compare(.float32, options: ArithmeticOptions(rounding: RoundingOptions(mode: mode)),
                                                    ops: [.add, .sub, .mul, .div, .sqrt, .fma]) { body in
                for _ in 0..<30_000 {
                    // Nearby exponents half the time, so that sums cancel and round.
                    let a = g.next() & 0xFFFF_FFFF
                    let b = g.next() % 2 == 0 ? g.next() & 0xFFFF_FFFF : (a & 0xFF80_0000) ^ (g.next() & 0x807F_FFFF)
                    body([a, b, g.next() & 0xFFFF_FFFF])
                }
            }
            #expect(mismatches.isEmpty, "\(mismatches)")
            #expect(compared == 6 * 30_000)
        }
    }
}
