import Foundation
import Testing
import FloatLabTestSupport

/// `floatlab simulate qgemm` end to end.
@Suite struct QGEMMCLITests {
    @Test func jsonHasTheContractKeysAndIsReproducible() throws {
        let r = try floatlab(["simulate", "qgemm", "--m", "4", "--k", "64", "--n", "8", "--as", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let paths = try #require(object["paths"] as? [[String: Any]])
        #expect(Set(paths.compactMap { $0["name"] as? String }).isSuperset(of: ["float32", "int8-integer", "int8-dequantized"]))
        for p in paths { for key in ["name", "abs_error", "rel_error", "max_abs_error"] { #expect(p[key] != nil, "\(key)") } }
        let safe = try #require(object["max_safe_k"] as? [String: Int])
        #expect(safe["16"] != nil && safe["32"] != nil && safe["16"]! < safe["32"]!)
        #expect(try floatlab(["simulate", "qgemm", "--m", "4", "--k", "64", "--n", "8", "--as", "json"]).stdout == r.stdout)
        // The reductions still answer as before.
        #expect(try floatlab(["simulate", "sum", "--format", "bf16", "--n", "8"]).status == 0)
    }

    @Test func weightsFromARealTensorFile() throws {
        let r = try floatlab(["simulate", "qgemm", "--weights", QuantizeCLITests.model, "--tensor", "model.layers.0.weight", "--m", "3"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("X 3×8, W 4×8"))
        let missing = try floatlab(["simulate", "qgemm", "--weights", QuantizeCLITests.model, "--tensor", "nope"])
        #expect(missing.status != 0 && missing.stderr.contains("no tensor 'nope'"))
        let k = try floatlab(["simulate", "qgemm", "--weights", QuantizeCLITests.model, "--tensor", "model.layers.0.weight", "--k", "9"])
        #expect(k.status != 0 && k.stderr.contains("--k 9 differs"))
        let bits = try floatlab(["simulate", "qgemm", "--bits", "40"])
        #expect(bits.status != 0 && bits.stderr.contains("--bits"))
    }
}
