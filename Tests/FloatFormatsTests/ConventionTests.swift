import Testing
@testable import FloatFormats

/// Conversions against published conventions and independent implementations:
/// the OCP and FORMATS tables, the bfloat16 and TF32 bit formulas, the machine's
/// own float conversions (Swift's `Float(Double)` and `Float16(Float)`), Swift's
/// correctly rounded decimal parser, and values printed by ml_dtypes 0.6.0.
@Suite struct ConventionTests {
    let rne = RoundingOptions.default

    @Test func ocpTies() {
        let e4m3 = FloatFormat.float8_e4m3fn
        #expect(e4m3.round(464.0) == RoundedResult(code: 0x7E, flags: .inexact))      // a tie: 448 is even
        #expect(e4m3.round(465.0) == RoundedResult(code: 0x7F, flags: [.overflow, .inexact]))
        #expect(e4m3.round(465.0, options: RoundingOptions(overflow: .saturate)).code == 0x7E)
        #expect(e4m3.round(-1e9, options: RoundingOptions(overflow: .saturate)).code == 0xFE)
        let e5m2 = FloatFormat.float8_e5m2
        #expect(e5m2.round(61440.0).code == 0x7C)                                       // a tie that overflows
        #expect(e5m2.round(61439.0).code == 0x7B)
        #expect(e5m2.round(61440.0, options: RoundingOptions(mode: .towardZero)).code == 0x7B)
    }

    /// bfloat16 from float32 by RNE: (u + ((u >> 16) & 1) + 0x7FFF) >> 16 for non-NaN u.
    @Test func bfloat16Formula() {
        var rng = SplitMix64(seed: 3)
        for _ in 0..<300_000 {
            let u = UInt32(truncatingIfNeeded: rng.next())
            if Float(bitPattern: u).isNaN { continue }
            let expected = (u &+ ((u >> 16) & 1) &+ 0x7FFF) >> 16
            #expect(FloatFormat.bfloat16.convert(UInt64(u), fromFloat32: true) == UInt64(expected), "0x\(String(u, radix: 16))")
        }
    }

    /// TF32 by NVIDIA's cvt.rna (ties away): add half an ulp (bit 12), truncate 13 bits.
    @Test func tfloat32TiesAway() {
        var rng = SplitMix64(seed: 5)
        let rna = RoundingOptions(mode: .nearestAway)
        for _ in 0..<300_000 {
            let u = UInt32(truncatingIfNeeded: rng.next())
            let x = Float(bitPattern: u)
            let sum = (u & 0x7FFF_FFFF) &+ 0x1000
            if x.isNaN || x.isInfinite || sum >= 0x7F80_0000 { continue }
            let expected = UInt64(((sum >> 13) | ((u >> 31) << 18)))
            #expect(try! FloatFormat.tfloat32.convert(UInt64(u), from: .float32, options: rna).code == expected)
        }
    }

    /// The machine's float64 → float32 and float32 → float16 conversions (IEEE RNE).
    @Test func machineConversions() {
        var rng = SplitMix64(seed: 9)
        for i in 0..<300_000 {
            var d = Double(bitPattern: rng.next())
            if i % 2 == 0 {
                // Concentrate on float32's range, midpoints included.
                let f = Float(bitPattern: UInt32(truncatingIfNeeded: rng.next()))
                d = Double(f) + (Double(f.ulp) / 2) * Double(Int(rng.next() % 5) - 2) / 2
            }
            guard !d.isNaN else { continue }
            let r = FloatFormat.float32.round(d)
            let f = Float(d)
            #expect(r.code == UInt64(f.bitPattern), "\(d)")
            #expect(r.flags.contains(.inexact) == (Double(f) != d) || f.isInfinite != d.isInfinite)
            let x = Float(bitPattern: UInt32(truncatingIfNeeded: rng.next()))
            guard !x.isNaN else { continue }
            #expect(FloatFormat.float16.round(x).code == UInt64(Float16(x).bitPattern), "\(x)")
        }
    }

