import Testing
import FloatLabTestSupport

/// Every ```swift example in a doc comment and in the README is compiled and
/// run by a test: each of its code lines stands, as written, in a test source.
/// An example added or changed without its test fails here.
@Suite struct DocumentedExampleCoverageTests {
    @Test func everyExampleHasATest() throws {
        let examples = try documentedExamples()
        #expect(examples.count >= 40)
        let tests = try testSourcesWithoutWhitespace()
        var missing: [String] = []
        for example in examples {
            let absent = example.code.filter { !tests.contains($0) }
            if !absent.isEmpty { missing.append("\(example.place): \(absent.joined(separator: " ⏎ "))") }
        }
        #expect(missing.isEmpty, "documented examples without a test that runs them:\n\(missing.joined(separator: "\n"))")
    }
}
