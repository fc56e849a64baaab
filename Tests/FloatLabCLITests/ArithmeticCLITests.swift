import Foundation
import Testing
import FloatLabTestSupport

/// `floatlab arith` and `floatlab verify arithmetic` end to end.
@Suite struct ArithmeticCLITests {
    @Test("arith: bit patterns and decimals in, 0xRESULT FLAGS out, one line each (blank and # lines skipped)")
    func batch() throws {
        let r = try floatlab(["arith", "--format", "e4m3", "--op", "add"], stdin: "0x38 0x38\n# a comment\n\n1 0.1\n448 448\n")
        #expect(r.status == 0, "\(r.stderr)")
        // 1 + 1 = 2; 1 + RN(0.1) = 1 + 0.1015625 → 1.125 inexact; 448 + 448 overflows to NaN.
        #expect(r.stdout == "0x40 -\n0x39 x\n0x7f ox\n")
        // CRLF line ends, tabs and commas between operands.
        let crlf = try floatlab(["arith", "--format", "e4m3", "--op", "add"], stdin: "0x38\t0x38\r\n1, 0.1\r\n")
        #expect(crlf.status == 0 && crlf.stdout == "0x40 -\n0x39 x\n", "\(crlf.stderr)")
    }

    @Test("arith: fma takes three operands and rounds once; sqrt one; div by zero raises z")
    func arities() throws {
        let fma = try floatlab(["arith", "--format", "e4m3", "--op", "fma"], stdin: "0x39 0x39 0xBA\n")
        #expect(fma.stdout == "0x08 -\n")
        let sqrt = try floatlab(["arith", "--format", "bfloat16", "--op", "sqrt"], stdin: "2\n-1\n")
        #expect(sqrt.stdout == "0x3fb5 x\n0x7fc0 v\n")
        let div = try floatlab(["arith", "--format", "float32", "--op", "div", "--rounding", "up"], stdin: "1 3\n1 0\n")
        #expect(div.stdout == "0x3eaaaaab x\n0x7f800000 z\n")
    }

    @Test("arith: a line with the wrong number of operands, a bad operand and an unknown operation are refused, naming the line")
    func badInput() throws {
        let count = try floatlab(["arith", "--format", "e4m3", "--op", "add"], stdin: "0x38 0x38\n0x38\n")
        #expect(count.status != 0 && count.stderr.contains("line 2") && count.stderr.contains("takes 2 operands"))
        let operand = try floatlab(["arith", "--format", "e4m3", "--op", "mul"], stdin: "0x38 banana\n")
        #expect(operand.status != 0 && operand.stderr.contains("line 1"))
        let wide = try floatlab(["arith", "--format", "e4m3", "--op", "mul"], stdin: "0x38 0x1FF\n")
        #expect(wide.status != 0 && wide.stderr.contains("line 1"))
        let op = try floatlab(["arith", "--format", "e4m3", "--op", "pow"], stdin: "1 2\n")
        #expect(op.status != 0 && op.stderr.contains("sqrt") && op.stderr.contains("fma"))
        let file = try floatlab(["arith", "--format", "e4m3", "--op", "add", "--input", "/nonexistent/in.txt"])
        #expect(file.status != 0 && file.stderr.contains("/nonexistent/in.txt"))
    }

    @Test("verify arithmetic: exhaustive fp4 through every operation and mode, one line per operation and mode, exit 0")
    func verifyExhaustive() throws {
        let r = try floatlab(["verify", "arithmetic", "--format", "e2m1", "--exhaustive"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("add nearest-even: 256 compared, 0 mismatches"))
        #expect(r.stdout.contains("fma stochastic:8: 4096 compared, 0 mismatches"))
        #expect(r.stdout.contains("mismatches: 0"))
    }

    @Test("verify arithmetic: --exhaustive beyond 2^18 tuples, no or both operand choices, a zero count and an unknown operation are refused")
    func verifyRefuses() throws {
        let big = try floatlab(["verify", "arithmetic", "--format", "e4m3", "--exhaustive", "--ops", "fma"])
        #expect(big.status != 0 && big.stderr.contains("2^24") && big.stderr.contains("--random"))
        let neither = try floatlab(["verify", "arithmetic", "--format", "e4m3"])
        #expect(neither.status != 0 && neither.stderr.contains("--exhaustive"))
        let both = try floatlab(["verify", "arithmetic", "--format", "e4m3", "--exhaustive", "--random", "10"])
        #expect(both.status != 0 && both.stderr.contains("not both"))
        let zero = try floatlab(["verify", "arithmetic", "--format", "e4m3", "--random", "0"])
        #expect(zero.status != 0 && zero.stderr.contains("positive count"))
        let op = try floatlab(["verify", "arithmetic", "--format", "e4m3", "--random", "10", "--ops", "add,pow"])
        #expect(op.status != 0 && op.stderr.contains("unknown operation 'pow'"))
    }
}
