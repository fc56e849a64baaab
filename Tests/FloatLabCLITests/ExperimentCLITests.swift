import Foundation
import Testing
import FloatLabTestSupport
import TensorIO

/// `floatlab experiment ptq-vs-qat` end to end.
@Suite struct ExperimentCLITests {
    static let small = ["experiment", "ptq-vs-qat", "--schemes", "int8,mxfp4", "--seeds", "2", "--epochs", "2", "--qat-epochs", "1"]

    @Test func jsonHasTheContractKeysAndIsReproducible() throws {
        let r = try floatlab(Self.small + ["--as", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let rows = try #require(object["rows"] as? [[String: Any]])
        #expect(rows.count == 1 + 2 * 2 + 2)
        for row in rows { for key in ["scheme", "method", "accuracy", "accuracy_std", "loss"] { #expect(row[key] != nil, "\(key)") } }
        #expect(rows[0]["scheme"] as? String == "float32" && rows[0]["method"] as? String == "baseline")
        #expect(Set(rows.compactMap { $0["method"] as? String }) == ["baseline", "ptq", "qat"])
        #expect(try floatlab(Self.small + ["--as", "json"]).stdout == r.stdout)
    }

    @Test func dataFromASafetensorsFile() throws {
        let dir = try temporaryDirectory()
        let path = dir.appendingPathComponent("blobs.safetensors").path
        // Two classes on either side of a line, 200 samples of 4 features.
        var x: [Float] = [], y: [Int64] = []
        for i in 0..<200 {
            let c = i % 2
            for d in 0..<4 { x.append(Float(c) * 2 - 1 + Float((i * 7 + d * 13) % 17) / 17 - 0.5) }
            y.append(Int64(c))
        }
        try TensorWriter.writeSafetensors(path: path, tensors: [("x", .float(.float32), [200, 4]), ("y", .signed(bytes: 8), [200])], metadata: [:]) { i in
            i == 0 ? Data(bytes: x, count: x.count * 4) : Data(bytes: y, count: y.count * 8)
        }
        let r = try floatlab(["experiment", "ptq-vs-qat", "--data", path, "--schemes", "int4", "--seeds", "1", "--epochs", "3", "--qat-epochs", "1"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("200 samples of 4 features in 2 classes"))
        let missing = try floatlab(["experiment", "ptq-vs-qat", "--data", dir.appendingPathComponent("none.npz").path])
        #expect(missing.status != 0 && missing.stderr.contains("none.npz"))
        let text = dir.appendingPathComponent("x.txt")
        try "1\n".write(to: text, atomically: true, encoding: .utf8)
        let kind = try floatlab(["experiment", "ptq-vs-qat", "--data", text.path])
        #expect(kind.status != 0 && kind.stderr.contains(".safetensors or .npz"))
        let bad = try floatlab(["experiment", "ptq-vs-qat", "--schemes", "int99"])
        #expect(bad.status != 0 && bad.stderr.contains("int99"))
    }
}
