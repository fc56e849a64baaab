import Testing
@testable import FloatFormats

@Suite struct FormatSpecTests {
    @Test func aliasesResolve() throws {
        for (alias, format) in [("fp32", FloatFormat.float32), ("BF16", .bfloat16), ("tf32", .tfloat32), ("half", .float16),
                                ("e4m3", .float8_e4m3fn), ("fp8", .float8_e4m3fn), ("e5m2", .float8_e5m2),
                                ("e8m0", .float8_e8m0fnu), ("fp4", .float4_e2m1fn), ("e2m3", .float6_e2m3fn),
                                ("float8_e4m3b11fnuz", .float8_e4m3b11fnuz), (" e3m4 ", .float8_e3m4)] {
            #expect(try FloatFormat.named(alias) == format, "\(alias)")
        }
    }

    @Test func specsBuildTheirFields() throws {
        #expect(try FormatSpec.parse("e5m10") == .float16)
        #expect(try FormatSpec.parse("e8m23") == .float32)
        #expect(try FormatSpec.parse("e8m7") == .bfloat16)
        #expect(try FormatSpec.parse("float8_e4m3") == .float8_e4m3)
        let b = try FormatSpec.parse("e3m2b2")
        #expect(b.bias == 2 && b.specials == .ieee && b.exponentBits == 3 && b.fractionBits == 2)
        #expect(try FormatSpec.parse("e3m2b-2").bias == -2)
        #expect(try FormatSpec.parse("e4m3fnuz") == .float8_e4m3fnuz)  // the catalogue name comes first
        #expect(try FormatSpec.parse("e5m3fnuz").bias == 15)           // the suffix does not change the bias
        #expect(try FormatSpec.parse("e4m3b8fnuz") == .float8_e4m3fnuz)
        #expect(try FormatSpec.parse("e5m2fn").specials == .finiteAllOnesNaN)
        #expect(try FormatSpec.parse("e2m1fin") == .float4_e2m1fn)
        let u = try FormatSpec.parse("e8m0fnu")
        #expect(u == .float8_e8m0fnu)
        #expect(try FormatSpec.parse("binary8p3") == FormatSpec.parse("binary8p3se"))
        #expect(try FormatSpec.parse("binary8p3ue").isSigned == false)
        #expect(try FormatSpec.parse("binary8p3ue").bias == 32)
    }

    @Test(arguments: [
        ("", "empty format name"),
        ("fp6", "ambiguous"),
        ("xyz", "unknown format 'xyz'"),
        ("e0m3", "at least 1 exponent bit"),
        ("e8m60", "wider than the 64 bits"),
        ("e4m3q", "unknown suffix 'q'"),
        ("e3m2b", "expected a number after 'b'"),
        ("e1m2", "no normal numbers"),
        ("e5m0", "at least 1 fraction bit"),
        ("float16_e4m3", "the name says 16 bits"),
        ("binary8p8se", "precision must be 1…7"),
        ("binary8p3sx", "ends in se, sf, ue or uf"),
        ("binary99p3", "2 to 64 bits"),
        ("e40m3", "more than the 30"),
    ])
    func badSpecsSayWhy(_ text: String, _ fragment: String) {
        do {
            _ = try FormatSpec.parse(text)
            Issue.record("'\(text)' was accepted")
        } catch {
            #expect(error.message.contains(fragment), "'\(text)': \(error.message)")
        }
    }

    @Test func badEncodingsSayWhy() {
        #expect(throws: EncodingError.self) { try FloatFormat.float8_e4m3fn.decode(0x100) }
        #expect(throws: EncodingError.self) { try FloatFormat.float4_e2m1fn.nextUp(0x10) }
        do { _ = try FloatFormat.float16.decode(0x1_0000) } catch {
            #expect(error.message == "0x10000 does not fit in the 16 bits of float16 (encodings are 0x0…0xffff).")
        }
    }

    @Test func wideAndOddFormatsStayConsistent() throws {
        // 64-bit formats: counts that overflow UInt64 need UInt128.
        let f = try FormatSpec.parse("e11m52")
        #expect(f.finiteCount == (UInt128(1) << 64) - (UInt128(1) << 53))
        let unsigned = try FloatFormat(name: "u64", exponentBits: 11, fractionBits: 53, isSigned: false, specials: .finite)
        #expect(unsigned.finiteCount == UInt128(1) << 64)
        #expect(unsigned.maxFinite == Dyadic(significand: (1 << 54) - 1, exponent: 2047 - 1023 - 53))
    }
}
