import FloatFormats
import FuzzSupport

// `floatlab arith`'s line reader and the operations behind it: operands as
// bit patterns or decimals, one operation per line, in any format and mode.
runFuzzer { input in
    let format = input.pick(FuzzInput.formats)
    let operation = input.pick(ArithmeticOperation.allCases)
    let mode = input.pick(FuzzInput.modes)
    let batch = ArithmeticBatch(format: format, operation: operation,
                                options: ArithmeticOptions(rounding: RoundingOptions(mode: mode)), seed: 11)
    guard let output = try? batch.evaluate(lines: input.text) else { return }
    for line in output.split(separator: "\n") {
        let fields = line.split(separator: " ")
        require(fields.count == 2 && fields[0].hasPrefix("0x"), "output line '\(line)'")
        let code = UInt64(fields[0].dropFirst(2), radix: 16)
        require(code.map { (try? format.validate(code: $0)) != nil } == true, "\(line) is not an encoding of \(format.name)")
    }
}
