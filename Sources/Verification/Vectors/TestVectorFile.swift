import Foundation
import FloatFormats

/// A file of test vectors: inputs with the expected output and flags, for a
/// conversion between two formats or an operation in one, with the rounding
/// and overflow options written in its header. FloatLab writes them (the
/// expected results are the core's, which `floatlab verify` checks against
/// MPFR) and reads them back, as can any CSV reader:
///
/// ```text
/// # floatlab test vectors
/// # conversion: float32 -> float8_e4m3fn
/// # rounding: nearest-even
/// # overflow: ieee
/// input_bits,input_value,expected_bits,expected_flags
/// 0x3F800000,1,0x38,-
/// 0x43E80000,464,0x7E,x
/// ```
///
/// A `# nan: sign` or `# nan: canonical` line follows when NaN results were
/// written that way. Arithmetic files say `# operation: add in bfloat16` and hold the operands,
/// separated by spaces, in `operand_bits` and `operand_values`. Values are exact
/// decimals; flags are the letters v z o u x, or `-` for none.
///
/// ```swift
/// let file = TestVectorFile(conversionFrom: .float32, to: .float8_e4m3fn, inputs: [0x3F80_0000, 0x43E8_0000])
/// file.vectors.map(\.expected)                     // [56, 126]: 0x38 and 0x7E, 1 and 448
/// try TestVectorFile(csv: file.csv()) == file      // true
/// ```
public struct TestVectorFile: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case conversion(from: FloatFormat, to: FloatFormat)
        case arithmetic(ArithmeticOperation, FloatFormat)
    }

    public struct Vector: Hashable, Sendable {
        /// The input encodings: one for a conversion, the operation's arity for arithmetic.
        public var inputs: [UInt64]
        public var expected: UInt64
        public var flags: ExceptionFlags
        public init(inputs: [UInt64], expected: UInt64, flags: ExceptionFlags) {
            self.inputs = inputs; self.expected = expected; self.flags = flags
        }
    }

    public var kind: Kind
    public var options: RoundingOptions
    public var vectors: [Vector]

    public init(kind: Kind, options: RoundingOptions, vectors: [Vector]) {
        self.kind = kind; self.options = options; self.vectors = vectors
    }

    /// Vectors of a conversion, the expected results computed by the core.
    public init(conversionFrom source: FloatFormat, to target: FloatFormat, options: RoundingOptions = .default, inputs: [UInt64]) {
        let vectors = inputs.map { c -> Vector in
            let r = (try? target.convert(c, from: source, options: options)) ?? RoundedResult(code: target.canonicalNaN ?? 0, flags: .invalid)
            return Vector(inputs: [c], expected: r.code, flags: r.flags)
        }
        self.init(kind: .conversion(from: source, to: target), options: options, vectors: vectors)
    }

    /// Vectors of an operation, the expected results computed by the core (stochastic rounding is not offered: its results depend on the random integers).
    public init(operation op: ArithmeticOperation, in format: FloatFormat, options: RoundingOptions = .default, inputs: [[UInt64]]) {
        let vectors = inputs.map { t -> Vector in
            let r = op.apply(format, t, options: ArithmeticOptions(rounding: options))
            return Vector(inputs: t, expected: r.code, flags: r.flags)
        }
        self.init(kind: .arithmetic(op, format), options: options, vectors: vectors)
    }

    var inputFormat: FloatFormat {
        switch kind {
        case .conversion(let s, _): return s
        case .arithmetic(_, let f): return f
        }
    }
    var outputFormat: FloatFormat {
        switch kind {
        case .conversion(_, let t): return t
        case .arithmetic(_, let f): return f
        }
    }

    // MARK: CSV

    /// The file's text: the header comments, the column names, one row per vector.
    public func csv() -> String {
        var lines = ["# floatlab test vectors"]
        switch kind {
        case .conversion(let s, let t): lines.append("# conversion: \(s.name) -> \(t.name)")
        case .arithmetic(let op, let f): lines.append("# operation: \(op.rawValue) in \(f.name)")
        }
        lines.append("# rounding: \(options.mode.name)")
        lines.append("# overflow: \(options.overflow.rawValue)")
        if options.nan != .keep { lines.append("# nan: \(options.nan.rawValue)") }
        let conversion: Bool
        if case .conversion = kind { conversion = true } else { conversion = false }
        lines.append(conversion ? "input_bits,input_value,expected_bits,expected_flags" : "operand_bits,operand_values,expected_bits,expected_flags")
        let source = inputFormat, target = outputFormat
        for v in vectors {
            let bits = v.inputs.map { Self.hex($0, source) }.joined(separator: " ")
            let values = v.inputs.map { Self.value($0, source) }.joined(separator: " ")
            lines.append("\(bits),\(values),\(Self.hex(v.expected, target)),\(v.flags.letters)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Reads a file FloatLab wrote (or one written the same way); `name` names it in errors.
    public init(csv text: String, name: String = "the vector file") throws(VerificationError) {
        var kind: Kind?
        var options = RoundingOptions.default
        var vectors: [Vector] = []
        var sawColumns = false
        // Any line end: "\r\n" is one Character, a newline.
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = String(raw)
            let place = "\(name), line \(index + 1)"
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            if line.hasPrefix("#") {
                let body = line.dropFirst().trimmingCharacters(in: .whitespaces)
                guard let colon = body.firstIndex(of: ":") else { continue }
                let key = body[..<colon].trimmingCharacters(in: .whitespaces)
                let value = body[body.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                do {
                    switch key {
                    case "conversion":
                        let parts = value.components(separatedBy: "->").map { $0.trimmingCharacters(in: .whitespaces) }
                        guard parts.count == 2 else { throw VerificationError("\(place): write the conversion as 'SOURCE -> TARGET', not '\(value)'") }
                        kind = .conversion(from: try FloatFormat.named(parts[0]), to: try FloatFormat.named(parts[1]))
                    case "operation":
                        let parts = value.components(separatedBy: " in ")
                        guard parts.count == 2, let op = ArithmeticOperation(rawValue: parts[0].trimmingCharacters(in: .whitespaces)) else {
                            throw VerificationError("\(place): write the operation as 'OP in FORMAT' (OP one of \(ArithmeticOperation.allCases.map(\.rawValue).joined(separator: ", "))), not '\(value)'")
                        }
                        kind = .arithmetic(op, try FloatFormat.named(parts[1].trimmingCharacters(in: .whitespaces)))
                    case "rounding": options.mode = try RoundingMode(name: value)
                    case "overflow": options.overflow = try OverflowPolicy(name: value)
                    case "nan":
                        guard let n = NaNHandling(rawValue: value) else {
                            throw VerificationError("\(place): '\(value)' is not a NaN handling (keep, sign, canonical)")
                        }
                        options.nan = n
                    default: break
                    }
                } catch let e as VerificationError {
                    throw e
                } catch {
                    throw VerificationError("\(place): \(error)")
                }
                continue
            }
            guard let kind else { throw VerificationError("\(place): no '# conversion: A -> B' or '# operation: OP in F' line before the vectors; is this a FloatLab vector file?") }
            if !sawColumns {
                sawColumns = true
                if line.hasPrefix("input_bits") || line.hasPrefix("operand_bits") { continue }
            }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == 4 else { throw VerificationError("\(place): \(fields.count) fields, expected 4 (bits, values, expected bits, expected flags)") }
            let source: FloatFormat, target: FloatFormat, arity: Int
            switch kind {
            case .conversion(let s, let t): (source, target, arity) = (s, t, 1)
            case .arithmetic(let op, let f): (source, target, arity) = (f, f, op.arity)
            }
            let inputs = fields[0].split(separator: " ").map(String.init)
            guard inputs.count == arity else { throw VerificationError("\(place): \(inputs.count) input encodings, expected \(arity)") }
            var codes: [UInt64] = []
            for i in inputs { codes.append(try Self.code(i, in: source, place: place)) }
            let expected = try Self.code(fields[2], in: target, place: place)
            guard let flags = ExceptionFlags(letters: fields[3]) else { throw VerificationError("\(place): '\(fields[3])' is not a set of flags (letters v z o u x, or -)") }
            vectors.append(Vector(inputs: codes, expected: expected, flags: flags))
        }
        guard let kind else { throw VerificationError("\(name): no '# conversion: A -> B' or '# operation: OP in F' line; is this a FloatLab vector file?") }
        self.init(kind: kind, options: options, vectors: vectors)
    }

    static func hex(_ c: UInt64, _ f: FloatFormat) -> String {
        let h = String(c, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: max(0, (f.bitWidth + 3) / 4 - h.count)) + h
    }

    static func value(_ c: UInt64, _ f: FloatFormat) -> String {
        if let v = f.decodeUnchecked(c).value { return v.exactDecimal() }
        if f.isNaN(c) { return f.isSigned && c & f.signMask != 0 ? "-nan" : "nan" }
        return f.isSigned && c & f.signMask != 0 ? "-inf" : "inf"
    }

    static func code(_ text: String, in f: FloatFormat, place: String) throws(VerificationError) -> UInt64 {
        let digits = text.lowercased().hasPrefix("0x") ? String(text.dropFirst(2)) : ""
        guard let c = UInt64(digits, radix: 16), c & ~f.encodingMask == 0 else {
            throw VerificationError("\(place): '\(text)' is not a 0x… encoding of \(f.name) (\(f.bitWidth) bits)")
        }
        return c
    }
}
