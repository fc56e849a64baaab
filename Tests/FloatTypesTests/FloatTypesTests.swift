import Foundation
import Testing
import FloatFormats
import FloatTypes
import FloatLabTestSupport

let allTypes: [any SmallBinaryFloat.Type] = [BFloat16.self, TFloat32.self, Float8E5M2.self, Float8E4M3.self, Float8E4M3FN.self,
    Float8E4M3FNUZ.self, Float8E5M2FNUZ.self, Float8E4M3B11FNUZ.self, Float8E3M4.self, Float8E8M0FNU.self,
    Float6E2M3FN.self, Float6E3M2FN.self, Float4E2M1FN.self]

func every<T: SmallBinaryFloat>(_: T.Type) -> [T] { (0...T.format.encodingMask).map { T(bitPattern: T.Storage(truncatingIfNeeded: $0)) } }
func code<T: SmallBinaryFloat>(_ x: T) -> UInt64 { UInt64(truncatingIfNeeded: x.bitPattern) }
/// Double(x) through the standard library's generic conversion, which reads only the protocol's properties.
func genericDouble<T: BinaryFloatingPoint>(_ x: T) -> Double { Double(x) }
func same<T: SmallBinaryFloat>(_ a: T, _ b: T) -> Bool { a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }

/// Every type against the core, over every encoding (pairs for the formats of up to 8 bits).
@Suite struct FloatTypesTests {
    @Test("values: Double(x), the generic standard-library conversion, Float(x), description and string round trips, for every encoding of every type")
    func values() {
        func check<T: SmallBinaryFloat>(_ t: T.Type) {
            var bad: [String] = []
            for x in every(t) {
                let want = T.format.doubleValue(code(x))
                let got = Double(x), generic = genericDouble(x)
                let ok = (want.isNaN ? got.isNaN && generic.isNaN : got.bitPattern == want.bitPattern && generic.bitPattern == want.bitPattern)
                    && (want.isNaN ? Float(x).isNaN : Float(x) == Float(want))
                    && same(T(want), x.isZero && !T.format.hasNegativeZero ? T(0.0) : x) || (want.isNaN && T(want).isNaN)
                let text = T(x.description)
                if !ok || text == nil || !(same(text!, x) || (x.isZero && text!.isZero) || x.isNaN) {
                    if bad.count < 3 { bad.append("\(x.debugDescription): core \(want), Double \(got), generic \(generic), text \(x.description)") }
                }
            }
            #expect(bad.isEmpty, "\(T.self): \(bad)")
        }
        for t in allTypes { check(t) }
    }

    @Test("arithmetic: every pair of the 8-bit and smaller types through + − × ÷ and the remainders, √ and a fma sample, equal to the core")
    func arithmetic() {
        func check<T: SmallBinaryFloat>(_ t: T.Type) {
            let f = T.format
            guard f.bitWidth <= 8 else { return }
            let xs = every(t)
            var bad: [String] = []
            func expect(_ got: T, _ want: UInt64, _ what: @autoclosure () -> String) {
                if code(got) != want && bad.count < 3 { bad.append(what()) }
            }
            for x in xs {
                expect(x.squareRoot(), f.squareRoot(code(x)).code, "√\(x.debugDescription)")
                expect(x.rounded(.toNearestOrEven), f.roundToIntegral(code(x)).code, "rint \(x.debugDescription)")
                for y in xs {
                    let a = code(x), b = code(y)
                    expect(x + y, f.add(a, b).code, "\(x.debugDescription) + \(y.debugDescription)")
                    expect(x - y, f.subtract(a, b).code, "−")
                    expect(x * y, f.multiply(a, b).code, "×")
                    expect(x / y, f.divide(a, b).code, "÷")
                    expect(x.remainder(dividingBy: y), f.remainder(a, b).code, "rem")
                    expect(x.addingProduct(y, y), f.fusedMultiplyAdd(b, b, a).code, "fma")
                    if (x < y) != (f.compare(a, b).comparison == .less) || (x == y) != (f.compare(a, b).comparison == .equal), bad.count < 3 {
                        bad.append("compare \(x.debugDescription) \(y.debugDescription)")
                    }
                }
            }
            #expect(bad.isEmpty, "\(T.self): \(bad)")
        }
        for t in allTypes { check(t) }
    }

