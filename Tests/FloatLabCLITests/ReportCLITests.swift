import Foundation
import Testing
import FloatLabTestSupport

/// `floatlab report`: its tables hold what the matching commands print, its
/// files are written whole or not at all.
@Suite struct ReportCLITests {
    static let model = QuantizeCLITests.model

    /// The cells of every `<table>` of a page, as text.
    static func htmlTables(_ html: String) -> [[[String]]] {
        func unescape(_ s: String) -> String {
            s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
        }
        return html.components(separatedBy: "<table>").dropFirst().map { chunk in
            let body = chunk.components(separatedBy: "</table>")[0]
            return body.components(separatedBy: "<tr>").dropFirst().map { row in
                row.components(separatedBy: "</tr>")[0].components(separatedBy: "<t").dropFirst().compactMap { cell -> String? in
                    guard cell.hasPrefix("d") || cell.hasPrefix("h"), let open = cell.firstIndex(of: ">") else { return nil }
                    let text = cell[cell.index(after: open)...]
                    return unescape(String(text.components(separatedBy: "</t")[0]))
                }
            }
        }
    }

    /// The cells of a Markdown pipe table (header and rows, the rule row dropped).
    static func markdownTable(_ text: String) -> [[String]] {
        text.split(separator: "\n").filter { $0.hasPrefix("| ") }.map { line in
            line.dropFirst(2).dropLast(2).components(separatedBy: " | ").map { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\\|", with: "|") }
        }
    }

    @Test func defaultReportTablesEqualTheCommands() throws {
        let dir = try temporaryDirectory()
        let out = dir.appendingPathComponent("report.html").path
        let r = try floatlab(["report", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        let html = try String(contentsOfFile: out, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && !html.contains("<script"))
        let tables = Self.htmlTables(html)
        let formats = "float32,float16,bfloat16,float8_e4m3fn,float8_e5m2,float4_e2m1fn"
        let table = try floatlab(["table", "--formats", formats, "--columns", "wide"])
        #expect(tables.first?.count == 1 + 6 && tables.first?.first?.count == 14)   // header and six formats, the wide columns
        #expect(tables.first == Self.markdownTable(table.stdout))
        let memory = try floatlab(["memory", "--params", "70B", "--formats", formats])
        #expect(tables.last == Self.markdownTable(memory.stdout))
        // One figure per format for the number line, the density and the rounding errors, two spacing plots, the memory bars.
        #expect(html.components(separatedBy: "<svg ").count - 1 == 6 * 3 + 2 + 1)
    }

    @Test func dataReportHoldsTheComparisonTable() throws {
        let dir = try temporaryDirectory()
        let out = dir.appendingPathComponent("r.html").path
        let r = try floatlab(["report", "--data", Self.model, "--schemes", "int8,mxfp4,q4_0", "--formats", "bfloat16,e4m3", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        let tables = Self.htmlTables(try String(contentsOfFile: out, encoding: .utf8))
        let compare = try floatlab(["quantize", Self.model, "--compare", "int8,mxfp4,q4_0"])
        #expect(Self.markdownTable(compare.stdout).count == 4)
        #expect(tables.contains(Self.markdownTable(compare.stdout)))
    }

    @Test func markdownWritesTheFiguresBesideIt() throws {
        let dir = try temporaryDirectory()
        let out = dir.appendingPathComponent("lab.md").path
        let r = try floatlab(["report", "--as", "markdown", "--formats", "e4m3,e2m1", "--out", out])
        #expect(r.status == 0, "\(r.stderr)")
        let md = try String(contentsOfFile: out, encoding: .utf8)
        let links = md.components(separatedBy: "](lab_figures/figure-").count - 1
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("lab_figures").path)
        #expect(links == 2 * 3 + 2 + 1 && files.count == links)
        #expect(files.allSatisfy { $0.hasSuffix(".svg") })
        // Written again, the folder is replaced whole, and nothing temporary stays behind.
        #expect(try floatlab(["report", "--as", "markdown", "--formats", "e4m3", "--out", out]).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("lab_figures").path).count == 3 + 2 + 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["lab.md", "lab_figures"])
    }

    @Test func badInputIsRefusedAndWritesNothing() throws {
        let dir = try temporaryDirectory()
        let out = dir.appendingPathComponent("r.html").path
        let missing = try floatlab(["report", "--data", dir.appendingPathComponent("nope.safetensors").path, "--out", out])
        #expect(missing.status != 0 && missing.stderr.contains("nope.safetensors") && missing.stderr.contains("no readable file"))
        let scheme = try floatlab(["report", "--schemes", "int8,int99", "--out", out])
        #expect(scheme.status != 0 && scheme.stderr.contains("int99"))
        let folder = try floatlab(["report", "--out", dir.appendingPathComponent("no/such/r.html").path])
        #expect(folder.status != 0 && folder.stderr.contains("does not exist"))
        let text = dir.appendingPathComponent("values.txt")
        try "1\n2\n".write(to: text, atomically: true, encoding: .utf8)
        let kind = try floatlab(["report", "--data", text.path, "--out", out])
        #expect(kind.status != 0 && kind.stderr.contains(".npy or .safetensors"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["values.txt"])
    }
}
