import Foundation
import Testing
import FloatLabTestSupport

@Suite struct ConversionCLITests {
    @Test func convertTextLines() throws {
        let r = try floatlab(["convert", "--from", "fp32", "--to", "e4m3", "--flags"],
                             stdin: "464\n465\n0x3f800000\n# a comment\n\n1e-10\n-inf\nnan\n0x1.cp8\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "0x7e x\n0x7f ox\n0x38 -\n0x00 ux\n0xff v\n0x7f -\n0x7e -\n")
        let sat = try floatlab(["convert", "--to", "e4m3", "--overflow", "saturate"], stdin: "465\n-1e9\n")
        #expect(sat.stdout == "0x7e\n0xfe\n")
        let tz = try floatlab(["convert", "--to", "bf16", "--rounding", "toward-zero"], stdin: "0.1\n")
        #expect(tz.stdout == "0x3dcc\n")
        let crlf = try floatlab(["convert", "--to", "bf16", "--rounding", "toward-zero"], stdin: "0.1\r\n1\r\n")
        #expect(crlf.status == 0 && crlf.stdout == "0x3dcc\n0x3f80\n", "\(crlf.stderr)")
    }

    /// Decimals are rounded once, from their exact value, not through float64.
    @Test func decimalsAreRoundedOnce() throws {
        let r = try floatlab(["convert", "--to", "bf16"], stdin: "1.00390625000000001\n")
        #expect(r.stdout == "0x3f81\n")
    }

    @Test func stochasticIsReproducible() throws {
        let lines = String(repeating: "1.00390625\n", count: 64)
        let a = try floatlab(["convert", "--to", "bf16", "--rounding", "stochastic:8", "--seed", "5"], stdin: lines)
        let b = try floatlab(["convert", "--to", "bf16", "--rounding", "stochastic:8", "--seed", "5"], stdin: lines)
        let c = try floatlab(["convert", "--to", "bf16", "--rounding", "stochastic:8", "--seed", "6"], stdin: lines)
        #expect(a.status == 0 && a.stdout == b.stdout && a.stdout != c.stdout)
        let ups = a.stdout.split(separator: "\n").filter { $0 == "0x3f81" }.count
        #expect(ups > 16 && ups < 48)   // a tie: about half round up
    }

    @Test func rawAndNpy() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // float32 1.0, 0.1, 448, 1e9 as raw little-endian.
        let values: [Float] = [1.0, 0.1, 448, 1e9]
        var bytes = Data()
        for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
        let rawIn = dir.appendingPathComponent("in.bin"), rawOut = dir.appendingPathComponent("out.bin")
        try bytes.write(to: rawIn)
        let r = try floatlab(["convert", "--raw", "--from", "fp32", "--to", "e4m3", "--input", rawIn.path, "--output", rawOut.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Data(contentsOf: rawOut) == Data([0x38, 0x1D, 0x7E, 0x7F]))
        // The same as a float32 .npy (hand-written header).
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }"
        header += String(repeating: " ", count: 64 - (10 + header.count + 1) % 64) + "\n"
        let npy = Data([0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.count), 0] + Array(header.utf8)) + bytes
        let npyIn = dir.appendingPathComponent("in.npy"), npyOut = dir.appendingPathComponent("out.npy")
        try npy.write(to: npyIn)
        let n = try floatlab(["convert", "--to", "e4m3", "--input", npyIn.path, "--output", npyOut.path])
        #expect(n.status == 0, "\(n.stderr)")
        let written = try Data(contentsOf: npyOut)
        #expect(written.suffix(4) == Data([0x38, 0x1D, 0x7E, 0x7F]))
        #expect(String(decoding: written.prefix(80), as: UTF8.self).contains("'descr': '|u1'"))
    }

    @Test(arguments: [
        (["convert", "--to", "e4m3"], "12abc\n", "line 1: '12abc' is not a number"),
        (["convert", "--to", "e4m3"], "1\n0x7e\n", "line 2: '0x7e' is a bit pattern, so --from must say"),
        (["convert", "--from", "e4m3", "--to", "bf16"], "0x1ff\n", "does not fit in the 8 bits"),
        (["convert", "--to", "e4m3", "--rounding", "sideways"], "1\n", "unknown rounding mode 'sideways'"),
        (["convert", "--to", "e4m3", "--overflow", "clip"], "1\n", "unknown overflow policy 'clip'"),
        (["convert", "--to", "e4m3", "--raw"], "", "--raw needs --from"),
        (["convert", "--to", "e4m3", "--input", "/nonexistent/x.txt"], "", "cannot read /nonexistent/x.txt"),
        (["inspect", "abc", "--format", "bf16"], "", "'abc' is not a number"),
        (["inspect", "0x1ffff", "--format", "bf16"], "", "does not fit in the 16 bits"),
        (["verify", "conversions", "--from", "fp32", "--to", "fp32", "--exhaustive", "--reference", "mpfr"], "", "formats of up to 16 bits"),
        (["verify", "conversions", "--from", "bf16", "--to", "fp32", "--exhaustive", "--reference", "mpfr", "--rounding", "nope"], "", "nope"),
        (["verify", "conversions", "--from", "fp64", "--to", "e4m3", "--exhaustive"], "", "2^64 inputs"),
        (["verify", "conversions", "--to", "e4m3", "--random", "0"], "", "positive count"),
    ])
    func badInputFailsClearly(_ args: [String], _ stdin: String, _ message: String) throws {
        let r = try floatlab(args, stdin: stdin)
        #expect(r.status != 0, "\(args)")
        #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
        #expect(r.stdout.isEmpty, "\(args): \(r.stdout)")
    }

    /// Array inputs that cannot be converted say why, exit non-zero and write nothing.
    @Test func badArrayInputsFailClearly() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        func npy(_ descr: String, _ bytes: [UInt8], count: Int) throws -> String {
            var header = "{'descr': '\(descr)', 'fortran_order': False, 'shape': (\(count),), }"
            header += String(repeating: " ", count: 64 - (10 + header.count + 1) % 64) + "\n"
            let url = dir.appendingPathComponent("\(descr.dropFirst()).npy")
            try (Data([0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.count), 0] + Array(header.utf8)) + Data(bytes)).write(to: url)
            return url.path
        }
        let u2 = try npy("<u2", [0, 0x3C], count: 1)
        let f4 = try npy("<f4", [0, 0, 0x80, 0x3F], count: 1)
        let odd = dir.appendingPathComponent("odd.bin")
        try Data([1, 2, 3]).write(to: odd)
        let out = dir.appendingPathComponent("out.npy").path
        let cases: [([String], String)] = [
            (["convert", "--to", "e4m3", "--input", f4], "needs --output"),
            (["convert", "--to", "e4m3", "--input", u2, "--output", out], "--from must say"),
            (["convert", "--from", "e4m3", "--to", "bf16", "--input", u2, "--output", out], "2-byte integers but float8_e4m3fn elements take 1"),
            (["convert", "--from", "bf16", "--to", "e4m3", "--input", f4, "--output", out], "holds float32 values"),
            (["convert", "--from", "fp32", "--to", "e4m3", "--raw", "--input", odd.path, "--output", out], "not a whole number of 4-byte"),
            (["convert", "--to", "e4m3", "--input", odd.path.replacingOccurrences(of: ".bin", with: ".npy"), "--output", out], "cannot read"),
            (["bench", "--elements", "0"], "--elements must be between"),
        ]
        for (args, message) in cases {
            let r = try floatlab(args, stdin: "")
            #expect(r.status != 0, "\(args)")
            #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func failedConversionLeavesNoFile() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out.txt")
        let r = try floatlab(["convert", "--to", "e4m3", "--output", out.path], stdin: "1\n2\nbad\n")
        #expect(r.status != 0)
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func inspectShowsEverything() throws {
        let r = try floatlab(["inspect", "0.1", "--format", "bf16"], stdin: "")
        #expect(r.status == 0)
        for fragment in ["bits        0x3dcd  0 01111011 1001101", "stored      0.10009765625 (exact); shortest round-trip 0.1",
                         "stored − input = 0.00009765625", "ulp         0.00048828125 (2^-11)",
                         "down 0x3dcc 0.099609375 · up 0x3dce 0.1005859375", "| toward-zero  | 0x3dcc |"] {
            #expect(r.stdout.contains(fragment), "\(fragment)")
        }
        #expect(!r.stdout.contains("\u{1B}["))    // no colour into a pipe
        let colored = try floatlab(["inspect", "0x7e", "--format", "e4m3", "--color"], stdin: "")
        #expect(colored.stdout.contains("\u{1B}[31m0\u{1B}[0m"))
    }

    @Test func verifyReportsWhatItChecked() throws {
        let r = try floatlab(["verify", "conversions", "--from", "e5m2", "--to", "fp4"], stdin: "")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("inputs: 256 (exhaustive)"))
        #expect(r.stdout.contains("comparisons: \(256 * 7 * 3)"))
        #expect(r.stdout.contains("mismatches: 0"))
        let b = try floatlab(["verify", "conversions", "--from", "fp64", "--to", "e4m3", "--boundaries", "--rounding", "nearest-even,odd", "--overflow", "ieee"], stdin: "")
        #expect(b.status == 0 && b.stdout.contains("(boundaries)") && b.stdout.contains("mismatches: 0"))
        let k = try floatlab(["verify", "conversions", "--from", "fp16", "--to", "e4m3", "--exhaustive", "--reference", "core",
                              "--rounding", "nearest-even,stochastic:4", "--overflow", "ieee,saturate"], stdin: "")
        #expect(k.status == 0, "\(k.stderr)")
        #expect(k.stdout.contains("nearest-even ieee: 65536 checked, 0 mismatches"))
        #expect(k.stdout.contains("stochastic:4 saturate: 65536 checked, 0 mismatches"))
    }

    @Test(arguments: [["--json"], ["--as", "json"]])
    func benchPrintsTheContractKeys(_ asJSON: [String]) throws {
        let r = try floatlab(["bench", "--elements", "4096", "--repetitions", "1", "--kernels", "float32->e4m3,bf16->fp32"] + asJSON, stdin: "")
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [[String: Any]]
        #expect(rows.count == 2)
        #expect(rows[0]["kernel"] as? String == "float32->float8_e4m3fn/nearest-even")
        for row in rows {
            for key in ["kernel", "elements", "ns_per_element", "copy_ns_per_element"] { #expect(row[key] != nil, "\(key)") }
            #expect((row["elements"] as? NSNumber)?.intValue == 4096)
        }
        let bad = try floatlab(["bench", "--kernels", "float32=>e4m3"], stdin: "")
        #expect(bad.status != 0 && bad.stderr.contains("not a kernel name"))
    }
}
