import Testing
import FloatFormats
import FloatTypes
import FloatLabTestSupport

/// The conversions into the types: every mode, every kind of source, each against the core's rounding of the exact value.
@Suite struct TypeConversionTests {
    static let modes: [RoundingMode] = [.nearestEven, .nearestAway, .towardZero, .up, .down, .odd]

    @Test("documented example: conversions")
    func documentedExample() {
        #expect(Float8E4M3FN(464.0).bitPattern == 126 && Double(Float8E4M3FN(464.0)) == 448)
        #expect(Float8E4M3FN(1000.0).isNaN)
        #expect(Float8E4M3FN(saturating: 1000.0).bitPattern == 126)
        #expect(BFloat16(1 + 0x1p-8 + 0x1p-40).bitPattern == 16257 && BFloat16(1 + 0x1p-8 + 0x1p-40).bitPattern == 0x3F81)
        #expect(BFloat16(Float(1 + 0x1p-8 + 0x1p-40)).bitPattern == 16256)
        #expect(Float8E4M3FN(0.3, rounding: .up).bitPattern == 42 && Double(Float8E4M3FN(0.3, rounding: .up)) == 0.3125)
        #expect(Float8E4M3FN(17 as Int, rounding: .towardZero).bitPattern == 88 && Double(Float8E4M3FN(17 as Int, rounding: .towardZero)) == 16)
        #expect(Float8E4M3FN("0.3", rounding: .down)?.bitPattern == 41 && Double(Float8E4M3FN("0.3", rounding: .down)!) == 0.28125)
    }

    @Test("every Float16 into every type, in every mode and saturating, equals the core's rounding of the float16 value")
    func fromFloat16() {
        func check<T: SmallBinaryFloat>(_ t: T.Type) {
            let f = T.format
            var bad: [String] = []
            for bits in 0...UInt16.max {
                let x = Float16(bitPattern: bits)
                func want(_ o: RoundingOptions) -> T { T(bitPattern: T.Storage(truncatingIfNeeded: f.round(x, options: o).code)) }
                if !same(T(x), want(.default)) && bad.count < 3 { bad.append("init(_:) \(x)") }
                if !same(T(saturating: x), want(RoundingOptions(overflow: .saturate))) && bad.count < 3 { bad.append("saturating \(x)") }
                for m in Self.modes where !same(T(x, rounding: m), want(RoundingOptions(mode: m))) && bad.count < 3 { bad.append("\(m) \(x)") }
            }
            #expect(bad.isEmpty, "\(T.self): \(bad)")
        }
        for t in allTypes { check(t) }
    }

    @Test("Float, Double and other small types in every mode (stochastic with its integer): the core's rounding of the same value")
    func fromFloatsInEveryMode() {
        var g = SplitMix64(seed: 21)
        let floats: [Float] = (0..<4000).map { _ in Float(sign: g.next() & 1 == 0 ? .plus : .minus, exponent: Int(g.next() % 280) - 140, significand: 1 + Float(g.next() % 8192) / 8192) }
            + [0, -0, .infinity, -.infinity, .nan, .greatestFiniteMagnitude, .leastNonzeroMagnitude]
        let doubles: [Double] = floats.map { Double($0) * (1 + 0x1p-40) }
        let randoms: [UInt64] = (0..<floats.count).map { _ in g.next() }
        func check<T: SmallBinaryFloat>(_ t: T.Type) {
            let f = T.format
            var bad: [String] = []
            func t(_ c: UInt64) -> T { T(bitPattern: T.Storage(truncatingIfNeeded: c)) }
            for (i, x) in floats.enumerated() {
                for m in Self.modes + [.stochastic(bits: 8)] {
                    let o = RoundingOptions(mode: m), r = randoms[i]
                    if !same(T(x, rounding: m, random: r), t(f.round(x, options: o, random: r).code)) && bad.count < 3 { bad.append("Float \(x) \(m)") }
                    let d = doubles[i]
                    if !same(T(d, rounding: m, random: r), t(f.round(d, options: o, random: r).code)) && bad.count < 3 { bad.append("Double \(d) \(m)") }
                }
                if !same(T(saturating: doubles[i]), t(f.round(doubles[i], options: RoundingOptions(overflow: .saturate)).code)) && bad.count < 3 { bad.append("saturating \(doubles[i])") }
            }
            // From another small type: exact (bfloat16 → its float32 value) then rounded once.
            for x in BFloat16.allEncodings where !same(T(x, rounding: .towardZero), t(f.round(Float(x), options: RoundingOptions(mode: .towardZero)).code)) && bad.count < 3 {
                bad.append("BFloat16 \(x.debugDescription)")
            }
            #expect(bad.isEmpty, "\(T.self): \(bad)")
        }
        for t in allTypes { check(t) }
    }

