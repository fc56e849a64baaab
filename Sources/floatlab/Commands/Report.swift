import Foundation
import ArgumentParser
import FloatFormats
import FormatReport
import Quantization
import TensorIO

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The lab report: formats in tables and pictures, rounding against truncation, memory, and quantization of a tensor file.",
        discussion: """
        Writes one self-contained HTML page (inline CSS and SVG, no scripts, no network), or with \
        --as markdown a Markdown file with its figures as SVG files in a folder beside it (NAME_figures/). \
        Without options: float32, float16, bfloat16, float8_e4m3fn, float8_e5m2 and float4_e2m1fn, \
        \(LabReport().sampleSize) seeded normal values, 70B parameters. With --data FILE (.npy or .safetensors), \
        the quantization section runs --schemes over every tensor of the file.

        Examples:
          floatlab report --out report.html
          floatlab report --data model.safetensors --schemes int8,mxfp4,nvfp4,q4_0 --out model-report.html
          floatlab report --as markdown --out report.md
        """)

    @Option(help: "Comma-separated formats or groups.", transform: parseFormatList)
    var formats: [FloatFormat] = LabReport.defaultFormats

    @Option(help: "A .npy or .safetensors file: its values feed the rounding study and the quantization section.")
    var data: String?

    @Option(help: "Comma-separated quantization schemes for --data (default: \(LabReport.defaultSchemes.joined(separator: ","))).")
    var schemes: String?

    @Option(help: "Model size for the memory table: 7B, 70e9, 1.5T.", transform: parseParameterCount)
    var params: ParameterCount = ParameterCount(value: 70_000_000_000)

    @Option(help: "Seed of the default data and of stochastic rounding.")
    var seed: UInt64 = 1

    @Option(help: "How many values the rounding study converts.")
    var sample: Int = LabReport().sampleSize

    @Option(name: .customLong("as"), help: "html or markdown.")
    var format: DocumentFormat = .html

    @Option(name: .shortAndLong, help: "The output file (written atomically); default report.html, or report.md with --as markdown.")
    var out: String?

    enum DocumentFormat: String, ExpressibleByArgument { case html, markdown }

    func validateOptions() throws {
        guard sample > 0, sample <= 10_000_000 else { throw ValidationError("--sample must be between 1 and 10000000 values.") }
        _ = try chosenSchemes()
        if let data {
            guard FileManager.default.isReadableFile(atPath: data) else {
                throw ValidationError("--data \(data): no readable file there; give a .npy or .safetensors file.")
            }
            guard [.npy, .safetensors].contains(TensorFile.kind(of: data)) else {
                throw ValidationError("--data \(data): give a .npy or .safetensors file (the extension decides).")
            }
        }
    }

    func chosenSchemes() throws -> [QuantizationScheme]? {
        guard let schemes else { return nil }
        let names = schemes.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !names.isEmpty else { throw ValidationError("--schemes needs scheme names, e.g. --schemes int8,mxfp4,q4_0, or 'all'.") }
        if names == ["all"] { return QuantizationScheme.all }
        do { return try names.map { (name: String) throws(QuantizationError) in try QuantizationScheme(name: name) } } catch {
            throw ValidationError(error.message)
        }
    }

    func run() throws {
        try validateOptions()
        let report = LabReport(formats: formats, dataPath: data, schemes: try chosenSchemes(), parameters: params,
                               seed: seed, sampleSize: sample)
        let document: Document
        do { document = try report.document() } catch let e as TensorIOError {
            throw CommandError(e.message)
        } catch let e as QuantizationError {
            throw CommandError(e.message)
        }
        switch format {
        case .html:
            try AtomicFile.write(HTMLDocumentRenderer().render(document), to: out ?? "report.html")
        case .markdown:
            let path = out ?? "report.md"
            let folder = ((path as NSString).lastPathComponent as NSString).deletingPathExtension + "_figures"
            let rendered = MarkdownDocumentRenderer(figureFolder: folder).render(document)
            let dir = ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(folder)
            try AtomicFile.writeFolder(rendered.figures.map { ($0.name, Data($0.svg.utf8)) }, to: dir)
            try AtomicFile.write(rendered.markdown, to: path)
        }
    }
}
