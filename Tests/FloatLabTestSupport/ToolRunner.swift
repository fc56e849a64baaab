import Foundation

/// What a run of the built `floatlab` executable printed.
public struct Run: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
}

/// Runs the built `floatlab` with these arguments (and `stdin` on standard
/// input, if given) and captures what it prints.
public func floatlab(_ args: String...) throws -> Run {
    try floatlab(args)
}

public func floatlab(_ args: [String], stdin: String? = nil) throws -> Run {
    let process = Process()
    process.executableURL = productsDirectory.appendingPathComponent("floatlab")
    process.arguments = args
    let input = Pipe(), out = Pipe(), err = Pipe()
    if stdin != nil { process.standardInput = input }
    process.standardOutput = out
    process.standardError = err
    try process.run()
    if let stdin {
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
    }
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
               stderr: String(decoding: e, as: UTF8.self))
}

/// A fresh temporary folder.
public func temporaryDirectory() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("floatlab-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

/// The build folder that holds the test bundle and the executable.
public let productsDirectory: URL = {
    var url = Bundle.main.bundleURL
    for _ in 0..<3 {
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("floatlab").path) { return url }
        url = url.deletingLastPathComponent()
    }
    return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
}()

/// The repository's root folder (where Package.swift is), found from this file.
public let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