    @Test("integers of every width, beyond 64 bits too, and strings, in every mode: the core's rounding of the same value written in decimal")
    func fromIntegersAndStrings() throws {
        var g = SplitMix64(seed: 4)
        var wide: [Int128] = [0, 1, -1, 17, -17, 255, 256, 257, 464, 465, 1 << 70, (1 << 70) + 1, -(1 << 90) - 3, .max, .min, Int128(Int64.max) + 1]
        for _ in 0..<300 { wide.append(Int128(truncatingIfNeeded: g.next()) << Int(g.next() % 60) | Int128(g.next() & 0xFF)) }
        func check<T: SmallBinaryFloat>(_ t: T.Type) throws {
            let f = T.format
            var bad: [String] = []
            for n in wide {
                for m in Self.modes {
                    let want = f.round(try DecimalNumber(String(n)), options: RoundingOptions(mode: m)).code
                    if code(T(n, rounding: m)) != want && bad.count < 3 { bad.append("Int128 \(n) \(m)") }
                    if let u = UInt128(exactly: n), code(T(u, rounding: m)) != want && bad.count < 3 { bad.append("UInt128 \(n) \(m)") }
                    if let s = Int64(exactly: n), code(T(s, rounding: m)) != want && bad.count < 3 { bad.append("Int64 \(n) \(m)") }
                    if let s = Int8(exactly: n), code(T(s, rounding: m)) != want && bad.count < 3 { bad.append("Int8 \(n) \(m)") }
                    if code(T(String(n), rounding: m)!) != want && bad.count < 3 { bad.append("String \(n) \(m)") }
                }
                let nearest = f.round(try DecimalNumber(String(n))).code
                if code(T(n)) != nearest && bad.count < 3 { bad.append("init(_:) \(n)") }
                let exact = T(exactly: n)
                if (exact != nil) != (f.round(try DecimalNumber(String(n))).flags.isEmpty) && bad.count < 3 { bad.append("exactly \(n)") }
            }
            #expect(bad.isEmpty, "\(T.self): \(bad)")
        }
        for t in allTypes { try check(t) }
        #expect(BFloat16("abc", rounding: .up) == nil)
    }
}

@Suite struct TypeToFloat16Tests {
    @Test("Float16(x), through the standard library's generic conversion, equals the core's conversion into float16, every encoding of every type")
    func toFloat16() {
        func check<T: SmallBinaryFloat>(_ t: T.Type) {
            var bad: [String] = []
            for x in every(t) {
                let got = Float16(x)
                let want = (try? FloatFormat.float16.convert(code(x), from: T.format))?.code ?? 0
                let ok = got.isNaN ? FloatFormat.float16.isNaN(want) : UInt64(got.bitPattern) == want
                if !ok && bad.count < 3 { bad.append("\(x.debugDescription): \(got)") }
            }
            #expect(bad.isEmpty, "\(T.self): \(bad)")
        }
        for t in allTypes { check(t) }
    }
}