    @Test("arithmetic of the 16- and 19-bit types: every value through √ and round-to-integral in five rules, and + − × ÷ rem fma against the boundary values and seeded ones, equal to the core")
    func wideArithmetic() {
        func check<T: SmallBinaryFloat>(_ t: T.Type, neighbours: Bool, randomPartners: Int) {
            let f = T.format
            var g = SplitMix64(seed: 31)
            let seeds: [UInt64] = [0, 1, 2, f.round(f.smallestNormal).code, f.round(1.0).code, f.round(3.0).code, f.largestFiniteMagnitude, f.positiveInfinity!, f.canonicalNaN!]
            var ys = seeds.flatMap { c in (neighbours ? [c, c &+ 1, c &- 1] : [c]).filter { $0 <= f.magnitudeMask }.flatMap { [$0, $0 | f.signMask] } }
            ys += (0..<randomPartners).map { _ in g.next() & f.encodingMask }
            let partners = ys.map { T(bitPattern: T.Storage($0)) }
            var bad: [String] = []
            func expect(_ got: T, _ want: UInt64, _ what: @autoclosure () -> String) {
                if code(got) != want && bad.count < 3 { bad.append(what()) }
            }
            let rules: [(FloatingPointRoundingRule, RoundingMode)] = [(.toNearestOrEven, .nearestEven), (.toNearestOrAwayFromZero, .nearestAway), (.towardZero, .towardZero), (.up, .up), (.down, .down)]
            for x in every(t) {
                let a = code(x)
                expect(x.squareRoot(), f.squareRoot(a).code, "√\(x.debugDescription)")
                for (rule, mode) in rules {
                    expect(x.rounded(rule), f.roundToIntegral(a, options: ArithmeticOptions(rounding: RoundingOptions(mode: mode))).code, "\(rule) \(x.debugDescription)")
                }
                for y in partners {
                    let b = code(y)
                    expect(x + y, f.add(a, b).code, "\(x.debugDescription) + \(y.debugDescription)")
                    expect(x - y, f.subtract(a, b).code, "\(x.debugDescription) − \(y.debugDescription)")
                    expect(x * y, f.multiply(a, b).code, "\(x.debugDescription) × \(y.debugDescription)")
                    expect(x / y, f.divide(a, b).code, "\(x.debugDescription) ÷ \(y.debugDescription)")
                    expect(x.remainder(dividingBy: y), f.remainder(a, b).code, "\(x.debugDescription) rem \(y.debugDescription)")
                    expect(y.addingProduct(x, x), f.fusedMultiplyAdd(a, a, b).code, "fma \(x.debugDescription)")
                }
            }
            #expect(bad.isEmpty, "\(T.self): \(bad)")
        }
        check(BFloat16.self, neighbours: true, randomPartners: 16)
        check(TFloat32.self, neighbours: false, randomPartners: 0)
    }

    @Test("fmod (truncatingRemainder) equals x − trunc(x/y)·y computed exactly in float64, every pair of the 8-bit types")
    func truncatingRemainder() {
        func check<T: SmallBinaryFloat>(_ t: T.Type) {
            guard T.format.bitWidth <= 8 else { return }
            var bad: [String] = []
            for x in every(t) where x.isFinite { for y in every(t) where y.isFinite && !y.isZero {
                // Every value of these formats is a float64 and fmod is exact, so Foundation's fmod is the reference.
                let want = fmod(Double(x), Double(y))
                let got = Double(x.truncatingRemainder(dividingBy: y))
                // Without −0 a zero result is +0; without any zero (E8M0) it is NaN, as 0 converts.
                let zeroOK = want == 0 && (T.format.hasZero ? (!T.format.hasNegativeZero && got == 0) : got.isNaN)
                if !(got == want && got.sign == want.sign) && !zeroOK, bad.count < 3 {
                    bad.append("\(x) fmod \(y): \(got), want \(want)")
                }
            } }
            #expect(bad.isEmpty, "\(T.self): \(bad)")
        }
        for t in allTypes { check(t) }
    }

    @Test("fields: sign, exponent, significand, ulp, nextUp, binade, significandWidth and init(sign:exponent:significand:) agree with the exact values")
    func fields() {
        func check<T: SmallBinaryFloat>(_ t: T.Type) {
            var bad: [String] = []
            for x in every(t) where x.isFinite && !x.isZero {
                let v = Double(x)
                let e = Int(v.magnitude.exponent)
                let ok = x.exponent == e && Double(x.significand) == v.magnitude / Double(sign: .plus, exponent: e, significand: 1)
                    && same(T(sign: x.sign, exponent: x.exponent, significand: x.significand), x)
                    && (x.sign == .minus) == (v < 0)
                    && Double(x.binade).magnitude == Double(sign: .plus, exponent: e, significand: 1)
                    && x.significandWidth == Int(v.significandWidth) - 0
                let up = x.nextUp
                let spacingOK = !up.isFinite || up <= x || Double(up) > v
                if !(ok && spacingOK), bad.count < 3 { bad.append("\(x.debugDescription): exponent \(x.exponent) vs \(e), significand \(x.significand)") }
            }
            #expect(bad.isEmpty, "\(T.self): \(bad)")
        }
        for t in allTypes { check(t) }
    }

