import Foundation
import Testing
@testable import TensorIO

/// `.npz` archives as NumPy writes them (fixtures from scripts/make-tensor-fixtures.py).
@Suite struct NPZTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    @Test func readsStoredMembers() throws {
        let arrays = try NPZ.read(path: Self.fixtures.appendingPathComponent("xy.npz").path)
        #expect(Set(arrays.keys) == ["x", "y"])
        let x = try #require(arrays["x"]), y = try #require(arrays["y"])
        #expect(x.shape == [3, 4] && x.dtype == .float(.float32))
        let values = StoredTensor(name: "x", dtype: x.dtype, shape: x.shape, data: x.data).floatValues()
        #expect(values == (0..<12).map(Float.init))
        #expect(StoredTensor(name: "y", dtype: y.dtype, shape: y.shape, data: y.data).doubleValues() == [0, 1, 2])
    }

    @Test func refusesCompressedTruncatedAndForeignFiles() throws {
        do {
            _ = try NPZ.read(path: Self.fixtures.appendingPathComponent("compressed.npz").path)
            Issue.record("read a compressed member")
        } catch {
            #expect(error.message.contains("np.savez_compressed"))
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("npz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let whole = try Data(contentsOf: Self.fixtures.appendingPathComponent("xy.npz"))
        for (name, bytes) in [("cut.npz", whole.prefix(whole.count - 30)), ("short.npz", whole.prefix(10)), ("text.npz", Data("hello, world, not a zip at all".utf8))] {
            let path = dir.appendingPathComponent(name).path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            #expect(throws: TensorIOError.self, "\(name)") { try NPZ.read(path: path) }
        }
    }
}
