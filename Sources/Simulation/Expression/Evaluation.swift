import FloatFormats

/// Exact (or, for ÷ and √, very precise) arithmetic to compare a simulated
/// evaluation with: MPFR supplies one (`MPFRReference.MPFRExactArithmetic`);
/// this module needs none to compute in the format.
public protocol ExactArithmetic {
    associatedtype Value
    /// A typed decimal or hex-float value, exactly.
    func literal(_ number: DecimalNumber) -> Value
    /// The value of an encoding (NaN, ±∞ included).
    func value(of code: UInt64, in format: FloatFormat) -> Value
    /// The operation on values (add, sub, mul, div, sqrt, fma).
    func apply(_ op: ArithmeticOperation, _ operands: [Value]) -> Value
    func negate(_ v: Value) -> Value
    /// (value of code − exact) / ulp(exact) in the format, ulp(x) = 2^(max(⌊log₂|x|⌋, emin) − M); NaN where undefined.
    func ulps(_ code: UInt64, in format: FloatFormat, from exact: Value) -> Double
    /// The value in decimal, to 17 significant digits (and "inf", "nan").
    func text(_ v: Value) -> String
}

/// One step of an evaluation: a literal rounded into the format, or an
/// operation on the format's values rounded once.
public struct EvaluationStep: Sendable {
    /// `t1`, `t2`, … or the variable's name.
    public let name: String
    /// What was computed: `0.1`, `t1 + t2`, `sqrt(t3)`.
    public let operation: String
    public let code: UInt64
    public let value: Double
    /// The exact value of the subexpression (every operation exact).
    public let exact: String
    /// This step's own rounding: the result against the exact operation on its rounded operands, in ulps.
    public let stepError: Double
    /// The result against the exact value of the whole subexpression, in ulps.
    public let totalError: Double
    public let flags: ExceptionFlags
}

/// An expression evaluated in a format, step by step.
public struct Evaluation: Sendable {
    public let format: FloatFormat
    public let expression: Expression
    public let steps: [EvaluationStep]
    public var result: EvaluationStep { steps[steps.count - 1] }
}

extension Expression {
    /// Evaluates the expression with every literal and every operation
    /// rounded into `format` (the core's bit-level operations, with
    /// `options`), beside the exact values from `exact`. `variables` give
    /// the values of the variables, as literals are typed.
    ///
    /// ```swift
    /// // In MPFRReference: try Expression(parsing: "0.1 + 0.2").evaluate(in: .bfloat16, exact: MPFRExactArithmetic())
    /// ```
    public func evaluate<E: ExactArithmetic>(in format: FloatFormat, options: ArithmeticOptions = .default, seed: UInt64 = 0,
                                             variables: [String: String] = [:], exact: E) throws(SimulationError) -> Evaluation {
        var steps: [EvaluationStep] = []
        var draws: UInt64 = 0
        let stream = RandomStream(seed: seed)
        var named: [String: (code: UInt64, exact: E.Value, label: String)] = [:]

        func random() -> UInt64 {
            guard case .stochastic = options.rounding.mode else { return 0 }
            defer { draws += 1 }
            return stream[draws]
        }

        func record(_ name: String, _ operation: String, _ r: RoundedResult, local: E.Value, total: E.Value) {
            steps.append(EvaluationStep(name: name, operation: operation, code: r.code, value: format.doubleValue(r.code),
                                        exact: exact.text(total), stepError: exact.ulps(r.code, in: format, from: local),
                                        totalError: exact.ulps(r.code, in: format, from: total), flags: r.flags))
        }

        func literal(_ text: String, name: String) throws(SimulationError) -> (UInt64, E.Value, String) {
            let parsed: NumberLiteral
            do { parsed = try NumberLiteral(text) } catch { throw SimulationError("'\(text)' is not a number: \(error.message)") }
            let r: RoundedResult, value: E.Value
            switch parsed {
            case .bitPattern:
                let code: UInt64
                do { code = try parsed.encoding(in: format)! } catch { throw SimulationError(error.message) }
                r = RoundedResult(code: code, flags: [])
                value = exact.value(of: code, in: format)
            case .value(let number):
                r = format.round(number, options: options.rounding, random: random())
                value = exact.literal(number)
            }
            record(name, text, r, local: value, total: value)
            return (r.code, value, name)
        }

        func walk(_ e: Expression) throws(SimulationError) -> (code: UInt64, exact: E.Value, label: String) {
            switch e {
            case .number(let text):
                return try literal(text, name: "t\(steps.count + 1)")
            case .variable(let v):
                if let known = named[v] { return known }
                guard let text = variables[v] else {
                    throw SimulationError("the variable '\(v)' has no value; give it with --let \(v)=VALUE.")
                }
                let got = try literal(text, name: v)
                named[v] = got
                return got
            case .negate(let a):
                let x = try walk(a)
                let code = format.negate(x.code)
                let total = exact.negate(x.exact)
                record("t\(steps.count + 1)", "−\(x.label)", RoundedResult(code: code, flags: []), local: exact.negate(exact.value(of: x.code, in: format)), total: total)
                return (code, total, steps[steps.count - 1].name)
            case .binary(let op, let a, let b):
                let x = try walk(a), y = try walk(b)
                let r = op.apply(format, [x.code, y.code], options: options, random: random())
                let local = exact.apply(op, [exact.value(of: x.code, in: format), exact.value(of: y.code, in: format)])
                let total = exact.apply(op, [x.exact, y.exact])
                record("t\(steps.count + 1)", "\(x.label) \(Expression.symbol(op)) \(y.label)", r, local: local, total: total)
                return (r.code, total, steps[steps.count - 1].name)
            case .squareRoot(let a):
                let x = try walk(a)
                let r = format.squareRoot(x.code, options: options, random: random())
                record("t\(steps.count + 1)", "sqrt(\(x.label))", r, local: exact.apply(.sqrt, [exact.value(of: x.code, in: format)]),
                       total: exact.apply(.sqrt, [x.exact]))
                return (r.code, exact.apply(.sqrt, [x.exact]), steps[steps.count - 1].name)
            case .fusedMultiplyAdd(let a, let b, let c):
                let x = try walk(a), y = try walk(b), z = try walk(c)
                let r = format.fusedMultiplyAdd(x.code, y.code, z.code, options: options, random: random())
                let local = exact.apply(.fma, [x.code, y.code, z.code].map { exact.value(of: $0, in: format) })
                let total = exact.apply(.fma, [x.exact, y.exact, z.exact])
                record("t\(steps.count + 1)", "fma(\(x.label), \(y.label), \(z.label))", r, local: local, total: total)
                return (r.code, total, steps[steps.count - 1].name)
            }
        }

        for v in variables.keys where !self.variables.contains(v) {
            throw SimulationError("--let \(v)=… names a variable the expression does not use (it uses \(self.variables.isEmpty ? "none" : self.variables.joined(separator: ", "))).")
        }
        _ = try walk(self)
        return Evaluation(format: format, expression: self, steps: steps)
    }
}
