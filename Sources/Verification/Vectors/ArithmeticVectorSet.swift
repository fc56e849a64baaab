import FloatFormats

/// Test vectors for an operation in one format: the structured operand
/// tuples of `StructuredOperands` (every pair of special and boundary
/// operands, exact ties, cancellation, huge exponent differences, the overflow
/// and underflow thresholds), and at level 2 seeded random tuples too, each
/// with the core's result and flags (which `floatlab verify arithmetic` checks
/// against MPFR). Written as the `TestVectorFile` CSV, JSON or a C header.
///
/// ```swift
/// let set = ArithmeticVectorSet(.add, in: .bfloat16)
/// set.file.vectors.count > 1000                 // true
/// set.cHeader().contains("floatlab_add_bfloat16_count")   // true
/// ```
public struct ArithmeticVectorSet: Sendable {
    public let operation: ArithmeticOperation
    public let format: FloatFormat
    public let level: Int
    public let seed: UInt64
    public let file: TestVectorFile
    /// Where the level-2 random tuples start in `file.vectors` (the count when there are none).
    public let randomStart: Int

    /// The operations vectors are written for: those with a deterministic result and a C form.
    public static let operations: [ArithmeticOperation] = [.add, .sub, .mul, .div, .sqrt, .fma, .rem, .min, .max]

    public init(_ op: ArithmeticOperation, in format: FloatFormat, options: RoundingOptions = .default, level: Int = 1, seed: UInt64 = 1) {
        operation = op
        self.format = format
        self.level = level
        self.seed = seed
        var tuples = StructuredOperands.tuples(op, in: format, seed: seed)
        randomStart = tuples.count
        if level >= 2 {
            let stream = RandomStream(seed: seed ^ 0xA417_4EC7)
            let pool = ConversionInputs.random(count: 8192 * op.arity, from: format, to: format, seed: seed)
            for i in 0..<4096 {
                tuples.append((0..<op.arity).map { k in pool[Int(stream[UInt64(i * op.arity + k)] % UInt64(pool.count))] })
            }
        }
        file = TestVectorFile(operation: op, in: format, options: options, inputs: tuples)
    }

    public var command: String {
        var c = "floatlab vectors --op \(operation.rawValue) --format \(format.name) --rounding \(file.options.mode.name) --overflow \(file.options.overflow.rawValue)"
        if level != 1 { c += " --level \(level) --seed \(seed)" }
        return c
    }

    /// The CSV with a `# written by:` line and a group comment before the random tuples.
    public func csv() -> String {
        var lines = file.csv().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = lines.firstIndex { $0.hasPrefix("operand_bits") }!
        lines.insert("# written by: \(command)", at: header)
        lines.insert("# group: structured — special and boundary operands, exact ties, cancellation, huge exponent differences, the overflow and underflow thresholds", at: header + 2)
        if randomStart < file.vectors.count {
            lines.insert("# group: random — seeded random operands at every scale (seed \(seed))", at: header + 3 + randomStart)
        }
        return lines.joined(separator: "\n")
    }

    /// One JSON object: the operation, format, options and the vectors (`operands`, `expected`, `flags`).
    public func json() -> String {
        func string(_ s: String) -> String { "\"" + s + "\"" }
        let vectors = file.vectors.map { v in
            "    {\"operands\": [\(v.inputs.map { string(TestVectorFile.hex($0, format)) }.joined(separator: ", "))], \"expected\": \(string(TestVectorFile.hex(v.expected, format))), \"flags\": \(string(v.flags.letters))}"
        }
        return "{\n  \"operation\": \(string(operation.rawValue)),\n  \"format\": \(string(format.name)),\n  \"rounding\": \(string(file.options.mode.name)),\n  \"overflow\": \(string(file.options.overflow.rawValue)),\n  \"count\": \(file.vectors.count),\n  \"vectors\": [\n" + vectors.joined(separator: ",\n") + "\n  ]\n}\n"
    }

    /// A C header: `struct floatlab_OP_FORMAT_vector { a[, b[, c]]; expected; flags; }`, the array and its count.
    public func cHeader() -> String {
        let name = "floatlab_\(operation.rawValue)_\(CHeader.identifier(format.name))"
        let type = CHeader.type(format)
        let guardName = name.uppercased() + "_H"
        let fields = ["a", "b", "c"].prefix(operation.arity)
        let literal = { CHeader.literal($0, format) }
        var lines = [
            "/* FloatLab test vectors: \(operation.rawValue) in \(format.name), rounding \(file.options.mode.name), overflow \(file.options.overflow.rawValue).",
            " * Written by `\(command) --as c-header`. Each vector: the operands' bits, the expected result's bits",
            " * and the exception flags (FLOATLAB_FLAG_*\(operation == .fma ? "; fma computes a·b + c" : "")). */",
            "#ifndef \(guardName)", "#define \(guardName)", "",
        ] + CHeader.prelude + [
            "struct \(name)_vector {",
        ]
        lines += fields.map { "    \(type) \($0);" }
        lines += ["    \(type) expected;", "    uint8_t flags;", "};", "", "static const struct \(name)_vector \(name)_vectors[] = {",
                  "    /* structured: special and boundary operands, ties, cancellation, exponent gaps, overflow and underflow */"]
        for (i, v) in file.vectors.enumerated() {
            if i == randomStart { lines.append("    /* random: seeded operands at every scale (seed \(seed)) */") }
            lines.append("    {" + v.inputs.map(literal).joined(separator: ", ") + ", \(literal(v.expected)), 0x\(String(v.flags.rawValue, radix: 16))u},")
        }
        lines += CHeader.ending(name, guard: guardName)
        return lines.joined(separator: "\n") + "\n"
    }
}
