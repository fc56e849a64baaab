import Testing
import FloatFormats
@testable import MPFRReference
import Simulation
import FloatLabTestSupport

/// The simulator's exact parts against MPFR: the Kulisch accumulator and its
/// read-out rounding, and products rounded once across formats.
@Suite("Simulation against MPFR")
struct SimulationReferenceTests {
    static let modes = RoundingMode.deterministic + [.stochastic(bits: 12)]

    /// Random finite encodings of f spread over every binade (uniform bit patterns).
    static func finiteCodes(_ f: FloatFormat, count: Int, seed: UInt64) -> [UInt64] {
        var g = SplitMix64(seed: seed)
        var out: [UInt64] = []
        while out.count < count {
            let c = g.next() & f.encodingMask
            if !f.isSpecial(c) { out.append(c) }
        }
        return out
    }

    @Test("the exact accumulator's sums and dot products, read out in every mode, equal MPFR's exact sums rounded",
          arguments: [FloatFormat.float64, .float32, .bfloat16, .float8_e4m3fn, .float8_e8m0fnu, .float4_e2m1fn])
    func exactSums(f: FloatFormat) {
        var mismatches: [String] = []
        var checked = 0
        for trial in 0..<40 {
            let n = [1, 2, 3, 17, 100, 1000][trial % 6]
            let a = Self.finiteCodes(f, count: n, seed: UInt64(trial) * 7 + 1)
            let b = Self.finiteCodes(f, count: n, seed: UInt64(trial) * 7 + 2)
            for dot in [false, true] {
                var acc = ExactAccumulator(values: [f], products: dot ? [f] : [])
                for i in 0..<n { if dot { acc.addProduct(a[i], b[i], in: f) } else { acc.add(a[i], in: f) } }
                let exact = Referee.exactSum(a, times: dot ? b : [], in: f)
                for target in [FloatFormat.float64, .float32, .bfloat16, .float8_e5m2] {
                    for mode in Self.modes {
                        let options = RoundingOptions(mode: mode)
                        let random = UInt64(checked) &* 0x9E37_79B9_7F4A_7C15
                        let got = acc.rounded(into: target, options: options, random: random)
                        let want = Referee.round(exact, into: target, options: options, random: random)
                        if !Referee.agrees(got.code, got.flags, in: target, with: want), mismatches.count < 5 {
                            mismatches.append("\(f.name) n=\(n) dot=\(dot) → \(target.name) \(mode): got \(got.code) \(got.flags), want \(want)")
                        }
                        checked += 1
                    }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
        #expect(checked == 40 * 2 * 4 * Self.modes.count)
    }

    @Test("products of two encodings rounded once into another format equal MPFR's, every mode; exhaustive for fp8 and fp4 operands",
          arguments: [(FloatFormat.float8_e4m3fn, FloatFormat.bfloat16), (.float8_e5m2, .float8_e4m3fn), (.float8_e4m3fn, .float4_e2m1fn),
                      (.float8_e4m3fnuz, .float16), (.float4_e2m1fn, .float8_e5m2), (.bfloat16, .float8_e4m3fn), (.float32, .bfloat16)])
    func crossFormatProducts(source: FloatFormat, target: FloatFormat) {
        let codes: [UInt64] = source.bitWidth <= 8 ? Array(0...source.encodingMask) : Self.finiteCodes(source, count: 150, seed: 11)
        var mismatches: [String] = []
        var checked = 0
        for mode in Self.modes {
            let options = ArithmeticOptions(rounding: RoundingOptions(mode: mode))
            for a in codes { for b in codes where !source.isNaN(a) && !source.isNaN(b) {
                let random = UInt64(checked) &* 0x9E37_79B9_7F4A_7C15
                let got = target.multiply(a, b, from: source, options: options, random: random)
                let x = Referee.input(a, in: source), y = Referee.input(b, in: source)
                let negative = Self.isNegative(x) != Self.isNegative(y)
                let want: Referee.Expected
                switch (x, y) {
                case (.finite(let u, _), .finite(let v, _)):
                    let du = u.exactDyadic()!, dv = v.exactDyadic()!
                    let p = Dyadic(isNegative: negative, significand: du.significand * dv.significand, exponent: du.exponent + dv.exponent)
                    want = Referee.round(.finite(BigFloat(exactly: p), sticky: false), into: target, options: options.rounding, random: random)
                case (.zero, .infinity), (.infinity, .zero):
                    want = Referee.Expected(value: target.hasNaN ? .nan : .finite(BigFloat(0)), flags: .invalid)
                case (.infinity, _), (_, .infinity):
                    want = Referee.round(.infinity(negative: negative), into: target, options: options.rounding)
                default:
                    want = Referee.round(.zero(negative: negative), into: target, options: options.rounding)
                }
                if !Referee.agrees(got.code, got.flags, in: target, with: want), mismatches.count < 5 {
                    mismatches.append("\(source.name) \(a) × \(b) → \(target.name) \(mode): got \(got.code) \(got.flags), want \(want)")
                }
                checked += 1
            } }
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
        let nonNaN = codes.filter { !source.isNaN($0) }.count
        #expect(checked == Self.modes.count * nonNaN * nonNaN)
    }

    static func isNegative(_ x: Referee.Input) -> Bool {
        switch x {
        case .zero(let n), .infinity(let n): return n
        case .finite(let v, _): return v.isNegative
        case .nan: return false
        }
    }
}
