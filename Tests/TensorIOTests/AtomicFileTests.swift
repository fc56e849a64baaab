import Foundation
import Testing
import TensorIO

/// Atomic outputs: the temporary file is tracked (for removal on an interrupt)
/// exactly while it exists, and the destination changes only on commit.
@Suite(.serialized) struct AtomicFileTests {
    func folder() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("floatlab-atomic-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func temporaryFileIsTrackedUntilCommitOrAbandon() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/out.bin"
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        let writer = try AtomicFileWriter(path: path)
        try writer.write(Data("new".utf8))
        let tracked = TemporaryFiles.registered.filter { $0.hasPrefix(dir + "/.out.bin.") }
        #expect(tracked.count == 1 && FileManager.default.fileExists(atPath: tracked[0]))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("old".utf8))
        try writer.commit()
        #expect(TemporaryFiles.registered.allSatisfy { !$0.hasPrefix(dir) })
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("new".utf8))

        let abandoned = try AtomicFileWriter(path: path)
        try abandoned.write(Data("half".utf8))
        abandoned.abandon()
        #expect(TemporaryFiles.registered.allSatisfy { !$0.hasPrefix(dir) })
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.bin"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("new".utf8))
    }

    @Test func folderIsReplacedWhole() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let target = dir + "/figures"
        try AtomicFile.writeFolder([("a.svg", Data("1".utf8)), ("b.svg", Data("2".utf8))], to: target)
        try AtomicFile.writeFolder([("c.svg", Data("3".utf8))], to: target)
        #expect(try FileManager.default.contentsOfDirectory(atPath: target) == ["c.svg"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["figures"])
        #expect(TemporaryFiles.registered.allSatisfy { !$0.hasPrefix(dir) })
        let e = #expect(throws: TensorIOError.self) { try AtomicFile.write(Data(), to: dir + "/missing/x.txt") }
        #expect(e?.message.contains("does not exist") == true)
    }
}
