import Foundation

/// Outputs written whole or not at all. Every file goes to a temporary file
/// beside its destination (`.NAME.RANDOM.tmp`), renamed over it only when
/// everything is written; a folder of files is built beside its destination
/// and renamed into place. A failed write removes its temporary file, and
/// after `TemporaryFiles.removeOnInterrupt()` so does SIGINT, SIGTERM or
/// SIGHUP: an interrupted run leaves the destination as it was.
public enum AtomicFile {
    /// Writes `data` to `path` atomically.
    public static func write(_ data: Data, to path: String) throws(TensorIOError) {
        let out = try AtomicFileWriter(path: path)
        try out.write(data)
        try out.commit()
    }

    /// Writes the files into a new folder beside `path`, then renames it to
    /// `path` (replacing a folder already there): all of them or none.
    public static func writeFolder(_ files: [(name: String, data: Data)], to path: String) throws(TensorIOError) {
        let fm = FileManager.default
        let url = URL(fileURLWithPath: path)
        let parent = url.deletingLastPathComponent()
        try requireFolder(parent.path, for: path)
        let tag = UInt32.random(in: 0...UInt32.max)
        let temporary = parent.appendingPathComponent(".\(url.lastPathComponent).\(tag).tmp")
        let old = parent.appendingPathComponent(".\(url.lastPathComponent).\(tag).old")
        TemporaryFiles.register(temporary.path)
        var written: [String] = []
        defer {
            for f in written.reversed() { TemporaryFiles.unregister(f) }
            TemporaryFiles.unregister(temporary.path)
        }
        do {
            try fm.createDirectory(at: temporary, withIntermediateDirectories: false)
            for f in files {
                let file = temporary.appendingPathComponent(f.name).path
                TemporaryFiles.register(file)
                written.append(file)
                try f.data.write(to: URL(fileURLWithPath: file))
            }
            if fm.fileExists(atPath: url.path) { try fm.moveItem(at: url, to: old) }
            try fm.moveItem(at: temporary, to: url)
            try? fm.removeItem(at: old)
        } catch {
            try? fm.removeItem(at: temporary)
            if fm.fileExists(atPath: old.path), !fm.fileExists(atPath: url.path) { try? fm.moveItem(at: old, to: url) }
            throw TensorIOError("cannot write '\(path)': \(error.localizedDescription)")
        }
    }

    /// Refuses at once when the folder an output goes into is missing.
    static func requireFolder(_ folder: String, for path: String) throws(TensorIOError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.isEmpty ? "." : folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw TensorIOError("cannot write '\(path)': the folder '\(folder)' does not exist; create it or write somewhere else.")
        }
    }
}

/// Writes a file whole or not at all: into a temporary file beside the
/// destination, renamed over it only when everything is written. Until then
/// the temporary file is registered with `TemporaryFiles`, so an interrupt
/// removes it.
public struct AtomicFileWriter {
    public let path: String
    let temporary: String
    let handle: FileHandle

    public init(path: String) throws(TensorIOError) {
        self.path = path
        let dir = (path as NSString).deletingLastPathComponent
        try AtomicFile.requireFolder(dir, for: path)
        temporary = (dir.isEmpty ? "." : dir) + "/.\((path as NSString).lastPathComponent).\(UInt32.random(in: 0...UInt32.max)).tmp"
        TemporaryFiles.register(temporary)
        guard FileManager.default.createFile(atPath: temporary, contents: nil), let h = FileHandle(forWritingAtPath: temporary) else {
            TemporaryFiles.unregister(temporary)
            throw TensorIOError("cannot write '\(path)': its folder is not writable.")
        }
        handle = h
    }

    public func write(_ data: Data) throws(TensorIOError) {
        do { try handle.write(contentsOf: data) } catch {
            abandon()
            throw TensorIOError("writing '\(path)' failed: \(error.localizedDescription)")
        }
    }

    /// Closes and renames into place.
    public func commit() throws(TensorIOError) {
        do {
            try handle.close()
            if rename(temporary, path) != 0 {
                throw TensorIOError("could not move the finished output into '\(path)': \(String(cString: strerror(errno))).")
            }
            TemporaryFiles.unregister(temporary)
        } catch let error as TensorIOError {
            abandon()
            throw error
        } catch {
            abandon()
            throw TensorIOError("could not finish '\(path)': \(error.localizedDescription)")
        }
    }

    /// Removes the temporary file.
    public func abandon() {
        try? handle.close()
        try? FileManager.default.removeItem(atPath: temporary)
        TemporaryFiles.unregister(temporary)
    }
}
