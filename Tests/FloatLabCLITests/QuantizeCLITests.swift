import Foundation
import Testing
import FloatLabTestSupport

/// `floatlab quantize` end to end on the fixtures NumPy and safetensors wrote.
@Suite struct QuantizeCLITests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("TensorIOTests/Fixtures")
    static let model = fixtures.appendingPathComponent("small.safetensors").path

    @Test func reportHasOneRowPerTensorAndATotal() throws {
        let r = try floatlab(["quantize", Self.model, "--scheme", "int8"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = r.stdout.split(separator: "\n").filter { $0.hasPrefix("| ") }
        #expect(rows.count == 1 + 7 + 1)      // header, 7 tensors, total (the rule row starts with '|:')
        #expect(r.stdout.contains("| model.embed.ids") && r.stdout.contains("skipped: int64 tensor"))
        #expect(rows.last!.hasPrefix("| total"))
    }

    @Test func jsonHasTheContractKeys() throws {
        let r = try floatlab(["quantize", Self.model, "--scheme", "mxfp4", "--report", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let tensors = try #require(object["tensors"] as? [[String: Any]])
        #expect(tensors.count == 7)
        let weight = try #require(tensors.first { $0["name"] as? String == "model.layers.0.weight" })
        for key in ["name", "shape", "scheme", "mse", "sqnr_db", "max_abs_error", "cosine", "bits_per_element"] {
            #expect(weight[key] != nil, "missing \(key)")
        }
        #expect(weight["shape"] as? [Int] == [4, 8])
        // Rows of 8 in blocks of 32: each row stores a padded block, 32 · 4 + 8 bits for 8 elements.
        #expect(weight["bits_per_element"] as? Double == 17)
        let total = try #require(object["total"] as? [String: Any])
        #expect(total["sqnr_db"] != nil && total["mse"] != nil)
    }

    @Test func countsWhereFloat32ArithmeticDisagrees() throws {
        let r = try floatlab(["quantize", Self.model, "--scheme", "nvfp4", "--count-disagreements", "--report", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let total = try #require(object["total"] as? [String: Any])
        #expect(total["float32_disagreements"] is Int)
        let table = try floatlab(["quantize", Self.model, "--scheme", "int8", "--count-disagreements"])
        #expect(table.stdout.contains("float32 ≠ exact"))
    }

    @Test func compareSortsByBits() throws {
        let r = try floatlab(["quantize", Self.model, "--compare", "int8,mxfp4,nvfp4,q4_0"])
        #expect(r.status == 0, "\(r.stderr)")
        let schemes = r.stdout.split(separator: "\n").filter { $0.hasPrefix("| ") }.dropFirst(1).map {
            $0.split(separator: "|")[0].trimmingCharacters(in: .whitespaces)
        }
        #expect(schemes.count == 4)
        #expect(r.stdout.contains("q4_0 kept"))      // its rows of 8 are not whole blocks
    }

    @Test func writesDequantizedAndCodesAtomically() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("q.safetensors").path
        let r = try floatlab(["quantize", Self.model, "--scheme", "nvfp4", "--output", out])
        #expect(r.status == 0, "\(r.stderr)")
        let back = try floatlab(["quantize", out, "--scheme", "nvfp4", "--report", "json"])
        #expect(back.status == 0, "\(back.stderr)")
        // The dequantized file is a valid safetensors file FloatLab reads back.
        #expect(back.stdout.contains("\"tensors\""))
        let codes = dir.appendingPathComponent("c.safetensors").path
        let c = try floatlab(["quantize", Self.model, "--scheme", "mxfp4", "--output", codes, "--store", "codes"])
        #expect(c.status == 0, "\(c.stderr)")
        let header = try Data(contentsOf: URL(fileURLWithPath: codes))
        let text = String(decoding: header.prefix(2000), as: UTF8.self)
        #expect(text.contains("model.layers.0.weight.scale") && text.contains("\"U8\""))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["c.safetensors", "q.safetensors"])
    }

    @Test(arguments: [
        (["--scheme", "int99"], "unknown scheme 'int99'"),
        (["--scheme", "q4_0"], "not whole q4_0 blocks"),
        (["--scheme", "int8", "--granularity", "row"], "unknown granularity"),
        (["--scheme", "mxfp4", "--scale-min", "3"], "--scale-min"),
        (["--scheme", "int8", "--tensor", "nope"], "no tensor named 'nope'"),
        ([String](), "--scheme SCHEME or --compare"),
        (["--scheme", "int8", "--calibration", "kl2"], "unknown calibration 'kl2'"),
        (["--scheme", "mxfp4", "--block", "0"], "--block must be at least 1"),
        (["--scheme", "int8", "--scale-format", "zz9"], "unknown format 'zz9'"),
        (["--scheme", "int8", "--rounding", "sideways"], "unknown rounding mode 'sideways'"),
        (["--scheme", "q4_k", "--rounding", "up", "--unfit", "keep"], "--rounding does not apply"),
    ])
    func badInputFailsAndWritesNothing(_ extra: [String], _ message: String) throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out.safetensors").path
        let r = try floatlab(["quantize", Self.model, "--output", out] + extra)
        #expect(r.status != 0)
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test func nonFiniteValuesAndDamagedFiles() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = dir.appendingPathComponent("v.txt")
        try "1\n2\nnan\n4\ninf\n".write(to: text, atomically: true, encoding: .utf8)
        let r = try floatlab(["quantize", text.path, "--scheme", "int8"])
        #expect(r.status != 0 && r.stderr.contains("2 non-finite values") && r.stderr.contains("[2]"), "\(r.stderr)")
        let z = try floatlab(["quantize", text.path, "--scheme", "int8", "--nonfinite", "zero"])
        #expect(z.status == 0, "\(z.stderr)")
        // A safetensors file cut short: refused before anything is read.
        let cut = dir.appendingPathComponent("cut.safetensors")
        try Data(contentsOf: URL(fileURLWithPath: Self.model)).prefix(700).write(to: cut)
        let c = try floatlab(["quantize", cut.path, "--scheme", "int8"])
        #expect(c.status != 0 && c.stderr.contains("truncated"), "\(c.stderr)")
        // An ml_dtypes bfloat16 .npy needs --dtype.
        let bf = Self.fixtures.appendingPathComponent("bfloat16-ml_dtypes.npy").path
        #expect(try floatlab(["quantize", bf, "--scheme", "int8"]).stderr.contains("--dtype"))
        #expect(try floatlab(["quantize", bf, "--scheme", "int8", "--dtype", "bfloat16"]).status == 0)
    }
}
