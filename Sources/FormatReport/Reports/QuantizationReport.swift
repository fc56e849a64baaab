import Foundation
import Quantization

/// The tables of `floatlab quantize`: one row per tensor and a total row,
/// and the scheme comparison of `--compare`.
public enum QuantizationReport {
    /// A number for tables: 4 significant digits, `inf` for infinities.
    static func short(_ d: Double) -> Cell { .real(d, .significant(4)) }

    static func shapeText(_ shape: [Int]) -> String { "[" + shape.map(String.init).joined(separator: ", ") + "]" }

    static let tensorColumns: [Table.Column] = [
        .init(key: "name", title: "tensor"), .init(key: "shape", title: "shape"), .init(key: "dtype", title: "dtype"),
        .init(key: "scheme", title: "scheme"), .init(key: "bits_per_element", title: "bits/elem", alignment: .right),
        .init(key: "bytes_before", title: "bytes before", alignment: .right), .init(key: "bytes_after", title: "bytes after", alignment: .right),
        .init(key: "mse", title: "MSE", alignment: .right), .init(key: "rmse", title: "RMSE", alignment: .right),
        .init(key: "max_abs_error", title: "max |err|", alignment: .right), .init(key: "max_abs_error_index", title: "at", alignment: .right),
        .init(key: "sqnr_db", title: "SQNR dB", alignment: .right), .init(key: "cosine", title: "cosine", alignment: .right),
    ]

    /// One row per tensor, then the total.
    public static func table(_ report: FileReport) -> Table {
        var rows: [[Cell]] = []
        var notes: [String] = []
        let disagreements = report.arithmeticDisagreements != nil
        for t in report.tensors {
            let bytesAfter = Cell.integer((t.storedBits + 7) / 8)
            var row: [Cell]
            if let why = t.skipped {
                row = [.text(t.name), .text(shapeText(t.shape)), .text(t.dtype), .text("skipped: \(why)"), .null,
                       .integer(t.originalBits / 8), bytesAfter, .null, .null, .null, .null, .null, .null]
            } else {
                let s = t.statistics
                row = [.text(t.name), .text(shapeText(t.shape)), .text(t.dtype), .text(t.scheme + (t.isPadded ? " (padded)" : "")),
                       short(t.bitsPerElement), .integer(t.originalBits / 8), bytesAfter, short(s.mse), short(s.rmse),
                       short(s.maxAbsError), s.maxAbsErrorIndex.map { .text(shapeText(index($0, in: t.shape))) } ?? .null,
                       short(s.sqnrDecibels), cosine(s.cosine)]
            }
            if disagreements { row.append(t.arithmeticDisagreements.map { .integer($0) } ?? .null) }
            rows.append(row)
        }
        let total = report.total
        var totalRow: [Cell] = [.text("total"), .text("\(report.count) elements"), .text(""), .text(report.scheme),
                                short(report.bitsPerElement), .integer(report.originalBits / 8), .integer((report.storedBits + 7) / 8),
                                short(total.mse), short(total.rmse), short(total.maxAbsError), .null,
                                short(total.sqnrDecibels), cosine(total.cosine)]
        if disagreements { totalRow.append(report.arithmeticDisagreements.map { .integer($0) } ?? .null) }
        rows.append(totalRow)
        if report.tensors.contains(where: { $0.isPadded }) {
            notes.append("(padded): the last group of each row is shorter than the group size; it is quantized as if padded with zeros and stored whole.")
        }
        var columns = tensorColumns
        if disagreements { columns.append(.init(key: "float32_disagreements", title: "float32 ≠ exact", alignment: .right)) }
        return Table(columns: columns, rows: rows, notes: notes)
    }

    static func cosine(_ c: Double) -> Cell { .real(c, .fixed(6)) }

    static func index(_ flat: Int, in shape: [Int]) -> [Int] {
        Tensor.index(of: flat, in: shape)
    }

