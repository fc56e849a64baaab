import ArgumentParser
import FloatFormats
import Foundation

struct Arith: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Correctly rounded arithmetic in a format, one operation per input line.",
        discussion: """
        Each line of standard input (or --input) holds the operands, separated by spaces: 0x… bit \
        patterns of --format, or decimals (each rounded into the format first, with the same options). \
        One for sqrt, two for add, sub, mul, div, rem (the IEEE remainder), min and max (IEEE 754-2019 \
        minimum and maximum), three for fma (a·b + c). Each output line is \
        0xRESULT FLAGS, the flags as v z o u x, or -. Results are computed on the bits and checked \
        against MPFR by `floatlab verify arithmetic`.
        """)

    @Option(help: "The format of operands and results.", transform: parseFormat)
    var format: FloatFormat

    @Option(help: "The operation: \(ArithmeticOperation.allCases.map(\.rawValue).joined(separator: ", ")).", transform: parseOperation)
    var op: ArithmeticOperation

    @OptionGroup var rounding: RoundingArguments

    @Option(help: "Which NaN an operation on NaNs returns: \(NaNPropagation.allCases.map(\.rawValue).joined(separator: ", ")).")
    var nanPropagation: NaNPropagation = .firstOperand

    @Option(help: "Read this file instead of standard input.")
    var input: String?

    func run() throws {
        let text: String
        if let input {
            guard let data = FileManager.default.contents(atPath: input) else { throw CommandError("cannot read \(input): no such file, or not readable.") }
            text = String(decoding: data, as: UTF8.self)
        } else {
            text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        }
        let batch = ArithmeticBatch(format: format, operation: op,
                                    options: ArithmeticOptions(rounding: rounding.options, nanPropagation: nanPropagation),
                                    seed: rounding.seed)
        do {
            print(try batch.evaluate(lines: text), terminator: "")
        } catch {
            throw CommandError((input.map { "\($0): " } ?? "") + error.message)
        }
    }
}

extension NaNPropagation: ExpressibleByArgument {}

func parseOperation(_ text: String) throws -> ArithmeticOperation {
    guard let op = ArithmeticOperation(rawValue: text) else {
        throw ValidationError("unknown operation '\(text)'; the operations are \(ArithmeticOperation.allCases.map(\.rawValue).joined(separator: ", ")).")
    }
    return op
}