    /// Significands wider than 64 bits take the 128-bit instance of the rounding
    /// code: a finite double spread over 128 bits (value unchanged) must round
    /// into float32 as the machine does, and with low bits added (sticky or
    /// not) as its top 64 bits with a sticky bit do in the 64-bit instance.
    @Test func wideSignificands() {
        var rng = SplitMix64(seed: 11)
        for _ in 0..<100_000 {
            let d = Double(bitPattern: rng.next())
            guard d.isFinite, d != 0 else { continue }
            let sig = UInt128(d.significandBitPattern | (d.isNormal ? 1 << 52 : 0))
            let e = Int(d.exponentBitPattern == 0 ? 1 : d.exponentBitPattern) - 1075
            let shift = 64 + Int(rng.next() % 11)
            let wide = SourceValue.finite(negative: d.sign == .minus, significand: sig << shift, exponent: e - shift, sticky: false)
            #expect(FloatFormat.float32.round(wide).code == UInt64(Float(d).bitPattern), "\(d)")

            let low = UInt128(rng.next()) >> (rng.next() % 64)
            let sticky = rng.next() % 2 == 0
            let value = (sig << shift) | low
            let lz = value.leadingZeroBitCount
            let top = (value << lz) >> 64     // the leading 64 bits
            let rest = (value << lz) & UInt128(UInt64.max) != 0
            let narrow = SourceValue.finite(negative: false, significand: top, exponent: e - shift + 64 - lz,
                                            sticky: rest || sticky)
            for target in [FloatFormat.float32, .bfloat16, .float8_e4m3fn] {
                let w = target.round(.finite(negative: false, significand: value, exponent: e - shift, sticky: sticky))
                #expect(w == target.round(narrow), "\(value) × 2^\(e - shift) into \(target.name)")
            }
        }
    }

    /// Decimal strings, rounded once from their exact value: Swift's own parsers
    /// are correctly rounded too.
    @Test func decimalsMatchSwiftParsers() throws {
        var rng = SplitMix64(seed: 13)
        for _ in 0..<20_000 {
            let digits = String(rng.next() % 100_000_000_000_000_000)
            let exponent = Int(rng.next() % 700) - 350
            let text = "\(rng.next() & 1 == 0 ? "" : "-")\(digits)e\(exponent)"
            let n = try DecimalNumber(text)
            #expect(FloatFormat.float64.round(n).code == Double(text)!.bitPattern, "\(text)")
            #expect(FloatFormat.float32.round(n).code == UInt64(Float(text)!.bitPattern), "\(text)")
        }
    }

    @Test func decimalsRoundOnceNotTwice() throws {
        // 1 + 2^-8 + 1e-17 is just above the bfloat16 midpoint 1 + 2^-8; through
        // float64 it would land on the midpoint and go to the even 1.0.
        #expect(FloatFormat.bfloat16.round(try DecimalNumber("1.00390625000000001")).code == 0x3F81)
        #expect(FloatFormat.bfloat16.round(1.00390625000000001).code == 0x3F80)
        #expect(FloatFormat.bfloat16.round(try DecimalNumber("0.1")).code == 0x3DCD)
        // The exact value of the double nearest 0.1: exact, no flag.
        let exact = try DecimalNumber("0.1000000000000000055511151231257827021181583404541015625")
        #expect(FloatFormat.float64.round(exact) == RoundedResult(code: 0x3FB9_9999_9999_999A, flags: []))
        #expect(FloatFormat.float8_e4m3fn.round(try DecimalNumber("0x1.cp8")).code == 0x7E)
        #expect(FloatFormat.float16.round(try DecimalNumber("1e-100000")).code == 0)
        #expect(FloatFormat.float16.round(try DecimalNumber("-1e100000")).code == 0xFC00)
        #expect(FloatFormat.float16.round(try DecimalNumber("-inf")).code == 0xFC00)
        #expect(FloatFormat.float16.round(try DecimalNumber("nan")).code == 0x7E00)
        for bad in ["", "1..2", "0x", "1e", "e5", "12a", "--1", "1e99999999"] {
            #expect(throws: FormatError.self, "\(bad)") { try DecimalNumber(bad) }
        }
    }

