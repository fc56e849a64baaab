import ArgumentParser
import FloatFormats
import Verification
import FormatReport

struct Conventions: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The conventions matrix: the special cases where conversion stacks disagree, and what each named convention gives.",
        discussion: "Each named convention is a preset for convert, vectors and check (--convention NAME). Docs/Conventions.md cites the sources.")

    @Option(help: "Comma-separated target formats (default: the fp8 families, a P3109 format, bfloat16, tf32, fp6, fp4, E8M0).", transform: parseFormatList)
    var to: [FloatFormat]?

    @Option(name: .customLong("as"), help: "markdown or json.")
    var format: Style = .markdown

    enum Style: String, ExpressibleByArgument { case markdown, json }

    func run() throws {
        let matrices = (to ?? ConventionMatrix.defaultTargets).map { ConventionMatrix(target: $0) }
        switch format {
        case .markdown: print(ConventionReport.markdown(matrices), terminator: "")
        case .json: print(ConventionReport.json(matrices), terminator: "")
        }
    }
}