    @Test("Codable: the bit pattern, exact; a pattern too wide is refused")
    func codable() throws {
        let x = Float8E4M3FN(bitPattern: 0x7F)
        let data = try JSONEncoder().encode([x, Float8E4M3FN(1.5)])
        #expect(String(decoding: data, as: UTF8.self) == "[127,60]")
        let back = try JSONDecoder().decode([Float8E4M3FN].self, from: data)
        #expect(back[0].bitPattern == 0x7F && back[1] == 1.5)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Float4E2M1FN].self, from: Data("[16]".utf8)) }
    }

    @Test("what each format does where a requirement has no meaning, as documented")
    func documentedSpecials() {
        #expect(Float8E4M3FN(1000.0).isNaN && Float8E4M3FN(464.0) == 448 && Float8E4M3FN(saturating: 1000) == 448)
        #expect(Float8E4M3FN.infinity.isNaN && Float8E4M3FN.infinity.bitPattern == 0x7F)
        #expect(Float8E4M3FNUZ.infinity.bitPattern == 0x80 && (-Float8E4M3FNUZ(0.0)).bitPattern == 0 && Float8E4M3FNUZ(-0.0).sign == .plus)
        #expect(Float4E2M1FN.infinity == 6 && Float4E2M1FN.nan == 0 && !Float4E2M1FN.nan.isNaN && Float4E2M1FN(-1.0).squareRoot() == 0)
        #expect(Float6E2M3FN.infinity == 7.5 && Float6E3M2FN.infinity == 28)
        #expect(Float8E8M0FNU.zero.isNaN && Float8E8M0FNU(0.0).isNaN && (-Float8E8M0FNU(2.0)).isNaN)
        #expect(Double(Float8E8M0FNU.leastNonzeroMagnitude) == 0x1p-127 && Double(Float8E8M0FNU.greatestFiniteMagnitude) == 0x1p127)
        #expect(BFloat16.infinity.isInfinite && BFloat16.signalingNaN.isSignalingNaN && !BFloat16.nan.isSignalingNaN)
        #expect(Double(BFloat16.pi) == 3.140625, "π rounded toward zero")
        #expect(Float8E5M2.greatestFiniteMagnitude == 57344 && Float8E4M3.greatestFiniteMagnitude == 240)
    }

    @Test("conversions from Double are correctly rounded from the exact value: ties, just beside them, every mode")
    func roundingFromDouble() {
        // 1 + 2^-8 is a bfloat16 tie (to 1); a hair above goes up: double rounding through float32 would lose that hair.
        #expect(BFloat16(1 + 0x1p-8) == 1 && BFloat16(1 + 0x1p-8 + 0x1p-40) == BFloat16(1 + 0x1p-7))
        #expect(BFloat16(1 + 0x1p-40, rounding: .up) == BFloat16(1 + 0x1p-7))
        #expect(BFloat16(Float(1 + 0x1p-8)) == 1)
        #expect(Float8E4M3FN(Int(17)) == 16 && Float8E4M3FN(exactly: 17) == nil && Float8E4M3FN(exactly: 18) == 18)
        #expect(Float8E4M3FN(exactly: 0.1) == nil && Float8E4M3FN(exactly: 0.125) == 0.125)
    }

    @Test("generic code written for BinaryFloatingPoint runs on every type, step for step as the core computes")
    func genericCode() {
        func mean<T: BinaryFloatingPoint>(_ xs: [T]) -> T { xs.reduce(0, +) / T(xs.count) }
        func horner<T: BinaryFloatingPoint>(_ c: [T], _ x: T) -> T { c.reversed().reduce(0) { $0 * x + $1 } }
        func kahan<T: BinaryFloatingPoint>(_ xs: [T]) -> T {
            var s: T = 0, c: T = 0
            for x in xs { let y = x - c; let t = s + y; c = (t - s) - y; s = t }
            return s
        }
        func check<T: SmallBinaryFloat>(_ t: T.Type) {
            let f = T.format
            let xs = [T(1.0), T(2.0), T(0.75), T(0.5)]
            let cs = xs.map(code)
            func add(_ a: UInt64, _ b: UInt64) -> UInt64 { f.add(a, b).code }
            let zero = f.round(0.0).code
            let sum = cs.reduce(zero, add)
            #expect(code(mean(xs)) == f.divide(sum, f.convertFromInteger(4).code).code, "\(T.self) mean")
            let x = T(0.5)
            let h = cs.reversed().reduce(zero) { add(f.multiply($0, code(x)).code, $1) }
            #expect(code(horner(xs, x)) == h, "\(T.self) Horner")
            var s = zero, c = zero
            for v in cs { let y = f.subtract(v, c).code; let u = add(s, y); c = f.subtract(f.subtract(u, s).code, y).code; s = u }
            #expect(code(kahan(xs)) == s, "\(T.self) Kahan")
        }
        for t in allTypes { check(t) }
    }

