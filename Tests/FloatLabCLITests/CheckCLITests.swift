import Foundation
import Testing
import FloatLabTestSupport
import FloatFormats
import FloatTypes

/// `floatlab vectors` and `floatlab check` end to end, the C example included.
@Suite struct CheckCLITests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Examples/CVectors")

    @Test func csvVectorsHaveGroupsAndReadBack() throws {
        let r = try floatlab(["vectors", "--from", "float32", "--to", "float8_e4m3fn"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines[0] == "# floatlab test vectors" && lines[1] == "# conversion: float32 -> float8_e4m3fn")
        #expect(lines.contains("input_bits,input_value,expected_bits,expected_flags"))
        for g in ["special values", "exact ties", "around the ties", "target values", "double rounding through float16",
                  "double rounding through bfloat16", "overflow", "underflow and subnormals"] {
            #expect(lines.contains { $0.hasPrefix("# group: \(g) — ") }, "\(g)")
        }
        // Every row agrees with floatlab convert on the same input.
        let rows = lines.filter { $0.hasPrefix("0x") }.map { $0.split(separator: ",") }
        let converted = try floatlab(["convert", "--from", "float32", "--to", "float8_e4m3fn", "--flags"],
                                     stdin: rows.map { String($0[0]) }.joined(separator: "\n") + "\n")
        let expected = converted.stdout.split(separator: "\n").map { $0.split(separator: " ") }
        #expect(expected.count == rows.count)
        for (row, e) in zip(rows, expected) {
            #expect(row[2].lowercased() == e[0] && row[3] == e[1], "\(row)")
        }
    }

    @Test func jsonNpyAndRawHoldTheSameVectors() throws {
        let dir = try temporaryDirectory()
        let json = try floatlab(["vectors", "--from", "bfloat16", "--to", "float4_e2m1fn", "--as", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let count = try #require(object["count"] as? Int)
        let groups = try #require(object["groups"] as? [[String: Any]])
        #expect(groups.reduce(0) { $0 + (($1["vectors"] as? [Any])?.count ?? 0) } == count)
        let npy = dir.appendingPathComponent("v.npy").path, raw = dir.appendingPathComponent("v.raw").path
        #expect(try floatlab(["vectors", "--from", "bfloat16", "--to", "float4_e2m1fn", "--as", "npy", "-o", npy]).status == 0)
        #expect(try floatlab(["vectors", "--from", "bfloat16", "--to", "float4_e2m1fn", "--as", "raw", "-o", raw]).status == 0)
        let n = try Data(contentsOf: URL(fileURLWithPath: npy)), r = try Data(contentsOf: URL(fileURLWithPath: raw))
        #expect(r.count == count * (2 + 1 + 1))
        #expect(n.count >= count * 24 && n.starts(with: [0x93] + Array("NUMPY".utf8)))
        // npy and raw need a file.
        let refused = try floatlab(["vectors", "--from", "bfloat16", "--to", "e2m1", "--as", "npy"])
        #expect(refused.status != 0 && refused.stderr.contains("--output"))
    }

    /// The C header compiles with the system compiler, and the example program passes the
    /// right conversion and catches the wrong one.
    @Test func theCExampleCatchesTheWrongConversion() throws {
        let dir = try temporaryDirectory()
        let header = dir.appendingPathComponent("vectors.h").path
        #expect(try floatlab(["vectors", "--from", "float32", "--to", "bfloat16", "--as", "c-header", "-o", header]).status == 0)
        let exe = dir.appendingPathComponent("check_bf16").path
        let cc = Process()
        cc.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        cc.arguments = ["cc", "-std=c99", "-Wall", "-Wextra", "-Werror", "-I", dir.path,
                        Self.examples.appendingPathComponent("check_bf16.c").path, "-o", exe]
        try cc.run()
        cc.waitUntilExit()
        #expect(cc.terminationStatus == 0)
        let run = Process()
        run.executableURL = URL(fileURLWithPath: exe)
        let out = Pipe()
        run.standardOutput = out
        try run.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        run.waitUntilExit()
        #expect(run.terminationStatus == 0, "\(text)")
        #expect(text.contains("nearest-even: 0 of ") && text.contains("truncation: ") && !text.contains("truncation: 0 of"))
    }

    /// floatlab convert with the wrong options stands in for someone's converter.
    @Test func checkDiagnosesAConverterCommand() throws {
        let tool = productsDirectory.appendingPathComponent("floatlab").path
        let wrong = try floatlab(["check", "--from", "float32", "--to", "float8_e4m3fn",
                                  "--command", "\(tool) convert --from float32 --to float8_e4m3fn --raw --rounding nearest-away"])
        #expect(wrong.status == 1)
        let last = try #require(wrong.stdout.split(separator: "\n").last)
        #expect(last.hasPrefix("diagnosis: all ") && last.hasSuffix(" outputs match `--rounding nearest-away`"))
        #expect(wrong.stdout.contains("1 ulp away: tie handling"))
        let text = try floatlab(["check", "--from", "float32", "--to", "bfloat16", "--text", "--as", "json",
                                 "--command", "\(tool) convert --from float32 --to float16 | \(tool) convert --from float16 --to bfloat16"])
        #expect(text.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.stdout.utf8)) as? [String: Any])
        for key in ["mismatches", "checked", "diagnosis", "matches_convention"] { #expect(object[key] != nil, "\(key)") }
        #expect((object["diagnosis"] as? String)?.contains("rounding through float16 first") == true)
        let right = try floatlab(["check", "--from", "float32", "--to", "float8_e4m3fn",
                                  "--command", "\(tool) convert --from float32 --to float8_e4m3fn --raw"])
        #expect(right.status == 0 && !right.stdout.contains("diagnosis"), "\(right.stdout)")
    }

    @Test func checkReadsFilesAndRefusesBadOnes() throws {
        let dir = try temporaryDirectory()
        let inputs = dir.appendingPathComponent("in.txt"), outputs = dir.appendingPathComponent("out.txt")
        try "1\n1.0625\n0x3F980000\n1e9\n".write(to: inputs, atomically: true, encoding: .utf8)
        try "0x38\n0x39\n0x3a\n0x7e\n".write(to: outputs, atomically: true, encoding: .utf8)     // ties away, and saturation
        let r = try floatlab(["check", "--from", "float32", "--to", "e4m3", "--inputs", inputs.path, "--outputs", outputs.path])
        #expect(r.status == 1)
        #expect(r.stdout.contains("input 0x3f880000 (1.0625): expected 0x38 (1) x, got 0x39 (1.125), 1 ulp away: tie handling"))
        #expect(r.stdout.contains("2 mismatches"))
        // Bad input: counts differ, a missing file, a bad line, both or neither of --outputs and --command.
        try "0x38\n".write(to: outputs, atomically: true, encoding: .utf8)
        let short = try floatlab(["check", "--from", "float32", "--to", "e4m3", "--inputs", inputs.path, "--outputs", outputs.path])
        #expect(short.status != 0 && short.stderr.contains("4 inputs but 1 outputs"))
        let missing = try floatlab(["check", "--from", "float32", "--to", "e4m3", "--outputs", dir.appendingPathComponent("nope.txt").path])
        #expect(missing.status != 0 && missing.stderr.contains("nope.txt"))
        try "0x38\nbanana\n".write(to: outputs, atomically: true, encoding: .utf8)
        let bad = try floatlab(["check", "--from", "float32", "--to", "e4m3", "--inputs", inputs.path, "--outputs", outputs.path])
        #expect(bad.status != 0 && bad.stderr.contains("line 2"))
        let neither = try floatlab(["check", "--from", "float32", "--to", "e4m3"])
        #expect(neither.status != 0 && neither.stderr.contains("--outputs FILE"))
        let failing = try floatlab(["check", "--from", "float32", "--to", "e4m3", "--command", "exit 3"])
        #expect(failing.status != 0 && failing.stderr.contains("exited with status 3"))
    }

    @Test func conventionsMatrixAndPresets() throws {
        let md = try floatlab(["conventions", "--to", "e4m3fn,bf16"])
        #expect(md.status == 0)
        #expect(md.stdout.contains("## float8_e4m3fn (from float32)") && md.stdout.contains("## bfloat16 (from float32)"))
        let header = try #require(md.stdout.split(separator: "\n").first { $0.hasPrefix("| case") })
        for c in ["floatlab", "ocp-saturating", "p3109-satfinite", "ml_dtypes", "pytorch", "nvidia-satfinite"] { #expect(header.contains(" \(c) "), "\(c)") }
        #expect(md.stdout.contains("| +Inf ") && md.stdout.contains("448 (0x7e) v"))
        // The MX scale rules, at a block amax of 6.5 worked by hand: floor ⌊log2 6.5⌋ − 2 = 0 (6.5 > 6 clips),
        // ceil ⌈log2 6.5⌉ − 2 = 1, even rounds 1.625 to one mantissa bit (1.5: e = 0, clips), rceil the least e with 6.5 / 2^e ≤ 6 = 1.
        #expect(md.stdout.contains("## MX shared scales"))
        let mx = md.stdout.split(separator: "\n").first { $0.hasPrefix("| mxfp4 ") && $0.contains(" 6.5 |") }.map { String($0).split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } }
        #expect(mx == ["mxfp4", "6.5", "2^0 (clips)", "2^1", "2^0 (clips)", "2^1"])
        let json = try floatlab(["conventions", "--as", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let targets = try #require(object["targets"] as? [[String: Any]])
        #expect(targets.count == 10)
        #expect((object["mx_scale_rules"] as? [[String: Any]])?.count == 16)
        let e4m3 = try #require(targets.first { $0["to"] as? String == "float8_e4m3fn" })
        let inf = try #require((e4m3["cases"] as? [[String: Any]])?.first { $0["case"] as? String == "+Inf" })
        let results = try #require(inf["results"] as? [String: [String: String]])
        #expect(results["ml_dtypes"]?["bits"] == "0x7f" && results["nvidia-satfinite"]?["bits"] == "0x7e")
        // A preset, and an explicit option over it.
        #expect(try floatlab(["convert", "--from", "float32", "--to", "e4m3fn", "--convention", "nvidia-satfinite"], stdin: "0x7f800000\n").stdout == "0x7e\n")
        #expect(try floatlab(["convert", "--from", "float32", "--to", "e4m3fn", "--convention", "nvidia-satfinite", "--overflow", "ieee"], stdin: "0x7f800000\n").stdout == "0x7f\n")
        let unknown = try floatlab(["convert", "--from", "float32", "--to", "e4m3fn", "--convention", "nope"], stdin: "1\n")
        #expect(unknown.status != 0 && unknown.stderr.contains("known conventions: floatlab"))
        // check with the preset of the implementation it checks: PyTorch's bfloat16 NaN is 0x7FC0.
        let dir = try temporaryDirectory()
        let inputs = dir.appendingPathComponent("in.txt"), outputs = dir.appendingPathComponent("out.txt")
        try "0xffc00000\n1\n".write(to: inputs, atomically: true, encoding: .utf8)
        try "0x7fc0\n0x3f80\n".write(to: outputs, atomically: true, encoding: .utf8)
        #expect(try floatlab(["check", "--from", "float32", "--to", "bf16", "--inputs", inputs.path, "--outputs", outputs.path, "--convention", "pytorch"]).status == 0)
        let strict = try floatlab(["check", "--from", "float32", "--to", "bf16", "--inputs", inputs.path, "--outputs", outputs.path])
        #expect(strict.status == 1 && strict.stdout.contains("NaN encoding or sign"))
        // The vectors' header says which options they were written with.
        let csv = try floatlab(["vectors", "--from", "float32", "--to", "e4m3fn", "--convention", "nvidia-satfinite"])
        #expect(csv.stdout.contains("# overflow: saturate-all"))
    }

    /// Operation vectors: every row is what `floatlab arith` gives for the same operands, and the C header compiles.
    @Test func operationVectorsAgreeWithArith() throws {
        for (op, format) in [("add", "bfloat16"), ("fma", "float8_e4m3fn"), ("sqrt", "float16"), ("div", "e5m2")] {
            let r = try floatlab(["vectors", "--op", op, "--format", format])
            #expect(r.status == 0, "\(r.stderr)")
            let rows = r.stdout.split(separator: "\n").filter { $0.hasPrefix("0x") }.map { $0.split(separator: ",") }
            #expect(rows.count > 100, "\(op) \(format)")
            let arith = try floatlab(["arith", "--format", format, "--op", op], stdin: rows.map { String($0[0]) }.joined(separator: "\n") + "\n")
            let results = arith.stdout.split(separator: "\n").map { $0.split(separator: " ") }
            #expect(results.count == rows.count)
            for (row, result) in zip(rows, results) {
                #expect(row[2].lowercased() == result[0] && row[3] == result[1], "\(op) \(format): \(row)")
            }
        }
        let two = try floatlab(["vectors", "--op", "mul", "--format", "bf16", "--level", "2", "--as", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(two.stdout.utf8)) as? [String: Any])
        let one = try floatlab(["vectors", "--op", "mul", "--format", "bf16", "--as", "json"])
        let base = try #require(try JSONSerialization.jsonObject(with: Data(one.stdout.utf8)) as? [String: Any])
        #expect((object["count"] as? Int) == (base["count"] as? Int).map { $0 + 4096 })
        // The C header compiles.
        let dir = try temporaryDirectory()
        let header = dir.appendingPathComponent("fma.h").path
        #expect(try floatlab(["vectors", "--op", "fma", "--format", "bf16", "--as", "c-header", "-o", header]).status == 0)
        let main = dir.appendingPathComponent("main.c")
        try "#include \"fma.h\"\nint main(void) { return floatlab_fma_bfloat16_count > 0 && floatlab_fma_bfloat16_vectors[0].c == floatlab_fma_bfloat16_vectors[0].c ? 0 : 1; }\n"
            .write(to: main, atomically: true, encoding: .utf8)
        let cc = Process()
        cc.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        cc.arguments = ["cc", "-std=c99", "-Wall", "-Werror", "-I", dir.path, main.path, "-o", dir.appendingPathComponent("main").path]
        try cc.run()
        cc.waitUntilExit()
        #expect(cc.terminationStatus == 0)
        // Bad combinations are refused.
        for args in [["vectors", "--op", "add"], ["vectors", "--op", "pow", "--format", "bf16"], ["vectors", "--from", "bf16", "--op", "add", "--format", "bf16"],
                     ["vectors", "--op", "add", "--format", "bf16", "--rounding", "stochastic:8"], ["vectors"]] {
            let bad = try floatlab(args)
            #expect(bad.status != 0 && !bad.stderr.isEmpty, "\(args)")
        }
    }

    /// A converter that writes much to standard error before its results does not dead-lock check
    /// (a regression: stderr used to be read only after stdout closed). Run with a deadline, so that a
    /// regression fails here instead of hanging.
    @Test func aNoisyConverterDoesNotDeadlock() throws {
        let dir = try temporaryDirectory()
        let tool = productsDirectory.appendingPathComponent("floatlab").path
        let script = dir.appendingPathComponent("noisy.sh")
        try "#!/bin/sh\nhead -c 300000 /dev/zero | tr '\\0' 'x' >&2\nexec \(tool) convert --from float32 --to e4m3 --raw\n"
            .write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["check", "--from", "float32", "--to", "e4m3", "--command", script.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        // The report is a few lines, well under a pipe's buffer: wait first, then read.
        let inTime = finished.wait(timeout: .now() + 20) == .success
        if !inTime {
            kill(process.processIdentifier, SIGKILL)      // a blocked process may not answer SIGTERM
            _ = finished.wait(timeout: .now() + 10)
        }
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(inTime, "check did not finish within 20 s")
        #expect(process.terminationStatus == 0 && text.contains("no mismatches"), "\(text)")
    }
}
