import FloatFormats
import FuzzSupport

// The number-literal parser (decimal, 0x/0b bit pattern, hex float) and the
// exact decimal rounding behind it. A value that parses rounds into a format;
// the shortest decimal and the exact decimal of the result round back to it.
runFuzzer { input in
    let format = input.pick(FuzzInput.formats)
    let text = input.text
    guard let literal = try? NumberLiteral(text) else { return }
    switch literal {
    case .bitPattern:
        _ = try? literal.encoding(in: format)
    case .value(let number):
        let code = format.round(number).code
        guard let value = try? format.value(of: code), !value.isZero else { return }
        let sign = value.isNegative ? "-" : ""
        if let shortest = format.shortestDecimal(of: code) {
            let back = (try? DecimalNumber(sign + shortest.scientific())).map { format.round($0).code }
            require(back == code, "\(text) → \(format.name) 0x\(String(code, radix: 16)); its shortest decimal \(sign + shortest.scientific()) reads back as \(back.map { String($0, radix: 16) } ?? "an error")")
        }
        let exact = value.exactDecimal()
        let back = (try? DecimalNumber(exact)).map { format.round($0).code }
        require(back == code, "\(format.name) 0x\(String(code, radix: 16)): its exact decimal \(exact) reads back as \(back.map { String($0, radix: 16) } ?? "an error")")
    }
}
