import ArgumentParser
import FloatFormats
import FormatReport
import Foundation
import Quantization
import TensorIO

extension OutputFormat: ExpressibleByArgument {}
extension ValueNotation: ExpressibleByArgument {}

/// Parses one format name, turning the library's message into a usage error.
func parseFormat(_ text: String) throws -> FloatFormat {
    do {
        return try FloatFormat.named(text)
    } catch {
        throw ValidationError(error.message)
    }
}

/// Parses a comma-separated list of format names and groups (`all`, `p3109`).
func parseFormatList(_ text: String) throws -> [FloatFormat] {
    var out: [FloatFormat] = []
    for item in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !item.isEmpty {
        if let group = Catalogue.group(item) { out += group } else { out.append(try parseFormat(item)) }
    }
    guard !out.isEmpty else { throw ValidationError("--formats needs at least one format name, e.g. --formats fp32,bf16,e4m3.") }
    return out
}

/// Where and how a command writes its table.
struct OutputOptions: ParsableArguments {
    @Option(name: .customLong("as"), help: "Output format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: OutputFormat = .markdown

    @Option(name: .shortAndLong, help: "Write to this file (atomically: a temporary file renamed into place) instead of standard output.")
    var output: String?

    /// Renders and writes; a file is written whole or not at all.
    func write(_ table: Table, notation: ValueNotation = .decimal) throws {
        try emit(format.render(table, notation: notation))
    }

    func emit(_ text: String) throws {
        guard let output else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        try AtomicFile.write(text, to: output)
    }
}

// Commands check combinations of options in `validateOptions()`, the first call of `run()`, and not
// in ArgumentParser's `validate()`: that runs before unknown options are reported, so a mistyped
// option (`--schem`) would hide behind a message about the option it was meant to be.

/// An error with a message for a person and a non-zero exit.
struct CommandError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

/// The library's atomic writes, their errors as the command's.
enum AtomicFile {
    static func writeFolder(_ files: [(name: String, data: Data)], to path: String) throws {
        do { try TensorIO.AtomicFile.writeFolder(files, to: path) } catch { throw CommandError(error.message) }
    }

    static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    static func write(_ data: Data, to path: String) throws {
        do { try TensorIO.AtomicFile.write(data, to: path) } catch { throw CommandError(error.message) }
    }
}

/// NaN and ±Inf in the data a command reads: refused with their count and the first index
/// (the default), kept (`propagate`), or replaced by zero.
func screenNonfinite<T: BinaryFloatingPoint>(_ values: inout [T], policy: NonfinitePolicy, name: String) throws {
    var count = 0, first = -1
    for i in values.indices where !values[i].isFinite {
        if first < 0 { first = i }
        count += 1
        if policy == .zero { values[i] = 0 }
    }
    if count > 0 && policy == .error {
        throw CommandError("\(name): \(count) non-finite value\(count == 1 ? "" : "s") (NaN or ±Inf), the first at flat index \(first); give --nonfinite propagate to keep them or --nonfinite zero to replace them by 0.")
    }
}
