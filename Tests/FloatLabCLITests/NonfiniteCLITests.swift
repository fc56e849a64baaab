import Foundation
import Testing
import FloatLabTestSupport
import TensorIO

/// NaN and ±Inf in data given to simulate: refused by default with the count and the first index, or kept, or zeroed.
@Suite struct NonfiniteCLITests {
    static func npy(_ values: [Float], shape: [Int], in dir: URL, _ name: String) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try NPYArray(dtype: .float(.float32), shape: shape, data: Data(bytes: values, count: values.count * 4)).encoded()
            .write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func simulateRefusesKeepsOrZeroes() throws {
        let dir = try temporaryDirectory()
        let path = try Self.npy([1, .nan, 2, .infinity], shape: [4], in: dir, "v.npy")
        let refused = try floatlab(["simulate", "sum", "--format", "bf16", "--data", path])
        #expect(refused.status == 1 && refused.stdout.isEmpty)
        #expect(refused.stderr.contains("2 non-finite values") && refused.stderr.contains("first at flat index 1") && refused.stderr.contains("v.npy"))
        let zero = try floatlab(["simulate", "sum", "--format", "bf16", "--data", path, "--nonfinite", "zero", "--as", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(zero.stdout.utf8)) as? [String: Any])
        #expect((object["result"] as? NSNumber)?.doubleValue == 3)
        let kept = try floatlab(["simulate", "sum", "--format", "bf16", "--data", path, "--nonfinite", "propagate", "--as", "json"])
        #expect(kept.status == 0 && kept.stdout.contains("\"result\": \"nan\""))
        let bad = try floatlab(["simulate", "sum", "--format", "bf16", "--data", path, "--nonfinite", "sometimes"])
        #expect(bad.status == 2)
    }

    @Test func qgemmRefusesNonfiniteWeights() throws {
        let dir = try temporaryDirectory()
        let path = try Self.npy([1, .nan, 0.5, 0.25], shape: [2, 2], in: dir, "w.npy")
        let refused = try floatlab(["simulate", "qgemm", "--weights", path])
        #expect(refused.status == 1 && refused.stderr.contains("1 non-finite value") && refused.stderr.contains("w.npy"))
        #expect(try floatlab(["simulate", "qgemm", "--weights", path, "--nonfinite", "zero", "--m", "2"]).status == 0)
    }
}