    @Test("every encoding, for exhaustive tests: 2^bits of them in code order")
    func allEncodings() {
        #expect(Float8E4M3FN.allEncodings.count == 256 && Float8E4M3FN.allEncodings[0x38] == 1)
        #expect(BFloat16.allEncodings.count == 65536)
        #expect(Float4E2M1FN.allEncodings.map(Double.init) == [0, 0.5, 1, 1.5, 2, 3, 4, 6, -0.0, -0.5, -1, -1.5, -2, -3, -4, -6])
    }

    @Test("documented example: the protocol")
    func protocolExample() {
        let x = Float8E4M3FN(0.3)
        #expect(Double(x) == 0.3125)
        #expect(x.bitPattern == 42 && x.bitPattern == 0x2A)
        #expect((x * 3).description == "0.94" && Double(x * 3) == 0.9375)
        #expect(Float8E4M3FN(1000.0).isNaN)
    }

    @Test("documented example: arrays through the bulk kernels")
    func arrays() {
        let b = [BFloat16](converting: [1.0, 0.1, 1e39] as [Float])
        #expect(b.map(\.bitPattern) == [16256, 15821, 32640])
        #expect([Float](converting: b) == [1.0, 0.10009765625, .infinity])
    }

    @Test("array conversions equal the scalar ones: normal values at every scale, every encoding back to float32")
    func arraysEqualScalars() {
        var g = SplitMix64(seed: 9)
        let floats: [Float] = (0..<20_000).map { _ in Float(bitPattern: UInt32(truncatingIfNeeded: g.next())) }
        func check<T: SmallBinaryFloat>(_ t: T.Type) {
            let arrayed = [T](converting: floats)
            #expect(zip(arrayed, floats).allSatisfy { same($0, T($1)) }, "\(T.self) from float32")
            let all = every(t)
            #expect(zip([Float](converting: all), all).allSatisfy { $0.bitPattern == Float($1).bitPattern || ($0.isNaN && $1.isNaN) }, "\(T.self) to float32")
        }
        for t in allTypes { check(t) }
    }

    @Test("the straight-line conversions from Float and Double equal the core: every value of each type, the midpoints and their float32 and float64 neighbours, seeded random bits")
    func straightLineConversions() {
        func check<T: SmallBinaryFloat>(_ t: T.Type) {
            let f = T.format
            var floats: [Float] = [], doubles: [Double] = []
            let finite = every(t).filter { $0.isFinite }.map { Double($0) }.sorted()
            for (a, b) in zip(finite, finite.dropFirst()) {
                let mid = (a + b) / 2   // exact: every value is a float64 with few bits
                for d in [a, mid, mid.nextUp, mid.nextDown, b] {
                    doubles.append(d); doubles.append(-d)
                    let x = Float(d)
                    for y in [x, x.nextUp, x.nextDown] { floats.append(y); floats.append(-y) }
                }
            }
            var g = SplitMix64(seed: 5)
            for _ in 0..<100_000 {
                floats.append(Float(bitPattern: UInt32(truncatingIfNeeded: g.next())))
                doubles.append(Double(bitPattern: g.next()))
                // Values near the format's range, where rounding decides.
                floats.append(Float(sign: .plus, exponent: Int(g.next() % 300) - 150, significand: 1 + Float(g.next() % 1024) / 1024))
            }
            var bad: [String] = []
            for x in floats where !same(T(x), T(bitPattern: T.Storage(truncatingIfNeeded: f.round(x).code))) && bad.count < 3 { bad.append("Float \(x)") }
            for x in doubles where !same(T(x), T(bitPattern: T.Storage(truncatingIfNeeded: f.round(x).code))) && bad.count < 3 { bad.append("Double \(x)") }
            #expect(bad.isEmpty, "\(T.self): \(bad)")
        }
        for t in allTypes { check(t) }
    }

