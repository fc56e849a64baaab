import Foundation
import ArgumentParser
import FloatFormats
import Verification
import TensorIO

struct VectorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vectors",
        abstract: "Test vectors for a conversion (--from, --to) or an operation (--op, --format): inputs that break implementations, with the expected outputs and flags.",
        discussion: """
        Groups: special values (both zeros, infinities, NaNs of both signs with several payloads), exact ties, \
        one and two source ulps around every tie and every target value, values that rounding through float16, \
        bfloat16 or float32 first turns into ties, the overflow threshold and its tie, the underflow and subnormal \
        edges; --level 2 adds seeded random values at every scale.

        --as csv: the FloatLab vector file (a commented header, then input_bits,input_value,expected_bits,expected_flags; \
        a '# group:' comment before each group). json: one object with the groups. c-header: a struct array to #include, \
        with its count and FLOATLAB_FLAG_* bits. npy: an (n, 3) uint64 array of input bits, expected bits, flag bits. \
        raw: packed little-endian records of input (the source's width), expected (the target's width) and one flag byte.

        With --op add|sub|mul|div|sqrt|fma|rem|min|max and --format F: the structured operand tuples \
        (TestFloat-style: special and boundary operands, exact ties, cancellation, huge exponent differences, the \
        overflow and underflow thresholds), at level 2 with seeded random tuples too; npy and raw then hold the \
        operands, the expected result and the flags per row.
        """)

    enum VectorFormat: String, ExpressibleByArgument, CaseIterable {
        case csv, json, npy, raw
        case cHeader = "c-header"
    }

    @Option(help: "Source format of a conversion.", transform: parseFormat)
    var from: FloatFormat?

    @Option(help: "Target format of a conversion.", transform: parseFormat)
    var to: FloatFormat?

    @Option(help: "An operation: \(ArithmeticVectorSet.operations.map(\.rawValue).joined(separator: ", ")).")
    var op: String?

    @Option(name: .customLong("format"), help: "The format of the operation.", transform: parseFormat)
    var operationFormat: FloatFormat?

    @OptionGroup var rounding: RoundingArguments

    @OptionGroup var named: ConventionArgument

    @Option(help: "1: the structured groups; 2: also seeded random values (seeded by --seed).")
    var level: Int = 1

    @Option(name: .customLong("as"), help: "csv, json, c-header, npy or raw.")
    var format: VectorFormat = .csv

    @Option(name: .shortAndLong, help: "Write this file (atomically) instead of standard output (npy and raw need a file).")
    var output: String?

    func validateOptions() throws {
        let conversion = from != nil || to != nil, operation = op != nil || operationFormat != nil
        guard conversion != operation else {
            throw ValidationError("give a conversion (--from F1 --to F2) or an operation (--op OP --format F), not \(conversion ? "both" : "neither").")
        }
        if conversion && (from == nil || to == nil) { throw ValidationError("a conversion needs both --from and --to.") }
        if operation {
            guard let op, let o = ArithmeticOperation(rawValue: op), ArithmeticVectorSet.operations.contains(o) else {
                throw ValidationError("--op must be one of \(ArithmeticVectorSet.operations.map(\.rawValue).joined(separator: ", ")), not '\(op ?? "")'.")
            }
            guard operationFormat != nil else { throw ValidationError("--op needs --format F.") }
            if case .stochastic = rounding.options.mode { throw ValidationError("vectors are not written for stochastic rounding: its results depend on the random integers.") }
        }
        guard level == 1 || level == 2 else { throw ValidationError("--level is 1 (structured groups) or 2 (also random values), not \(level).") }
        if (format == .npy || format == .raw) && output == nil {
            throw ValidationError("--as \(format.rawValue) writes binary: give a file with --output.")
        }
    }

    func run() throws {
        try validateOptions()
        let data: Data
        if let from, let to {
            let set = ConversionVectorSet(from: from, to: to, options: named.options(rounding, for: to), level: level, seed: rounding.seed)
            switch format {
            case .csv: data = Data(set.csv().utf8)
            case .json: data = Data(set.json().utf8)
            case .cHeader: data = Data(set.cHeader().utf8)
            case .npy: data = Self.npy(set.entries.map { [$0.input, $0.expected.code, UInt64($0.expected.flags.rawValue)] })
            case .raw: data = Self.raw(set.entries.map { ([($0.input, from.storageBytes)], $0.expected.code, to.storageBytes, $0.expected.flags) })
            }
        } else {
            let f = operationFormat!
            let set = ArithmeticVectorSet(ArithmeticOperation(rawValue: op!)!, in: f, options: named.options(rounding, for: f),
                                          level: level, seed: rounding.seed)
            switch format {
            case .csv: data = Data(set.csv().utf8)
            case .json: data = Data(set.json().utf8)
            case .cHeader: data = Data(set.cHeader().utf8)
            case .npy: data = Self.npy(set.file.vectors.map { $0.inputs + [$0.expected, UInt64($0.flags.rawValue)] })
            case .raw: data = Self.raw(set.file.vectors.map { v in (v.inputs.map { ($0, f.storageBytes) }, v.expected, f.storageBytes, v.flags) })
            }
        }
        if let output { try AtomicFile.write(data, to: output) } else { FileHandle.standardOutput.write(data) }
    }

    /// An (n, columns) uint64 array.
    static func npy(_ rows: [[UInt64]]) -> Data {
        NPYArray(dtype: .unsigned(bytes: 8), shape: [rows.count, rows.first?.count ?? 0], data: RawElements.encode(rows.flatMap { $0 }, width: 8)).encoded()
    }

    /// Packed little-endian records: the inputs, the expected result, one flag byte.
    static func raw(_ records: [(inputs: [(UInt64, Int)], expected: UInt64, width: Int, flags: ExceptionFlags)]) -> Data {
        var d = Data()
        for r in records {
            for (c, w) in r.inputs { d += RawElements.encode([c], width: w) }
            d += RawElements.encode([r.expected], width: r.width)
            d.append(r.flags.rawValue)
        }
        return d
    }
}
