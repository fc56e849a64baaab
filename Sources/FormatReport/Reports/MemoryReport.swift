import Foundation
import FloatFormats

/// A count of model parameters as people write it: `7B`, `70e9`, `1.5T`, `350M`.
public struct ParameterCount: Sendable, Equatable, CustomStringConvertible {
    public let value: UInt64

    public init(value: UInt64) { self.value = value }

    /// Parses digits with an optional fraction and exponent (`1.5`, `70e9`) and an
    /// optional suffix K, M, B (or G), T (thousand, million, billion, trillion),
    /// exactly (no floating point). The result must be a whole number of parameters.
    ///
    /// ```swift
    /// try ParameterCount(parsing: "70B").value    // 70_000_000_000
    /// try ParameterCount(parsing: "1.5T").value   // 1_500_000_000_000
    /// ```
    public init(parsing text: String) throws(ReportError) {
        let t = text.trimmingCharacters(in: .whitespaces).uppercased()
        var body = Substring(t)
        var scale = 0
        if let last = body.last, let s = ["K": 3, "M": 6, "B": 9, "G": 9, "T": 12][String(last)] {
            scale = s
            body = body.dropLast()
        }
        var exponent = 0
        if let e = body.firstIndex(of: "E") {
            guard let x = Int(body[body.index(after: e)...]), abs(x) < 40 else {
                throw ReportError("'\(text)': the exponent after 'e' must be a whole number, as in 70e9.")
            }
            exponent = x
            body = body[..<e]
        }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard !body.isEmpty, parts.count <= 2, parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              !(parts.first?.isEmpty ?? true) || (parts.count == 2 && !parts[1].isEmpty) else {
            throw ReportError("'\(text)' is not a parameter count; write it as 7B, 70e9, 1.5T, 350M or 125000000.")
        }
        var digits = String(parts[0])
        if parts.count == 2 {
            digits += parts[1]
            exponent -= parts[1].count
        }
        exponent += scale
        while exponent < 0 {
            guard digits.last == "0" else {
                throw ReportError("'\(text)' is not a whole number of parameters.")
            }
            digits.removeLast()
            exponent += 1
        }
        digits += String(repeating: "0", count: exponent)
        let trimmed = digits.drop { $0 == "0" }
        guard let v = UInt64(trimmed.isEmpty ? "0" : String(trimmed)), v > 0 else {
            throw ReportError("'\(text)': the parameter count must be between 1 and 2^64 - 1.")
        }
        value = v
    }

    /// Short form: 70B, 1.5T, 7B, 125M.
    public var description: String {
        for (suffix, scale) in [("T", 1e12), ("B", 1e9), ("M", 1e6), ("K", 1e3)] where Double(value) >= scale {
            let x = Double(value) / scale
            return (x == x.rounded() ? String(Int(x)) : String(format: "%.3g", x)) + suffix
        }
        return String(value)
    }
}

/// The memory needed to hold a model's parameters in each format: bits/8 bytes a parameter.
public enum MemoryReport {
    public static let defaultFormats: [FloatFormat] = [.float32, .bfloat16, .float16, .float8_e4m3fn, .float6_e2m3fn, .float4_e2m1fn]

    /// One row per format: bits per parameter, bytes (exact), GB (10^9) and GiB (2^30).
    public static func table(parameters: ParameterCount, formats: [FloatFormat]) -> Table {
        let columns: [Table.Column] = [
            .init(key: "format", title: "format"),
            .init(key: "bits", title: "bits", alignment: .right),
            .init(key: "parameters", title: "parameters", alignment: .right),
            .init(key: "bytes", title: "bytes", alignment: .right),
            .init(key: "gb", title: "GB", alignment: .right),
            .init(key: "gib", title: "GiB", alignment: .right),
        ]
        let rows: [[Cell]] = formats.map { f in
            let bits = UInt128(parameters.value) * UInt128(f.bitWidth)
            let bytes = (bits + 7) / 8
            let gb = Double(bytes) / 1e9, gib = Double(bytes) / 1_073_741_824
            return [.text(f.name), .integer(f.bitWidth), .integer(parameters.value), .integer(bytes),
                    .real(gb, .fixed(2)), .real(gib, .fixed(2))]
        }
        return Table(columns: columns, rows: rows,
                     notes: ["\(parameters) parameters; element storage only (block scales of MX or NVFP4 formats add to it)."])
    }
}
