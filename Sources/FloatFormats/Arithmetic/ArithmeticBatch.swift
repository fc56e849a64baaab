/// The text form of `floatlab arith`: one operation per line, its operands
/// as `0x…` bit patterns of the format or decimals (each rounded into the
/// format first, with the same options), separated by spaces (or tabs or
/// commas; CRLF line ends are accepted); one result per
/// line, `0xRESULT FLAGS` (flags as `v z o u x`, or `-`). Blank lines and
/// lines starting with `#` are skipped. Stochastic rounding takes the i-th
/// random integer of the seed's stream for the i-th operation (and, for a
/// decimal operand, the next ones of a separate stream).
///
/// ```swift
/// let batch = ArithmeticBatch(format: .float8_e4m3fn, operation: .add)
/// let out = try? batch.evaluate(lines: "0x38 0x38\n1 0.1")   // "0x40 -\n0x39 x\n"
/// ```
public struct ArithmeticBatch: Sendable {
    public let format: FloatFormat
    public let operation: ArithmeticOperation
    public var options: ArithmeticOptions
    public var seed: UInt64

    public init(format: FloatFormat, operation: ArithmeticOperation, options: ArithmeticOptions = .default, seed: UInt64 = 0) {
        self.format = format
        self.operation = operation
        self.options = options
        self.seed = seed
    }

    /// The results of every line, or an error naming the first bad line.
    public func evaluate(lines text: String) throws(FormatError) -> String {
        let noise = RoundingNoise(seed: seed), operandNoise = RoundingNoise(seed: seed ^ 0x5DEE_CE66_D1CE_4E5B)
        let digits = (format.bitWidth + 3) / 4
        var out = ""
        var index: UInt64 = 0, operandIndex: UInt64 = 0
        for (number, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let item = line.trimmingCharacters(in: .whitespacesAndNewlines)   // CRLF files too
            if item.isEmpty || item.hasPrefix("#") { continue }
            let fields = item.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init)
            guard fields.count == operation.arity else {
                throw FormatError("line \(number + 1): \(operation.rawValue) takes \(operation.arity) operand\(operation.arity == 1 ? "" : "s") (a·b + c for fma), this line has \(fields.count): '\(item)'.")
            }
            var operands: [UInt64] = []
            for field in fields {
                do throws(FormatError) {
                    switch try NumberLiteral(field) {
                    case .bitPattern:
                        operands.append(try NumberLiteral(field).encoding(in: format)!)
                    case .value(let decimal):
                        operands.append(format.round(decimal, options: options.rounding, random: UInt64(operandNoise[operandIndex])).code)
                        operandIndex += 1
                    }
                } catch {
                    throw FormatError("line \(number + 1): \(error.message)")
                }
            }
            let r = operation.apply(format, operands, options: options, random: UInt64(noise[index]))
            index += 1
            let hex = String(r.code, radix: 16)   // lower case, as floatlab convert prints bit patterns
            out += "0x" + String(repeating: "0", count: Swift.max(0, digits - hex.count)) + hex + " " + r.flags.letters + "\n"
        }
        return out
    }
}
