import Foundation
import Testing
import FloatLabTestSupport

/// `floatlab simulate` end to end: the JSON contract, sweeps, data files and refusals.
@Suite struct SimulateCLITests {
    func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    @Test("simulate --as json: one object with result, exact, abs_error, rel_error and bound")
    func jsonObject() throws {
        let r = try floatlab("simulate", "dot", "--format", "e4m3fn", "--accumulator", "float32", "--n", "256", "--as", "json")
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try json(r.stdout) as? [String: Any])
        for key in ["result", "exact", "abs_error", "rel_error", "bound"] { #expect(object[key] != nil, "\(key)") }
        #expect(object["n"] as? Int == 256 && object["accumulator"] as? String == "float32")
        let result = try #require(object["result"] as? Double), exact = try #require(object["exact"] as? Double)
        #expect(object["abs_error"] as? Double == abs(result - exact))
    }

    @Test("simulate --sweep: an array of objects, one per length; bfloat16 sums of ones stop at 256")
    func sweep() throws {
        let dir = try temporaryDirectory()
        let ones = dir.appendingPathComponent("ones.txt")
        try String(repeating: "1\n", count: 1024).write(to: ones, atomically: true, encoding: .utf8)
        let r = try floatlab("simulate", "sum", "--format", "bfloat16", "--data", ones.path, "--sweep", "128..1024", "--as", "json")
        #expect(r.status == 0, "\(r.stderr)")
        let runs = try #require(try json(r.stdout) as? [[String: Any]])
        #expect(runs.map { $0["n"] as? Int } == [128, 256, 512, 1024])
        #expect(runs.map { $0["result"] as? Double } == [128, 256, 256, 256])
        #expect(runs.map { $0["exact"] as? Double } == [128, 256, 512, 1024])
        #expect(runs[3]["bound"] is NSNull, "n·u ≥ 1: no bound")
        let table = try floatlab("simulate", "sum", "--format", "bfloat16", "--data", ones.path, "--sweep", "128..1024")
        #expect(table.status == 0 && table.stdout.contains("| sum         | 1024 | bfloat16"), "\(table.stdout)")
        let csv = try floatlab("simulate", "sum", "--format", "bfloat16", "--data", ones.path, "--as", "csv")
        #expect(csv.stdout.hasPrefix("kind,n,format,accumulator,algorithm,rounding,result,exact,abs_error,rel_error,bound"))
    }

    @Test("simulate dot from two files; matvec and gemm refuse a missing operand; bad options are named")
    func dataAndRefusals() throws {
        let dir = try temporaryDirectory()
        let x = dir.appendingPathComponent("x.txt"), y = dir.appendingPathComponent("y.txt")
        try "1\n2\n3\n".write(to: x, atomically: true, encoding: .utf8)
        try "4\n5\n6\n".write(to: y, atomically: true, encoding: .utf8)
        let dot = try floatlab("simulate", "dot", "--format", "float32", "--data", x.path, "--data", y.path, "--as", "json")
        #expect(dot.status == 0, "\(dot.stderr)")
        #expect((try json(dot.stdout) as? [String: Any])?["result"] as? Double == 32)
        let long = try floatlab("simulate", "dot", "--format", "float32", "--data", x.path, "--data", y.path, "--n", "10")
        #expect(long.status == 1 && long.stderr.contains("n = 10") && long.stdout.isEmpty)
        let one = try floatlab("simulate", "matvec", "--format", "float32", "--data", x.path)
        #expect(one.status == 1 && one.stderr.contains("--data A --data x"))
        let missing = try floatlab("simulate", "sum", "--format", "float32", "--data", dir.appendingPathComponent("none.npy").path)
        #expect(missing.status == 1 && missing.stderr.contains("none.npy"))
        let sweep = try floatlab("simulate", "sum", "--format", "float32", "--sweep", "9..3")
        #expect(sweep.status != 0 && sweep.stderr.contains("N1..N2"))
        let algorithm = try floatlab("simulate", "sum", "--format", "float32", "--algorithm", "blocked:0")
        #expect(algorithm.status != 0 && algorithm.stderr.contains("blocked:K"))
        let kind = try floatlab("simulate", "axpy", "--format", "float32")
        #expect(kind.status != 0 && kind.stderr.contains("gemm"))
    }

    @Test("simulate gemm: every output in JSON, the worst one in the table")
    func gemm() throws {
        let r = try floatlab("simulate", "gemm", "--format", "bfloat16", "--m", "2", "--p", "3", "--n", "64", "--as", "json")
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try json(r.stdout) as? [String: Any])
        #expect((object["result"] as? [Double])?.count == 6 && (object["exact"] as? [Double])?.count == 6)
    }

    @Test("eval: one row per step, the result last; JSON keys; refusals on stderr with exit 1 or 2")
    func eval() throws {
        let r = try floatlab("eval", "--format", "bfloat16", "(a + b) * a", "--let", "a=0.1", "--let", "b=1e3", "--as", "json")
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try #require(try json(r.stdout) as? [[String: Any]])
        #expect(rows.map { $0["step"] as? String } == ["a", "b", "t3", "t4"])
        #expect(rows.last?["bits"] as? String == "0x42c8" && rows.last?["value"] as? Double == 100)
        for key in ["operation", "exact", "step_error_ulps", "error_ulps", "flags"] { #expect(rows[0][key] != nil, "\(key)") }
        let unknown = try floatlab("eval", "--format", "bfloat16", "x + 1")
        #expect(unknown.status == 1 && unknown.stderr.contains("--let x=VALUE") && unknown.stdout.isEmpty)
        let syntax = try floatlab("eval", "--format", "bfloat16", "(1 + 2")
        #expect(syntax.status == 1 && syntax.stderr.contains("closing parenthesis"))
        let binding = try floatlab("eval", "--format", "bfloat16", "x", "--let", "x")
        #expect(binding.status != 0 && binding.stderr.contains("NAME=VALUE"))
    }

    @Test("simulate --seed S seeds the distribution's data: the same seed the same data, another seed other data")
    func seed() throws {
        func exact(_ seed: String) throws -> Double? {
            let r = try floatlab("simulate", "sum", "--format", "float32", "--n", "64", "--seed", seed, "--as", "json")
            return (try json(r.stdout) as? [String: Any])?["exact"] as? Double
        }
        #expect(try exact("3") == exact("3"))
        #expect(try exact("3") != exact("4"))
    }
}
