import Foundation
import Testing
import FloatLabTestSupport

/// The README's command examples that show their output: the block under the
/// command must be exactly what the tool prints.
@Suite struct ReadmeExampleTests {
    struct Example: CustomStringConvertible {
        let line: Int
        let arguments: [String]
        let output: String
        var description: String { "README.md:\(line): floatlab \(arguments.joined(separator: " "))" }
    }

    /// A ```sh block holding one `floatlab` command (or the line "`make table`
    /// prints:"), followed by a table: the lines up to the next heading or fence.
    static func examples() throws -> [Example] {
        let lines = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
            .components(separatedBy: "\n")
        var out: [Example] = []
        var i = 0
        while i < lines.count {
            var arguments: [String]? = nil
            let start = i
            if lines[i] == "```sh" {
                var block: [String] = []
                i += 1
                while i < lines.count && lines[i] != "```" { block.append(lines[i]); i += 1 }
                if block.count == 1, block[0].hasPrefix("floatlab ") {
                    arguments = block[0].split(separator: " ").dropFirst().map(String.init)
                }
            } else if lines[i] == "`make table` prints:" {
                arguments = ["table"]
            }
            i += 1
            guard let arguments else { continue }
            var j = i
            while j < lines.count && lines[j].isEmpty { j += 1 }
            guard j < lines.count, lines[j].hasPrefix("|") else { continue }
            var output: [String] = []
            while j < lines.count && !lines[j].hasPrefix("#") && !lines[j].hasPrefix("```") { output.append(lines[j]); j += 1 }
            while output.last?.isEmpty == true { output.removeLast() }
            out.append(Example(line: start + 1, arguments: arguments, output: output.joined(separator: "\n")))
            i = j
        }
        return out
    }

    @Test func everyShownOutputIsWhatTheToolPrints() throws {
        let examples = try Self.examples()
        #expect(examples.count >= 4)
        #expect(examples.contains { $0.arguments == ["table"] })
        for example in examples {
            let r = try floatlab(example.arguments)
            #expect(r.status == 0, "\(example): \(r.stderr)")
            let printed = r.stdout.components(separatedBy: "\n").map { $0 }.joined(separator: "\n")
                .trimmingCharacters(in: .newlines)
            #expect(printed == example.output, "\(example) prints:\n\(printed)")
        }
    }
}
