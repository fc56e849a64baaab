import Foundation

/// A ```swift example from a doc comment or the README.
public struct DocumentedExample: Sendable, CustomStringConvertible {
    /// Where it is: `Sources/FloatFormats/Rounding/Conversion.swift:12`.
    public let place: String
    /// Its code lines, comments and blank lines left out.
    public let code: [String]
    public var description: String { place }
}

/// Every ```swift example in the doc comments under Sources/, in the DocC
/// articles (Sources/*/*.docc) and in the README's library section.
public func documentedExamples() throws -> [DocumentedExample] {
    var out: [DocumentedExample] = []
    let sources = repositoryRoot.appendingPathComponent("Sources")
    let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
        .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }.sorted { $0.path < $1.path }
    for file in files {
        let lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
        let relative = String(file.path.dropFirst(repositoryRoot.path.count + 1))
        out += examples(in: lines.map { line -> String? in
            let t = line.trimmingCharacters(in: .whitespaces)
            return t.hasPrefix("///") ? String(t.dropFirst(3)) : nil
        }, file: relative)
    }
    // The DocC articles: every ```swift block of every catalogue.
    let articles = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
        .compactMap { $0 as? URL }.filter { $0.pathExtension == "md" && $0.path.contains(".docc/") }.sorted { $0.path < $1.path }
    for file in articles {
        let relative = String(file.path.dropFirst(repositoryRoot.path.count + 1))
        out += examples(in: try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n").map { $0 }, file: relative)
    }
    let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
    out += examples(in: readme.components(separatedBy: "\n").map { $0 }, file: "README.md")
    return out
}

private func examples(in lines: [String?], file: String) -> [DocumentedExample] {
    var out: [DocumentedExample] = []
    var current: [String]? = nil
    var start = 0
    for (i, line) in lines.enumerated() {
        guard let line else { current = nil; continue }
        let t = line.trimmingCharacters(in: .whitespaces)
        if current == nil {
            if t == "```swift" { current = []; start = i + 1 }
        } else if t == "```" {
            out.append(DocumentedExample(place: "\(file):\(start)", code: current!))
            current = nil
        } else {
            let code = codePart(line)
            if !code.isEmpty { current!.append(code) }
        }
    }
    return out
}

/// A line without its trailing `//` comment (outside string literals) and white space.
public func codePart(_ line: String) -> String {
    var inString = false
    var previous: Character = " "
    var end = line.endIndex
    for i in line.indices {
        let c = line[i]
        if c == "\"" && previous != "\\" { inString.toggle() }
        if !inString && c == "/" && previous == "/" { end = line.index(before: i); break }
        previous = c
    }
    return line[..<end].filter { !$0.isWhitespace }
}

/// The test sources, white space removed: where every example's lines must appear.
public func testSourcesWithoutWhitespace() throws -> String {
    let tests = repositoryRoot.appendingPathComponent("Tests")
    let files = FileManager.default.enumerator(at: tests, includingPropertiesForKeys: nil)!
        .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" && !$0.path.contains("FloatLabTestSupport") }
    return try files.map { try String(contentsOf: $0, encoding: .utf8).filter { !$0.isWhitespace } }.joined(separator: "\n")
}
