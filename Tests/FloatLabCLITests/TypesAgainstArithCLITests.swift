import Foundation
import Testing
import FloatTypes
import FloatLabTestSupport

/// The Swift types and `floatlab arith` give the same bits for the same operations.
@Suite struct TypesAgainstArithCLITests {
    @Test("+ − × ÷ rem √ fma of the types equal floatlab arith, bit for bit, on seeded operands of six types")
    func typesEqualArith() throws {
        func check<T: SmallBinaryFloat>(_ t: T.Type, _ name: String) throws {
            var g = SplitMix64(seed: 77)
            let mask = UInt64(T.format.encodingMask)
            let operands: [(T, T, T)] = (0..<600).map { _ in
                func one() -> T { T(bitPattern: T.Storage(truncatingIfNeeded: g.next() & mask)) }
                return (one(), one(), one())
            }
            let dir = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: dir) }
            func hex(_ x: T) -> String {
                let bits = UInt64(truncatingIfNeeded: x.bitPattern)
                return "0x" + String(bits, radix: 16)
            }
            let ops: [(String, Int, (T, T, T) -> T)] = [
                ("add", 2, { a, b, _ in a + b }), ("sub", 2, { a, b, _ in a - b }), ("mul", 2, { a, b, _ in a * b }), ("div", 2, { a, b, _ in a / b }),
                ("rem", 2, { a, b, _ in a.remainder(dividingBy: b) }), ("sqrt", 1, { a, _, _ in a.squareRoot() }), ("fma", 3, { a, b, c in c.addingProduct(a, b) }),
            ]
            for (op, arity, apply) in ops {
                // arith's fma is a·b + c; addingProduct is self + a·b: the same operation with c first.
                let lines: [String] = operands.map { (o: (T, T, T)) -> String in
                    let all: [T] = [o.0, o.1, o.2]
                    return all.prefix(arity).map(hex).joined(separator: " ")
                }
                let input = dir.appendingPathComponent("\(op).txt")
                try (lines.joined(separator: "\n") + "\n").write(to: input, atomically: true, encoding: .utf8)
                let r = try floatlab(["arith", "--format", name, "--op", op, "--input", input.path])
                #expect(r.status == 0, "\(name) \(op): \(r.stderr)")
                // arith pads to the format's width: compare the values of the hex digits.
                let got = r.stdout.split(separator: "\n").map { UInt64($0.split(separator: " ")[0].dropFirst(2), radix: 16) }
                let want: [UInt64?] = operands.map { UInt64(truncatingIfNeeded: apply($0.0, $0.1, $0.2).bitPattern) }
                let differences = zip(zip(lines, got), want).filter { $0.0.1 != $0.1 }
                #expect(got.count == want.count && differences.isEmpty, "\(name) \(op): \(differences.prefix(3))")
            }
        }
        try check(BFloat16.self, "bfloat16")
        try check(Float8E4M3FN.self, "float8_e4m3fn")
        try check(Float8E5M2FNUZ.self, "float8_e5m2fnuz")
        try check(Float8E8M0FNU.self, "float8_e8m0fnu")
        try check(Float6E3M2FN.self, "float6_e3m2fn")
        try check(Float4E2M1FN.self, "float4_e2m1fn")
    }
}
