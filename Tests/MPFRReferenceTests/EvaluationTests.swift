import Testing
import FloatFormats
import MPFRReference
import Simulation

/// `Expression.evaluate` with MPFR's exact side: results, step errors against exact fractions.
@Suite struct EvaluationTests {
    @Test("documented example: 0.1 + 0.2 in bfloat16")
    func documented() throws {
        let steps = try Expression(parsing: "0.1 + 0.2").evaluate(in: .bfloat16, exact: MPFRExactArithmetic()).steps
        #expect(steps.map(\.operation) == ["0.1", "0.2", "t1 + t2"])
        #expect(steps[2].value == 0.30078125)
    }

    @Test("1/3 in float32: 0x3eaaaaab, a third of an ulp above, as the exact fraction (3·11184811 − 2^25)/3 says")
    func third() throws {
        let e = try Expression(parsing: "1 / 3").evaluate(in: .float32, exact: MPFRExactArithmetic())
        #expect(e.result.code == 0x3EAA_AAAB)
        #expect(abs(e.result.stepError - 1.0 / 3.0) < 1e-12 && abs(e.result.totalError - 1.0 / 3.0) < 1e-12)
        #expect(e.result.flags == .inexact)
    }

    @Test("step error against the rounded operands, total error against the exact subexpression; a variable rounded once and reused")
    func propagation() throws {
        // x = 0.1 in bfloat16 is 0x3dcd = 0.10009765625 (error 0.2 ulp of 2^-11: (0.10009765625 − 0.1)·2^11).
        let e = try Expression(parsing: "x * 10 - x * 10").evaluate(in: .bfloat16, variables: ["x": "0.1"], exact: MPFRExactArithmetic())
        #expect(e.steps.filter { $0.name == "x" }.count == 1)
        #expect(abs(e.steps[0].stepError - (0.10009765625 - 0.1) * 2048) < 1e-12)
        #expect(e.result.code == 0 && e.result.totalError == 0)
        // x·10 = 1.0009765625 exactly needs 11 bits: bfloat16 gives 1.0, −0.125 ulp (ulp 2^-7) of its own step.
        let product = e.steps.first { $0.operation == "x × t2" }!
        #expect(product.value == 1.0 && abs(product.stepError - (1.0 - 1.0009765625) * 128) < 1e-12)
        #expect(abs(product.totalError - 0.0) < 1e-12, "the rounding errors of 0.1 and of the product cancel: 1.0 is the exact 0.1·10")
    }

    @Test("fma rounds once; sqrt; negation is exact; the mode and stochastic seed are honoured")
    func operations() throws {
        // a = 0x3f83 = 1 + 3·2^-7: a·a − 1 = 6·2^-7 + 9·2^-14 exactly (a float64), rounded once by fma; the separate
        // product rounds a·a to 1 + 6·2^-7 first.
        let a = 1 + 3 * 0x1p-7
        let fma = try Expression(parsing: "fma(0x3f83, 0x3f83, -1)").evaluate(in: .bfloat16, exact: MPFRExactArithmetic())
        #expect(fma.result.code == FloatFormat.bfloat16.round(a * a - 1).code)
        #expect(fma.result.value == 0.04736328125)
        let separate = try Expression(parsing: "0x3f83 * 0x3f83 - 1").evaluate(in: .bfloat16, exact: MPFRExactArithmetic())
        #expect(separate.result.value == 6 * 0x1p-7)
        let neg = try Expression(parsing: "-(sqrt(2))").evaluate(in: .float16, exact: MPFRExactArithmetic())
        #expect(neg.result.code == 0xBDA8 && neg.result.stepError == 0)
        let down = try Expression(parsing: "1 / 3").evaluate(in: .float32, options: ArithmeticOptions(rounding: RoundingOptions(mode: .down)),
                                                            exact: MPFRExactArithmetic())
        #expect(down.result.code == 0x3EAA_AAAA)
    }

    @Test("refusals: an unknown variable, a --let the expression does not use, a bad number, a bit pattern too wide")
    func refusals() {
        func message(_ text: String, _ variables: [String: String] = [:]) -> String {
            do { _ = try Expression(parsing: text).evaluate(in: .bfloat16, variables: variables, exact: MPFRExactArithmetic()); return "" }
            catch { return error.message }
        }
        #expect(message("x + 1").contains("--let x=VALUE"))
        #expect(message("1 + 1", ["y": "2"]).contains("does not use"))
        #expect(message("1.2.3 + 1").contains("'1.2.3' is not a number"))
        #expect(message("0x1ffff + 1").contains("0x1ffff"))
    }
}
