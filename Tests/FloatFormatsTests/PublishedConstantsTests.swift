import Testing
@testable import FloatFormats

/// Catalogue constants against published values: Swift's own Float/Double/Float16
/// constants and the table in the OCP, ml_dtypes and P3109 documents.
@Suite struct PublishedConstantsTests {
    @Test func ieeeFormatsMatchSwiftsTypes() {
        #expect(FloatFormat.float64.maxFinite == Dyadic(exactly: Double.greatestFiniteMagnitude))
        #expect(FloatFormat.float64.smallestNormal == Dyadic(exactly: Double.leastNormalMagnitude))
        #expect(FloatFormat.float64.smallestSubnormal == Dyadic(exactly: Double.leastNonzeroMagnitude))
        #expect(FloatFormat.float64.epsilon == Dyadic(exactly: Double.ulpOfOne))
        #expect(FloatFormat.float32.maxFinite == Dyadic(exactly: Double(Float.greatestFiniteMagnitude)))
        #expect(FloatFormat.float32.smallestNormal == Dyadic(exactly: Double(Float.leastNormalMagnitude)))
        #expect(FloatFormat.float32.smallestSubnormal == Dyadic(exactly: Double(Float.leastNonzeroMagnitude)))
        #expect(FloatFormat.float32.epsilon == Dyadic(exactly: Double(Float.ulpOfOne)))
        #expect(FloatFormat.float16.maxFinite == Dyadic(exactly: Double(Float16.greatestFiniteMagnitude)))
        #expect(FloatFormat.float16.smallestNormal == Dyadic(exactly: Double(Float16.leastNormalMagnitude)))
        #expect(FloatFormat.float16.smallestSubnormal == Dyadic(exactly: Double(Float16.leastNonzeroMagnitude)))
        #expect(FloatFormat.float64.emax == Double.greatestFiniteMagnitude.exponent)
        #expect(FloatFormat.float32.emin == Int(Float.leastNormalMagnitude.exponent))
    }

    /// (name, max, smallest normal, smallest subnormal or nil) from the format
    /// table of ml_dtypes / OCP FP8 / OCP MX v1.0, written as decimal literals.
    static let table: [(String, Double, Double, Double?)] = [
        ("tfloat32", 3.4011621342146535e38, 0x1p-126, 0x1p-136),
        ("bfloat16", 3.3895313892515355e38, 0x1p-126, 0x1p-133),
        ("float8_e5m2", 57344, 0x1p-14, 0x1p-16),
        ("float8_e4m3", 240, 0x1p-6, 0x1p-9),
        ("float8_e4m3fn", 448, 0x1p-6, 0x1p-9),
        ("float8_e4m3fnuz", 240, 0x1p-7, 0x1p-10),
        ("float8_e5m2fnuz", 57344, 0x1p-15, 0x1p-17),
        ("float8_e4m3b11fnuz", 30, 0x1p-10, 0x1p-13),
        ("float8_e3m4", 15.5, 0.25, 0x1p-6),
        ("float8_e8m0fnu", 0x1p127, 0x1p-127, nil),
        ("float6_e2m3fn", 7.5, 1, 0.125),
        ("float6_e3m2fn", 28, 0.25, 0.0625),
        ("float4_e2m1fn", 6, 1, 0.5),
    ]

    @Test(arguments: table)
    func publishedRange(_ row: (String, Double, Double, Double?)) throws {
        let f = try FloatFormat.named(row.0)
        #expect(f.maxFinite == Dyadic(exactly: row.1), "\(row.0) max")
        #expect(f.smallestNormal == Dyadic(exactly: row.2), "\(row.0) smallest normal")
        #expect(f.smallestSubnormal == row.3.map { Dyadic(exactly: $0) }, "\(row.0) smallest subnormal")
    }

    /// torch.finfo(...).resolution for the IEEE formats.
    @Test func torchResolution() {
        #expect(FloatFormat.float64.resolution == 1e-15)
        #expect(FloatFormat.float32.resolution == 1e-6)
        #expect(FloatFormat.float16.resolution == 1e-3)
        #expect(FloatFormat.bfloat16.resolution == 1e-2)
    }

    /// NaN encodings per the specs: float16 2046 (2 × (2^10 − 1)), E5M2 6, E4M3FN 2
    /// (0x7F, 0xFF), FNUZ 1 (0x80), fp6/fp4 none, E8M0 1 (0xFF).
    @Test func nanCounts() throws {
        #expect(FloatFormat.float16.nanCount == 2046)
        #expect(FloatFormat.float8_e5m2.nanCount == 6)
        #expect(FloatFormat.float8_e4m3fn.nanCount == 2)
        #expect(FloatFormat.float8_e4m3fnuz.nanCount == 1)
        #expect(FloatFormat.float4_e2m1fn.nanCount == 0)
        #expect(FloatFormat.float8_e8m0fnu.nanCount == 1)
        #expect(try FloatFormat.float8_e4m3fn.decode(0x7F).floatClass == .nan)
        #expect(try FloatFormat.float8_e4m3fn.decode(0xFF).floatClass == .nan)
        #expect(try FloatFormat.float8_e4m3fnuz.decode(0x80).floatClass == .nan)
        #expect(try FloatFormat.float8_e8m0fnu.decode(0xFF).floatClass == .nan)
        #expect(try FloatFormat.float8_e8m0fnu.decode(0x00).value == .powerOfTwo(-127))
        #expect(try FloatFormat.float8_e8m0fnu.decode(0x7F).value == .powerOfTwo(0))
    }

    /// P3109 interim report: Binary8p4sf has the values of float8_e4m3fnuz and
    /// Binary8p3sf those of float8_e5m2fnuz; extended formats put ±Inf at 0x7F/0xFF.
    @Test func p3109() throws {
        #expect(try FloatFormat.named("binary8p4sf") == .float8_e4m3fnuz)
        #expect(try FloatFormat.named("binary8p3sf") == .float8_e5m2fnuz)
        let se = try FloatFormat.named("binary8p3se")
        #expect(try se.decode(0x7F).floatClass == .infinity)
        #expect(try se.decode(0xFF).floatClass == .infinity)
        #expect(try se.decode(0xFF).isNegative)
        #expect(try se.decode(0x80).floatClass == .nan)
        #expect(se.maxFinite == Dyadic(exactly: 49152))     // 0x7E = 1.5 × 2^15
        let p1 = try FloatFormat.named("binary8p1")
        #expect(p1.smallestPositive == .powerOfTwo(-63))
        #expect(p1.maxFinite == .powerOfTwo(62))
    }
}
