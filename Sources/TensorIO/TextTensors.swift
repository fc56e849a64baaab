import Foundation

/// Small hand-made tensors as text: one value per line makes one 1-D tensor;
/// comma-separated columns make one 1-D tensor per column, named by a header
/// row when the first row is not numbers (else column0, column1, …). Blank
/// lines and `#` comments are skipped; values are decimals (`nan`, `inf` too),
/// rounded to nearest float32.
///
/// ```swift
/// try TextTensors.parse("a,b\n1,2\n3,4\n", name: "t").map(\.name)   // ["a", "b"]
/// ```
public enum TextTensors {
    /// The largest text file read (text is for small hand-made data; larger
    /// tensors belong in .npy or .safetensors, which are read without parsing).
    public static let maximumBytes = 1 << 30

    public static func parse(_ text: String, name: String, place: String = "the text") throws(TensorIOError) -> [StoredTensor] {
        var names: [String]? = nil
        var columns: [[Float]] = []
        var lineNumber = 0
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            let item = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if item.isEmpty || item.hasPrefix("#") { continue }
            let fields = item.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let numbers = fields.map { Float($0) }
            if columns.isEmpty && names == nil && numbers.contains(where: { $0 == nil }) {
                names = fields
                columns = Array(repeating: [], count: fields.count)
                continue
            }
            if columns.isEmpty { columns = Array(repeating: [], count: fields.count) }
            guard fields.count == columns.count else {
                throw TensorIOError("\(place), line \(lineNumber): \(fields.count) fields where earlier lines have \(columns.count).")
            }
            for (k, v) in numbers.enumerated() {
                guard let v else { throw TensorIOError("\(place), line \(lineNumber): '\(fields[k])' is not a number.") }
                columns[k].append(v)
            }
        }
        guard !columns.isEmpty else { throw TensorIOError("\(place) holds no values.") }
        return columns.enumerated().map { k, values in
            let n = columns.count == 1 && names == nil ? name : (names?[k] ?? "column\(k)")
            return StoredTensor(name: n, shape: [values.count], float32: values)
        }
    }
}
