import Foundation
import ArgumentParser
import FloatFormats
import Verification
import TensorIO

struct VectorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vectors",
        abstract: "Test vectors for a conversion: inputs that break implementations, with the expected outputs and flags.",
        discussion: """
        Groups: special values (both zeros, infinities, NaNs of both signs with several payloads), exact ties, \
        one and two source ulps around every tie and every target value, values that rounding through float16, \
        bfloat16 or float32 first turns into ties, the overflow threshold and its tie, the underflow and subnormal \
        edges; --level 2 adds seeded random values at every scale.

        --as csv: the FloatLab vector file (a commented header, then input_bits,input_value,expected_bits,expected_flags; \
        a '# group:' comment before each group). json: one object with the groups. c-header: a struct array to #include, \
        with its count and FLOATLAB_FLAG_* bits. npy: an (n, 3) uint64 array of input bits, expected bits, flag bits. \
        raw: packed little-endian records of input (the source's width), expected (the target's width) and one flag byte.
        """)

    enum VectorFormat: String, ExpressibleByArgument, CaseIterable {
        case csv, json, npy, raw
        case cHeader = "c-header"
    }

    @Option(help: "Source format.", transform: parseFormat)
    var from: FloatFormat

    @Option(help: "Target format.", transform: parseFormat)
    var to: FloatFormat

    @OptionGroup var rounding: RoundingArguments

    @OptionGroup var named: ConventionArgument

    @Option(help: "1: the structured groups; 2: also seeded random values (seeded by --seed).")
    var level: Int = 1

    @Option(name: .customLong("as"), help: "csv, json, c-header, npy or raw.")
    var format: VectorFormat = .csv

    @Option(name: .shortAndLong, help: "Write this file (atomically) instead of standard output (npy and raw need a file).")
    var output: String?

    func validate() throws {
        guard level == 1 || level == 2 else { throw ValidationError("--level is 1 (structured groups) or 2 (also random values), not \(level).") }
        if (format == .npy || format == .raw) && output == nil {
            throw ValidationError("--as \(format.rawValue) writes binary: give a file with --output.")
        }
    }

    func run() throws {
        let set = ConversionVectorSet(from: from, to: to, options: named.options(rounding, for: to), level: level, seed: rounding.seed)
        let data: Data
        switch format {
        case .csv: data = Data(set.csv().utf8)
        case .json: data = Data(set.json().utf8)
        case .cHeader: data = Data(set.cHeader().utf8)
        case .npy:
            let rows = set.entries.flatMap { [$0.input, $0.expected.code, UInt64($0.expected.flags.rawValue)] }
            data = NPYArray(dtype: .unsigned(bytes: 8), shape: [set.count, 3], data: RawElements.encode(rows, width: 8)).encoded()
        case .raw:
            var d = Data()
            for e in set.entries {
                d += RawElements.encode([e.input], width: from.storageBytes)
                d += RawElements.encode([e.expected.code], width: to.storageBytes)
                d.append(e.expected.flags.rawValue)
            }
            data = d
        }
        if let output { try AtomicFile.write(data, to: output) } else { FileHandle.standardOutput.write(data) }
    }
}
