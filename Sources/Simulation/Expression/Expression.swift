import FloatFormats

/// An arithmetic expression as `floatlab eval` reads it: numbers (decimal,
/// hex float, or a `0x…` bit pattern of the format), variables, + − × ÷
/// (also written * and /), unary minus, parentheses, `sqrt(x)` and
/// `fma(a, b, c)` (a·b + c rounded once).
///
/// ```swift
/// let e = try Expression(parsing: "(0.1 + 0.2) * x")
/// e.description           // "((0.1 + 0.2) × x)"
/// e.variables             // ["x"]
/// ```
public indirect enum Expression: Hashable, Sendable, CustomStringConvertible {
    case number(String)
    case variable(String)
    case negate(Expression)
    case binary(ArithmeticOperation, Expression, Expression)
    case squareRoot(Expression)
    case fusedMultiplyAdd(Expression, Expression, Expression)

    public var description: String {
        switch self {
        case .number(let t), .variable(let t): return t
        case .negate(let e): return "−" + e.description
        case .binary(let op, let a, let b): return "(\(a) \(Self.symbol(op)) \(b))"
        case .squareRoot(let e): return "sqrt(\(e))"
        case .fusedMultiplyAdd(let a, let b, let c): return "fma(\(a), \(b), \(c))"
        }
    }

    static func symbol(_ op: ArithmeticOperation) -> String {
        switch op {
        case .add: return "+"
        case .sub: return "−"
        case .mul: return "×"
        case .div: return "÷"
        default: return op.rawValue
        }
    }

    /// The variables the expression names, in order of first use.
    public var variables: [String] {
        var out: [String] = []
        func walk(_ e: Expression) {
            switch e {
            case .number: break
            case .variable(let v): if !out.contains(v) { out.append(v) }
            case .negate(let a), .squareRoot(let a): walk(a)
            case .binary(_, let a, let b): walk(a); walk(b)
            case .fusedMultiplyAdd(let a, let b, let c): walk(a); walk(b); walk(c)
            }
        }
        walk(self)
        return out
    }

    /// Parses an expression; the error names the character where it went wrong.
    public init(parsing text: String) throws(SimulationError) {
        var parser = ExpressionParser(text)
        self = try parser.parse()
    }
}

/// A recursive-descent parser for `Expression`.
struct ExpressionParser {
    private let text: String
    private let chars: [Character]
    private var i = 0

    init(_ text: String) {
        self.text = text
        chars = Array(text)
    }

    private func fail(_ what: String) -> SimulationError {
        let at = i < chars.count ? "at character \(i + 1) ('\(chars[i])')" : "at the end"
        return SimulationError("in '\(text)' \(at): \(what). Expressions take numbers, variables, + − × ÷ (or * /), parentheses, sqrt(x) and fma(a, b, c).")
    }

    private mutating func skipSpace() { while i < chars.count && chars[i].isWhitespace { i += 1 } }

    private mutating func peek() -> Character? {
        skipSpace()
        return i < chars.count ? chars[i] : nil
    }

    mutating func parse() throws(SimulationError) -> Expression {
        guard peek() != nil else { throw fail("an empty expression") }
        let e = try sum()
        if peek() != nil { throw fail("an unexpected character") }
        return e
    }

    private mutating func sum() throws(SimulationError) -> Expression {
        var e = try product()
        while let c = peek(), c == "+" || c == "-" || c == "−" {
            i += 1
            e = .binary(c == "+" ? .add : .sub, e, try product())
        }
        return e
    }

    private mutating func product() throws(SimulationError) -> Expression {
        var e = try unary()
        while let c = peek(), "*×·/÷".contains(c) {
            i += 1
            e = .binary(c == "/" || c == "÷" ? .div : .mul, e, try unary())
        }
        return e
    }

    private mutating func unary() throws(SimulationError) -> Expression {
        guard let c = peek() else { throw fail("an operand is missing") }
        if c == "-" || c == "−" {
            i += 1
            // A minus before a number is the number's sign: −0.1 is rounded as one literal.
            let operand = try unary()
            if case .number(let t) = operand, !t.hasPrefix("-") { return .number("-" + t) }
            return .negate(operand)
        }
        if c == "+" { i += 1; return try unary() }
        return try primary()
    }

    private mutating func primary() throws(SimulationError) -> Expression {
        guard let c = peek() else { throw fail("an operand is missing") }
        if c == "(" {
            i += 1
            let e = try sum()
            guard peek() == ")" else { throw fail("a closing parenthesis is missing") }
            i += 1
            return e
        }
        if c.isNumber || c == "." {
            let start = i
            while i < chars.count {
                let d = chars[i]
                if d.isLetter || d.isNumber || d == "." || d == "_" {
                    i += 1
                } else if (d == "+" || d == "-"), i > start, "eEpP".contains(chars[i - 1]),
                          !(chars[start...].starts(with: "0x") && !chars[start..<i].contains(".") && !chars[start..<i].contains("p") && "eE".contains(chars[i - 1])) {
                    i += 1   // the sign of an exponent: 1e-3, 0x1p-3
                } else {
                    break
                }
            }
            return .number(String(chars[start..<i]))
        }
        if c.isLetter || c == "_" {
            let start = i
            while i < chars.count && (chars[i].isLetter || chars[i].isNumber || chars[i] == "_") { i += 1 }
            let name = String(chars[start..<i])
            if peek() == "(" {
                i += 1
                var args: [Expression] = []
                if peek() != ")" {
                    args.append(try sum())
                    while peek() == "," { i += 1; args.append(try sum()) }
                }
                guard peek() == ")" else { throw fail("a closing parenthesis is missing") }
                i += 1
                switch (name.lowercased(), args.count) {
                case ("sqrt", 1): return .squareRoot(args[0])
                case ("fma", 3): return .fusedMultiplyAdd(args[0], args[1], args[2])
                case ("sqrt", _), ("fma", _):
                    throw fail("\(name) takes \(name.lowercased() == "sqrt" ? "one argument" : "three arguments"), not \(args.count)")
                default: throw fail("unknown function '\(name)'")
                }
            }
            if ["inf", "infinity", "nan"].contains(name.lowercased()) { return .number(name) }
            return .variable(name)
        }
        throw fail("an operand is missing")
    }
}