    /// Every float32 top half with the low halves around a tie, each with its float32 neighbours: T(x) against the core.
    func branchFreeMismatches<T: SmallBinaryFloat>(_: T.Type) -> [String] {
        var bad: [String] = []
        for top in UInt32(0)...0xFFFF {
            for low: UInt32 in [0, 1, 0x7FFF, 0x8000, 0x8001, 0xFFFF] {
                let x = Float(bitPattern: top << 16 | low)
                for y in [x, x.nextUp, x.nextDown] where UInt64(truncatingIfNeeded: T(y).bitPattern) != T.format.round(y).code && bad.count < 3 {
                    bad.append(String(y.bitPattern, radix: 16))
                }
            }
        }
        return bad
    }

    @Test("BFloat16's branch-free init from Float equals the core: every top half with the low halves around the tie (every NaN class, subnormal, overflow)")
    func bfloat16FromFloat() {
        let bad = branchFreeMismatches(BFloat16.self)
        #expect(bad.isEmpty, "\(bad)")
    }

    @Test("Float8E4M3FN's branch-free init from Float equals the core: every top half with the low halves around the tie, around the thresholds")
    func e4m3fnFromFloat() {
        let bad = branchFreeMismatches(Float8E4M3FN.self)
        #expect(bad.isEmpty, "\(bad)")
    }

    @Test("each type's literal layout constants are its format's")
    func layoutLiterals() {
        func check<T: SmallBinaryFloat>(_ t: T.Type) {
            let f = T.format
            let literal = T.narrowing, derived = ScalarNarrowing(exponentBits: f.exponentBits, fractionBits: f.fractionBits, bias: f.bias,
                                                                 subnormals: f.hasSubnormals, largest: f.largestFiniteMagnitude, signed: f.isSigned)
            #expect(literal == derived, "\(T.self)")
            #expect(T.layout == ScalarLayout(deriving: f), "\(T.self): \(T.layout) ≠ \(ScalarLayout(deriving: f))")
        }
        for t in allTypes { check(t) }
    }

    @Test("classification on the literal masks equals the core's for every encoding of every type")
    func classification() {
        func check<T: SmallBinaryFloat>(_ t: T.Type) {
            let f = T.format
            var bad: [String] = []
            for x in every(t) {
                let c = code(x)
                let d = f.decodeUnchecked(c)
                let zero = d.value?.isZero ?? false
                let subnormal = f.hasSubnormals && !f.isSpecial(c) && !zero && (c & f.magnitudeMask) >> UInt64(f.fractionBits) == 0
                let negative = d.value.map { $0.isNegative } ?? (f.isSigned && c & f.signMask != 0)
                let ok = x.isNaN == f.isNaN(c) && x.isInfinite == f.isInfinite(c) && x.isFinite == !f.isSpecial(c)
                    && x.isZero == zero && x.isSubnormal == subnormal && x.isNormal == (!f.isSpecial(c) && !zero && !subnormal)
                    && (x.sign == .minus) == negative
                if !ok && bad.count < 3 { bad.append(x.debugDescription) }
            }
            #expect(bad.isEmpty, "\(T.self): \(bad)")
        }
        for t in allTypes { check(t) }
    }

    @Test("comparisons on the literal masks equal the core's: every pair of the 8-bit and smaller types, every 16- and 19-bit value against the boundary values")
    func comparisons() {
        func check<T: SmallBinaryFloat>(_ t: T.Type) {
            let f = T.format
            let xs = every(t)
            let ys: [T]
            if f.bitWidth <= 8 {
                ys = xs
            } else {
                // Both zeros, the smallest subnormals and normals, 1, the largest finite values, ∞ and NaNs, each with its neighbours.
                let seeds: [UInt64] = [0, 1, 2, f.round(f.smallestNormal).code, f.round(1.0).code, f.largestFiniteMagnitude, f.positiveInfinity!, f.canonicalNaN!, f.magnitudeMask]
                ys = seeds.flatMap { c in [c, c &+ 1, c &- 1].filter { $0 <= f.magnitudeMask }.flatMap { [T(bitPattern: T.Storage($0)), T(bitPattern: T.Storage($0 | f.signMask))] } }
            }
            var bad: [String] = []
            for x in xs {
                for y in ys {
                    let c = f.compare(code(x), code(y)).comparison
                    let ok = (x == y) == (c == .equal) && (x < y) == (c == .less) && (x <= y) == (c == .less || c == .equal)
                        && (x > y) == (c == .greater) && (x >= y) == (c == .greater || c == .equal) && (x != y) == (c != .equal)
                    if !ok && bad.count < 3 { bad.append("\(x.debugDescription) vs \(y.debugDescription): core \(c)") }
                }
            }
            #expect(bad.isEmpty, "\(T.self): \(bad)")
        }
        for t in allTypes { check(t) }
    }
}