    /// What ml_dtypes 0.6.0 gives (astype from float32, its defaults), where our
    /// defaults agree with it.
    typealias Row = (name: String, inputs: [Float], codes: [UInt64])
    static let mlDtypesRows: [Row] = [
        ("float4_e2m1fn", [Float.infinity, -.infinity, 0, -0.0, -1, 1e-40, 1e30, 1.5, 3, 464], [0x7, 0xF, 0x0, 0x8, 0xA, 0x0, 0x7, 0x3, 0x5, 0x7]),
        ("float6_e2m3fn", [Float.infinity, -.infinity, -1, 1e30, 1.5, 3], [0x1F, 0x3F, 0x28, 0x1F, 0xC, 0x14]),
        ("float6_e3m2fn", [Float.infinity, -1, 1e30, 1.5, 3], [0x1F, 0x2C, 0x1F, 0xE, 0x12]),
        ("float8_e8m0fnu", [Float.infinity, 0, -0.0, -1, 1e-40, 1e30, 1.5, 3, 464, 61440], [0xFF, 0xFF, 0xFF, 0xFF, 0x0, 0xE3, 0x80, 0x81, 0x88, 0x8F]),
        ("float8_e4m3fn", [Float.infinity, -.infinity, 0, -0.0, -1, 1e30, 1.5, 3, 464, 465, 480], [0x7F, 0xFF, 0x0, 0x80, 0xB8, 0x7F, 0x3C, 0x44, 0x7E, 0x7F, 0x7F]),
        ("float8_e4m3fnuz", [Float.infinity, -.infinity, -0.0, -1, 1e30, 1.5, 3, 464], [0x80, 0x80, 0x0, 0xC0, 0x80, 0x44, 0x4C, 0x80]),
        ("float8_e5m2", [Float.infinity, -.infinity, -0.0, -1, 1e30, 1.5, 3, 464, 480, 61440], [0x7C, 0xFC, 0x80, 0xBC, 0x7C, 0x3E, 0x42, 0x5F, 0x60, 0x7C]),
    ]

    @Test(arguments: mlDtypesRows)
    func mlDtypes(_ row: Row) throws {
        let name = row.name
        let f = try FloatFormat.named(name)
        for (x, code) in zip(row.inputs, row.codes) {
            #expect(f.round(x).code == code, "\(name) \(x)")
        }
    }

    /// Where we differ from ml_dtypes by design: NaN into fp4/fp6 (ml_dtypes gives
    /// −0 for +NaN); we give +0 and raise invalid.
    @Test func nanIntoFormatsWithoutNaN() {
        #expect(FloatFormat.float4_e2m1fn.round(Float.nan) == RoundedResult(code: 0, flags: .invalid))
        #expect(FloatFormat.float8_e8m0fnu.round(0.0) == RoundedResult(code: 0xFF, flags: .invalid))
        #expect(FloatFormat.float8_e8m0fnu.round(-2.0) == RoundedResult(code: 0xFF, flags: .invalid))
        #expect(FloatFormat.float8_e4m3fn.round(Double.infinity) == RoundedResult(code: 0x7F, flags: .invalid))
        #expect(FloatFormat.float8_e4m3fn.round(Double.infinity, options: RoundingOptions(overflow: .saturate)) == RoundedResult(code: 0x7E, flags: .invalid))
        #expect(FloatFormat.float8_e5m2.round(Double.infinity, options: RoundingOptions(overflow: .saturate)).code == 0x7C)
        #expect(FloatFormat.float8_e5m2.round(Double.infinity, options: RoundingOptions(overflow: .saturateAll)).code == 0x7B)
    }

    /// The table in `RoundingMode`'s documentation, in a format whose subnormal
    /// spacing is 1 (e4m2 with bias −1): integers near zero.
    @Test func roundingModeTable() throws {
        let f = try FormatSpec.parse("e4m2b-1")
        #expect(f.ulp(at: .zero) == .powerOfTwo(0))
        let rows: [(Double, [Double])] = [
            (-1.5, [-2, -2, -1, -1, -2, -1]), (-0.5, [-0.0, -1, -0.0, -0.0, -1, -1]), (0.5, [0, 1, 0, 1, 0, 1]),
            (1.25, [1, 1, 1, 2, 1, 1]), (1.5, [2, 2, 1, 2, 1, 1]), (2.5, [2, 3, 2, 3, 2, 3]),
        ]
        for (x, expected) in rows {
            for (mode, e) in zip(RoundingMode.deterministic, expected) {
                let r = f.round(x, options: RoundingOptions(mode: mode))
                let v = f.decodeUnchecked(r.code).value!
                #expect(v == Dyadic(exactly: e), "\(x) \(mode)")
            }
        }
        // Stochastic: 1.25 with 8 random bits rounds up for exactly a quarter of the random values.
        let ups = (0..<256).filter { f.round(1.25, options: RoundingOptions(mode: .stochastic(bits: 8)), random: UInt64($0)).code != f.round(1.0).code }
        #expect(ups.count == 64)
    }

    @Test func flagLetters() {
        #expect(ExceptionFlags([.overflow, .inexact]).letters == "ox")
        #expect(ExceptionFlags().letters == "-")
        #expect(ExceptionFlags(letters: "vzoux") == [.invalid, .divideByZero, .overflow, .underflow, .inexact])
        #expect(ExceptionFlags(letters: "q") == nil)
    }
}

extension FloatFormat {
    fileprivate func convert(_ code: UInt64, fromFloat32: Bool) -> UInt64 {
        try! convert(code, from: .float32).code
    }
}