    /// The `--report json` document: `{"scheme": …, "tensors": [...], "total": {...}}`,
    /// every number at full float64 precision (shortest round-trip), SQNR of a
    /// lossless tensor as null.
    public static func json(_ report: FileReport) -> String {
        func number(_ d: Double) -> String { d.isFinite ? "\(d)" : "null" }
        func object(_ members: [(String, String)], indent: String) -> String {
            "{\n" + members.map { "\(indent)  \(JSONRenderer.string($0.0)): \($0.1)" }.joined(separator: ",\n") + "\n\(indent)}"
        }
        func stats(_ s: ErrorStatistics) -> [(String, String)] {
            [("mse", number(s.mse)), ("rmse", number(s.rmse)), ("max_abs_error", number(s.maxAbsError)),
             ("max_abs_error_index", s.maxAbsErrorIndex.map(String.init) ?? "null"),
             ("sqnr_db", number(s.sqnrDecibels)), ("cosine", number(s.cosine))]
        }
        let tensors = report.tensors.map { t -> String in
            var members: [(String, String)] = [
                ("name", JSONRenderer.string(t.name)), ("shape", "[" + t.shape.map(String.init).joined(separator: ", ") + "]"),
                ("dtype", JSONRenderer.string(t.dtype)), ("scheme", JSONRenderer.string(t.scheme)),
                ("skipped", t.skipped.map(JSONRenderer.string) ?? "null"),
                ("elements", String(t.count)), ("bits_per_element", number(t.bitsPerElement)),
                ("bytes_before", String(t.originalBits / 8)), ("bytes_after", String((t.storedBits + 7) / 8)),
                ("padded", t.isPadded ? "true" : "false"),
            ]
            if t.skipped == nil { members += stats(t.statistics) }
            if let d = t.arithmeticDisagreements { members.append(("float32_disagreements", String(d))) }
            return "    " + object(members, indent: "    ")
        }
        var total: [(String, String)] = [
            ("elements", String(report.count)), ("bits_per_element", number(report.bitsPerElement)),
            ("bytes_before", String(report.originalBits / 8)), ("bytes_after", String((report.storedBits + 7) / 8)),
        ] + stats(report.total)
        if let d = report.arithmeticDisagreements { total.append(("float32_disagreements", String(d))) }
        return "{\n  \"scheme\": \(JSONRenderer.string(report.scheme)),\n  \"tensors\": [\n" + tensors.joined(separator: ",\n")
            + "\n  ],\n  \"total\": " + object(total, indent: "  ") + "\n}\n"
    }

    /// The `--compare` table: per scheme, bits per element, the whole file's
    /// memory, SQNR of the file and of its worst tensor, max error and cosine; sorted by bits.
    public static func comparison(_ reports: [FileReport]) -> Table {
        let columns: [Table.Column] = [
            .init(key: "scheme", title: "scheme"), .init(key: "bits_per_element", title: "bits/elem", alignment: .right),
            .init(key: "bytes", title: "file bytes", alignment: .right), .init(key: "ratio", title: "vs original", alignment: .right),
            .init(key: "sqnr_db", title: "SQNR dB", alignment: .right), .init(key: "worst_sqnr_db", title: "worst tensor dB", alignment: .right),
            .init(key: "worst_tensor", title: "worst tensor"), .init(key: "max_abs_error", title: "max |err|", alignment: .right),
            .init(key: "cosine", title: "cosine", alignment: .right), .init(key: "quantized", title: "tensors quantized", alignment: .right),
        ]
        let sorted = reports.enumerated().sorted { ($0.element.bitsPerElement, $0.offset) < ($1.element.bitsPerElement, $1.offset) }.map(\.element)
        let rows: [[Cell]] = sorted.map { r in
            let t = r.total
            let bytes = (r.storedBits + 7) / 8
            let quantized = r.tensors.filter { $0.skipped == nil }.count
            return [.text(r.scheme), quantized == 0 ? .null : short(r.bitsPerElement), .integer(bytes),
                    .real(Double(bytes) / Double(max(1, r.originalBits / 8)), .fixed(3)),
                    short(t.sqnrDecibels), r.worst.map { short($0.statistics.sqnrDecibels) } ?? .null,
                    r.worst.map { .text($0.name) } ?? .null, quantized == 0 ? .null : short(t.maxAbsError),
                    quantized == 0 ? .null : cosine(t.cosine), .text("\(quantized) of \(r.tensors.count)")]
        }
        var notes = ["bits/elem counts every scale and padding of the quantized tensors; tensors not quantized (integer and boolean ones, and those a scheme cannot lay out) are copied and count in the file bytes only."]
        for r in sorted {
            let kept = r.tensors.filter { $0.scheme == "kept" }
            if !kept.isEmpty {
                notes.append("\(r.scheme) kept \(kept.count) tensor\(kept.count == 1 ? "" : "s") unquantized: \(kept.prefix(3).map { "\($0.name) (\($0.skipped ?? ""))" }.joined(separator: "; "))\(kept.count > 3 ? "; …" : "").")
            }
        }
        return Table(columns: columns, rows: rows, notes: notes)
    }
}
