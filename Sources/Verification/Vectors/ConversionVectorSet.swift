import FloatFormats

/// Conversion vectors with their expected results, ready to write: CSV (the
/// `TestVectorFile` format, with a comment line per group), JSON, or a C
/// header to `#include` in a C, C++ or CUDA test.
///
/// ```swift
/// let set = ConversionVectorSet(from: .float32, to: .float8_e4m3fn)
/// set.count > 500                                    // true
/// set.cHeader().contains("floatlab_float32_to_float8_e4m3fn_count")   // true
/// ```
public struct ConversionVectorSet: Sendable {
    public struct Entry: Sendable, Hashable {
        public let input: UInt64
        public let expected: RoundedResult
    }

    public let source: FloatFormat
    public let target: FloatFormat
    public let options: RoundingOptions
    public let level: Int
    public let seed: UInt64
    public let groups: [(group: ConversionVectors.Group, entries: [Entry])]

    /// The vectors of `ConversionVectors.groups`, each converted by the core
    /// (stochastic rounding: input i of the whole set draws the i-th integer
    /// of a stream seeded by `seed`).
    public init(from source: FloatFormat, to target: FloatFormat, options: RoundingOptions = .default, level: Int = 1, seed: UInt64 = 1) {
        self.source = source
        self.target = target
        self.options = options
        self.level = level
        self.seed = seed
        let stream = RandomStream(seed: seed)
        var index: UInt64 = 0
        groups = ConversionVectors.groups(from: source, to: target, level: level, seed: seed).map { g in
            (g, g.inputs.map { c in
                defer { index += 1 }
                return Entry(input: c, expected: (try? target.convert(c, from: source, options: options, random: stream[index]))
                             ?? RoundedResult(code: 0, flags: .invalid))
            })
        }
    }

    public var count: Int { groups.reduce(0) { $0 + $1.entries.count } }
    public var entries: [Entry] { groups.flatMap(\.entries) }

    /// The command that writes these vectors.
    public var command: String {
        var c = "floatlab vectors --from \(source.name) --to \(target.name) --rounding \(options.mode.name) --overflow \(options.overflow.rawValue)"
        if options.nan != .keep { c += " --nan \(options.nan.rawValue)" }
        if level != 1 { c += " --level \(level)" }
        if level >= 2 { c += " --seed \(seed)" }
        return c
    }

    /// The `TestVectorFile` CSV, with `# group: NAME — PURPOSE` before each group's rows.
    public func csv() -> String {
        let file = TestVectorFile(kind: .conversion(from: source, to: target), options: options,
                                  vectors: entries.map { .init(inputs: [$0.input], expected: $0.expected.code, flags: $0.expected.flags) })
        let lines = file.csv().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Header lines up to and including the column names, then the rows group by group.
        let headerCount = lines.firstIndex { $0.hasPrefix("input_bits") }! + 1
        var out = Array(lines[..<headerCount])
        out.insert("# written by: \(command)", at: headerCount - 1)
        var row = headerCount
        for (g, e) in groups {
            out.append("# group: \(g.name) — \(g.purpose)")
            out += lines[row..<(row + e.count)]
            row += e.count
        }
        return out.joined(separator: "\n") + "\n"
    }

    func hex(_ c: UInt64, _ f: FloatFormat) -> String { TestVectorFile.hex(c, f) }
    func value(_ c: UInt64, _ f: FloatFormat) -> String { TestVectorFile.value(c, f) }

    /// The shortest decimal that reads back to the encoding (for comments), or inf / nan.
    func short(_ c: UInt64, _ f: FloatFormat) -> String {
        let d = f.decodeUnchecked(c)
        guard let v = d.value else { return TestVectorFile.value(c, f) }
        if v.isZero { return v.isNegative ? "-0" : "0" }
        return (v.isNegative ? "-" : "") + (f.shortestDecimal(of: c)?.automatic() ?? v.exactDecimal())
    }

    /// One JSON object: the conversion, the options, and the groups with their vectors
    /// (`input`, `input_value`, `expected`, `expected_value`, `flags`).
    public func json() -> String {
        func string(_ s: String) -> String {
            "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        var parts: [String] = []
        for (g, entries) in groups {
            let vectors = entries.map { e in
                "      {\"input\": \(string(hex(e.input, source))), \"input_value\": \(string(value(e.input, source))), \"expected\": \(string(hex(e.expected.code, target))), \"expected_value\": \(string(value(e.expected.code, target))), \"flags\": \(string(e.expected.flags.letters))}"
            }
            parts.append("    {\"name\": \(string(g.name)), \"purpose\": \(string(g.purpose)), \"vectors\": [\n" + vectors.joined(separator: ",\n") + "\n    ]}")
        }
        return "{\n  \"from\": \(string(source.name)),\n  \"to\": \(string(target.name)),\n  \"rounding\": \(string(options.mode.name)),\n  \"overflow\": \(string(options.overflow.rawValue)),\n  \"count\": \(count),\n  \"groups\": [\n" + parts.joined(separator: ",\n") + "\n  ]\n}\n"
    }

    /// A C header: `struct floatlab_NAME_vector { input; expected; flags; }`,
    /// the array `floatlab_NAME_vectors` with a comment before each group and each
    /// row's values, the count `floatlab_NAME_count`, and the flag bits.
    public func cHeader() -> String {
        let name = "floatlab_\(CHeader.identifier(source.name))_to_\(CHeader.identifier(target.name))"
        let guardName = name.uppercased() + "_H"
        let inType = CHeader.type(source), outType = CHeader.type(target)
        let literal = CHeader.literal
        var lines = [
            "/* FloatLab test vectors: \(source.name) -> \(target.name), rounding \(options.mode.name), overflow \(options.overflow.rawValue).",
            " * Written by `\(command) --as c-header`.",
            " * Each vector: the input's bits, the expected result's bits, and the exception flags",
            " * a conversion raises (FLOATLAB_FLAG_*). Groups say what they test. */",
            "#ifndef \(guardName)", "#define \(guardName)", "",
        ] + CHeader.prelude + [
            "struct \(name)_vector {", "    \(inType) input;     /* \(source.name) bits */",
            "    \(outType) expected;  /* \(target.name) bits */", "    uint8_t flags;       /* FLOATLAB_FLAG_* */", "};", "",
            "static const struct \(name)_vector \(name)_vectors[] = {",
        ]
        for (g, entries) in groups {
            lines.append("    /* \(g.name): \(g.purpose) (\(entries.count)) */")
            for e in entries {
                lines.append("    {\(literal(e.input, source)), \(literal(e.expected.code, target)), 0x\(String(e.expected.flags.rawValue, radix: 16))u}, /* \(short(e.input, source)) -> \(short(e.expected.code, target)) */")
            }
        }
        lines += CHeader.ending(name, guard: guardName)
        return lines.joined(separator: "\n") + "\n"
    }
}
