import Foundation
import Testing
import FloatLabTestSupport

@Suite struct CLITests {
    @Test func defaultTableComparesTheThreeIEEEFormats() throws {
        let r = try floatlab("table")
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 5)
        #expect(lines[0].contains("format") && lines[0].contains("sign") && lines[0].contains("exponent")
                && lines[0].contains("mantissa") && lines[0].contains("min normal") && lines[0].contains("max")
                && lines[0].contains("resolution"))
        #expect(lines[2].hasPrefix("| float32 ") && lines[2].contains("3.4028234663852886e+38") && lines[2].contains("1.1754943508222875e-38"))
        #expect(lines[3].hasPrefix("| float16 ") && lines[3].contains("65504") && lines[3].contains("0.00006103515625") && lines[3].contains("0.001"))
        #expect(lines[4].hasPrefix("| bfloat16 ") && lines[4].contains("3.3895313892515355e+38") && lines[4].contains("0.01"))
    }

    @Test func jsonCarriesTheContractKeysAsNumbers() throws {
        let r = try floatlab("table", "--formats", "all", "--as", "json")
        #expect(r.status == 0)
        let parsed = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [[String: Any]]
        #expect(parsed.count == 16)
        let keys = ["name", "bits", "sign_bits", "exponent_bits", "mantissa_bits", "bias", "max", "min",
                    "smallest_normal", "smallest_subnormal", "eps", "resolution", "has_infinity", "nan_count", "finite_count"]
        for object in parsed {
            for key in keys { #expect(object[key] != nil, "\(object["name"] ?? "?") lacks \(key)") }
        }
        let e4m3 = parsed.first { $0["name"] as? String == "float8_e4m3fn" }!
        #expect((e4m3["max"] as? NSNumber)?.doubleValue == 448)
        #expect((e4m3["min"] as? NSNumber)?.doubleValue == -448)
        #expect((e4m3["smallest_subnormal"] as? NSNumber)?.doubleValue == 0x1p-9)
        #expect((e4m3["nan_count"] as? NSNumber)?.intValue == 2)
        #expect((e4m3["has_infinity"] as? Bool) == false)
        let e8m0 = parsed.first { $0["name"] as? String == "float8_e8m0fnu" }!
        #expect(e8m0["smallest_subnormal"] is NSNull)
        // Foundation's JSON reader here rounds long literals loosely: check the digits as printed.
        #expect(r.stdout.contains("\"max\": 3.4028234663852886e+38,"))
        #expect(Double("3.4028234663852886e+38") == Double(Float.greatestFiniteMagnitude))
    }

    @Test(arguments: ["markdown", "csv", "json", "latex", "html"])
    func everyOutputFormatRenders(_ format: String) throws {
        let r = try floatlab("table", "--formats", "fp8,bf16", "--as", format)
        #expect(r.status == 0)
        let name = format == "latex" ? "float8\\_e4m3fn" : "float8_e4m3fn"
        #expect(r.stdout.contains(name) && r.stdout.contains("bfloat16"))
    }

    @Test func decodeShowsFieldsClassAndExactValue() throws {
        let r = try floatlab("decode", "--format", "e4m3", "0x7e", "0x7f", "0x01", "0b10000000")
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines[2].contains("0 1111 110") && lines[2].contains("normal") && lines[2].contains("448") && lines[2].contains("1.75×2^8"))
        #expect(lines[3].contains("NaN"))
        #expect(lines[4].contains("subnormal") && lines[4].contains("0.001953125") && lines[4].contains("2^-9"))
        #expect(lines[5].contains("zero") && lines[5].contains("-0"))
    }

    @Test func valuesListsEveryEncoding() throws {
        let r = try floatlab("values", "--format", "fp4", "--as", "csv")
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\r\n")
        #expect(lines.count == 17)
        #expect(lines[0].hasPrefix("bits,binary,sign"))
        #expect(lines[8].hasPrefix("0x7,0 11 1,") && lines[8].hasSuffix(",6,6,1.5×2^2"))
    }

    @Test func spacingListsBinadesAndSubnormals() throws {
        let r = try floatlab("spacing", "--format", "float16")
        #expect(r.status == 0)
        #expect(r.stdout.contains("| subnormal ") && r.stdout.contains("2^-24"))
        #expect(r.stdout.contains("| 2^15 ") && r.stdout.contains("65504"))
        let big = try floatlab("spacing", "--format", "e20m3", "--as", "csv")
        #expect(big.status == 0)
        #expect(big.stdout.split(separator: "\r\n").count == 4097)
    }

    @Test func memoryMultipliesBitsByParameters() throws {
        let r = try floatlab("memory", "--params", "70B", "--formats", "bf16,fp4", "--as", "csv")
        #expect(r.status == 0)
        #expect(r.stdout.contains("bfloat16,16,70000000000,140000000000,140.00,130.39"))
        #expect(r.stdout.contains("float4_e2m1fn,4,70000000000,35000000000,35.00,32.60"))
        for (text, count) in [("7B", "7000000000"), ("70e9", "70000000000"), ("1.5T", "1500000000000")] {
            let x = try floatlab("memory", "--params", text, "--formats", "fp32", "--as", "csv")
            #expect(x.stdout.contains(",\(count),"), "\(text)")
        }
    }

    @Test func formatsListsAliasesAndGrammar() throws {
        let r = try floatlab("formats")
        #expect(r.status == 0)
        #expect(r.stdout.contains("| float8_e4m3fn ") && r.stdout.contains("e4m3, e4m3fn, fp8"))
        #expect(r.stdout.contains("binary8p3se") && r.stdout.contains("eXmY[bBIAS][suffix]"))
    }

    /// Bad input: a message that names the problem, a non-zero exit, nothing on stdout.
    @Test(arguments: [
        (["table", "--formats", "fp32,xyz"], "unknown format 'xyz'"),
        (["table", "--formats", "fp6"], "ambiguous"),
        (["table", "--formats", "e0m3"], "at least 1 exponent bit"),
        (["table", "--formats", "e8m60"], "wider than the 64 bits"),
        (["table", "--formats", "e1m2"], "no normal numbers"),
        (["table", "--formats", "e4m3q"], "unknown suffix"),
        (["table", "--columns", "max,foo"], "unknown column 'foo'"),
        (["table", "--as", "yaml"], "'yaml' is invalid"),
        (["decode", "--format", "e4m3", "0x1ff"], "does not fit in the 8 bits"),
        (["decode", "--format", "e4m3", "7e"], "write it in hex with 0x"),
        (["decode", "--format", "e4m3", "0xzz"], "not a valid hex bit pattern"),
        (["decode", "--format", "binary8p9se", "0x1"], "precision must be 1…7"),
        (["values", "--format", "fp32"], "up to 16 bits"),
        (["memory", "--params", "70X"], "not a parameter count"),
        (["memory", "--params", "1.5"], "not a whole number"),
    ])
    func badInputFailsClearly(_ args: [String], _ message: String) throws {
        let r = try floatlab(args)
        #expect(r.status != 0, "\(args)")
        #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test func outputFileIsWrittenWholeOrNotAtAll() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("floatlab-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("table.csv").path
        let ok = try floatlab("table", "--as", "csv", "--output", path)
        #expect(ok.status == 0 && ok.stdout.isEmpty)
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("name,sign_bits"))
        let bad = try floatlab("table", "--output", dir.appendingPathComponent("missing/table.md").path)
        #expect(bad.status != 0 && bad.stderr.contains("does not exist"))
        // A failed run leaves no file behind.
        let failed = try floatlab("table", "--columns", "nope", "--output", dir.appendingPathComponent("t2.md").path)
        #expect(failed.status != 0)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("t2.md").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["table.csv"])
    }
}
