import Testing
@testable import FloatFormats

/// The ```swift examples of FloatFormats' doc comments and of the README's
/// library section, line for line as documented, with their stated results.
@Suite struct DocumentedExampleTests {
    @Test func bulkConverter() {
        let c = BulkConverter(from: .float32, to: .bfloat16)
        #expect(c.convert([0x3DCC_CCCD, 0x7F80_0000]) == [0x3DCD, 0x7F80])
    }

    @Test func bulkConverterDividedByAScale() {
        let c = BulkConverter(from: .float32, to: .float8_e4m3fn)
        #expect(c.convert([0x43E0_0000, 0x3F80_0000], dividedBy: 3) == [0x71, 0x2B])
    }

    @Test func elementTypes() {
        struct Widths: ElementTypesBody {
            func callAsFunction<S: FixedWidthInteger & UnsignedInteger & Sendable, D: FixedWidthInteger & UnsignedInteger & Sendable>(
                _: S.Type, _: D.Type) -> [Int] { [S.bitWidth, D.bitWidth] }
        }
        #expect(withElementTypes(sourceBytes: 4, destinationBytes: 1, Widths()) == [32, 8])
    }

    @Test func wideningKernel() {
        let c = BulkConverter(from: .float8_e4m3fn, to: .float32)
        #expect(c.kernelName == "widening")
        #expect(c.convert([0x38, 0x01, 0xFE]) == [0x3F80_0000, 0x3B00_0000, 0xC3E0_0000])
    }

    @Test func catalogue() throws {
        #expect(try FloatFormat.named("bf16") == .bfloat16)
        #expect(try FloatFormat.named("e4m3") == .float8_e4m3fn)
        #expect(try FloatFormat.named("e5m10") == .float16)
    }

    @Test func dyadic() {
        let x = Dyadic(significand: 7, exponent: 6)
        #expect(x.exactDecimal() == "448")
        #expect(Dyadic.sum(Dyadic(significand: 7, exponent: 6), .powerOfTwo(5)) == Dyadic(significand: 15, exponent: 5))
    }

    @Test func exactDecimal() throws {
        let x = try DecimalNumber("0.1")
        let stored = FloatFormat.bfloat16.decodeUnchecked(0x3DCD).value!
        #expect((ExactDecimal(stored) - ExactDecimal(x)!).description == "0.00009765625")
    }

    @Test func specialText() {
        #expect(FloatFormat.float16.decodeUnchecked(0xFC00).specialText == "-inf")
        #expect(FloatFormat.float16.decodeUnchecked(0x7E00).specialText == "nan")
        #expect(FloatFormat.float16.decodeUnchecked(0x3C00).specialText == "")
    }

    @Test func conversion() {
        let c = Conversion(from: .float32, to: .bfloat16)
        #expect(c.convert([0x3DCC_CCCD, 0x7F80_0000]).codes == [0x3DCD, 0x7F80])
        #expect(Conversion(from: .float32, to: .bfloat16).results([0x3F80_0000, 0x3F80_8000]).map(\.flags) == [[], [.inexact]])
    }

    @Test func conversionWithPerElementFlags() {
        let c = Conversion(from: .float32, to: .float8_e4m3fn)
        let input: [UInt32] = [0x3F80_0000, 0x4400_0000, 0x3F81_0000]
        var out = [UInt64](repeating: 0, count: 3)
        var each = [ExceptionFlags](repeating: [], count: 3)
        input.withUnsafeBufferPointer { src in out.withUnsafeMutableBufferPointer { dst in
            each.withUnsafeMutableBufferPointer { _ = c.convert(src, into: dst, flags: $0) } } }
        #expect(each == [[], [.overflow, .inexact], [.inexact]])
        #expect(out == [0x38, 0x7F, 0x38])
    }

    @Test func conversionDividedByAScale() {
        let c = Conversion(from: .float32, to: .bfloat16)
        let input: [UInt32] = [0x3F80_0000]
        var out = [UInt64](repeating: 0, count: 1)
        _ = input.withUnsafeBufferPointer { src in out.withUnsafeMutableBufferPointer { c.convert(src, into: $0, dividedBy: 3) } }
        #expect(out == [0x3EAB])
    }

    @Test func convert() throws {
        #expect(try FloatFormat.bfloat16.convert(0x3DCC_CCCD, from: .float32).code == 0x3DCD)
    }

    @Test func decimalNumber() throws {
        let x = try DecimalNumber("0.1")
        #expect(FloatFormat.bfloat16.round(x).code == 0x3DCD)
        #expect(FloatFormat.float8_e4m3fn.round(try DecimalNumber("464")).code == 0x7E)
    }

    @Test func exceptionFlags() {
        let f: ExceptionFlags = [.overflow, .inexact]
        #expect(f.letters == "ox")
        #expect(ExceptionFlags().letters == "-")
    }

    @Test func nanPropagation() {
        let f = FloatFormat.float32
        let quiet: UInt64 = 0x7FC0_0001, signaling: UInt64 = 0xFF80_0002, one: UInt64 = 0x3F80_0000
        #expect(f.propagateNaN([one, quiet], policy: .firstOperand).code == 0x7FC0_0001)
        #expect(f.propagateNaN([quiet, signaling], policy: .firstOperand).code == 0x7FC0_0001)
        #expect(f.propagateNaN([quiet, signaling], policy: .signalingFirst).code == 0xFFC0_0002)
        #expect(f.propagateNaN([quiet, signaling], policy: .largerPayload).code == 0x7FC0_0001)
        #expect(f.propagateNaN([quiet, signaling], policy: .canonical).code == 0x7FC0_0000)
    }

    @Test func normalizeSubnormal() {
        let n = FloatFormat.float8_e4m3fn.normalizeSubnormal(fraction: 1)
        #expect(n.exponent == -2)
        #expect(n.significand == 8)
    }

    @Test func randomStreamAndNoise() {
        let stream = RandomStream(seed: 42)
        #expect(stream[0] == RandomStream(seed: 42)[0])
        let noise = RoundingNoise(seed: 42)
        #expect(noise[7] == RoundingNoise(seed: 42)[7])
        #expect(noise[7] == RoundingNoise.mix(7, key: noise.key(high: 0)))
    }

    @Test func roundAndPack() {
        let e4m3 = FloatFormat.float8_e4m3fn
        #expect(e4m3.round(SourceValue(Dyadic(significand: 464, exponent: 0))).code == 0x7E)
        #expect(e4m3.round(SourceValue(Dyadic(significand: 465, exponent: 0))).code == 0x7F)
        #expect(FloatFormat.float8_e4m3fn.roundAndPack(negative: false, significand: UInt64(465), exponent: 0, sticky: false).code == 0x7F)
        #expect(FloatFormat.float8_e4m3fn.roundAndPack(negative: false, significand: UInt64(0b1001_0), exponent: -4, sticky: true).flags == .inexact)
    }

    @Test func scaledRounding() throws {
        let x = SourceValue(Dyadic(significand: 3, exponent: 0))
        #expect(FloatFormat.float4_e2m1fn.round(x, timesPowerOfTwo: 1).code == 0x7)
        #expect(FloatFormat.float4_e2m1fn.round(x, timesPowerOfTwo: -3).code == 0x1)
        let third = FloatFormat.float8_e4m3fn.round(SourceValue(Dyadic(significand: 1, exponent: 0)),
                                                    dividedBy: Dyadic(significand: 3, exponent: 0))
        #expect(third.code == 0x2B)
        #expect(third.flags == .inexact)
        #expect(try FloatFormat.float8_e4m3fn.convert(0x43E0_0000, from: .float32, dividedBy: 3).code == 0x71)
    }

    @Test func shiftRightJamExamples() {
        #expect(shiftRightJam(UInt64(0b1011_0000), 4) == 0b1011)
        #expect(shiftRightJam(UInt64(0b1011_0001), 4) == 0b1011)
        #expect(shiftRightJam(UInt64(0b1010_0001), 4) == 0b1011)
        #expect(shiftRightJam(UInt64(5), 64) == 1)
    }

    @Test func numberLiteral() throws {
        #expect(try NumberLiteral("0x7e") == .bitPattern(0x7E))
        #expect(try NumberLiteral("0b0111_1110") == .bitPattern(0x7E))
        #expect(try NumberLiteral("0x1.8p-3") == .value(try DecimalNumber("0x1.8p-3")))
        #expect(try NumberLiteral("-inf") == .value(try DecimalNumber("-inf")))
        #expect(try NumberLiteral.bitPattern("0x3c00") == 0x3C00)
        #expect(throws: FormatError.self) { try NumberLiteral("0x1ff").encoding(in: .float8_e4m3fn) }
        #expect(throws: FormatError.self) { try NumberLiteral.bitPattern("12") }
        #expect(throws: FormatError.self) { try NumberLiteral("0xzz") }
    }

    @Test func storageBytes() {
        #expect(FloatFormat.float4_e2m1fn.storageBytes == 1)
        #expect(FloatFormat.tfloat32.storageBytes == 4)
        #expect(FloatFormat.float64.storageBytes == 8)
    }

    /// The README's library section.
    @Test func readmeLibrarySection() throws {
        let e4m3 = try FloatFormat.named("e4m3")          // float8_e4m3fn
        #expect(e4m3.maxFinite.exactDecimal() == "448")
        let d = try e4m3.decode(0x01)                    // subnormal
        #expect(d.value?.exactDecimal() == "0.001953125")
        for row in e4m3.binades { print(row.exponent, row.spacing, row.count) }
        let r = e4m3.round(try DecimalNumber("465"), options: RoundingOptions(overflow: .saturate))
        #expect(r.code == 0x7E)
        #expect(r.flags.letters == "ox")
        #expect(try FloatFormat.bfloat16.convert(0x3DCC_CCCD, from: .float32).code == 0x3DCD)
    }
}

/// The ```swift examples of Arithmetic/, run.
@Suite("Arithmetic documented examples")
struct ArithmeticDocumentedExampleTests {
    @Test func operations() {
        let e4m3 = FloatFormat.float8_e4m3fn
        #expect(e4m3.add(0x38, 0x38).code == 0x40)
        #expect(e4m3.add(0x7E, 0x7E).code == 0x7F)
        #expect(e4m3.add(0x38, 0xB8).code == 0x00)
        #expect(e4m3.add(0x38, 0xB8, options: ArithmeticOptions(rounding: RoundingOptions(mode: .down))).code == 0x80)
        #expect(e4m3.multiply(0x40, 0x44).code == 0x4C)
        #expect(e4m3.multiply(0x01, 0x01).code == 0x00 && e4m3.multiply(0x01, 0x01).flags.letters == "ux")
        #expect(FloatFormat.float32.multiply(0x7E, 0x7E, from: .float8_e4m3fn).code == 0x4844_0000)
        #expect(FloatFormat.float32.multiply(0x7E, 0x7E, from: .float8_e4m3fn).flags.isEmpty)
        #expect(e4m3.divide(0x38, 0x44).code == 0x2B)
        #expect(e4m3.divide(0x38, 0x00).flags == .divideByZero && e4m3.divide(0x38, 0x00).code == 0x7F)
        #expect(e4m3.squareRoot(0x48).code == 0x40)
        #expect(e4m3.squareRoot(0x40).code == 0x3B)
        #expect(e4m3.squareRoot(0xB8).flags == .invalid)
        #expect(e4m3.fusedMultiplyAdd(0x40, 0x44, 0xB8).code == 0x4A)
        #expect(e4m3.fusedMultiplyAdd(0x39, 0x39, 0xBA).code == 0x08)
        // Multiplying first would round 1.265625 to 1.25 and give 0:
        #expect(e4m3.add(e4m3.multiply(0x39, 0x39).code, 0xBA).code == 0x00)
        #expect(e4m3.remainder(0x4A, 0x40).code == 0x38)
        #expect(e4m3.remainder(0x4E, 0x40).code == 0xB8)
        #expect(e4m3.minMax(.minimum, 0x00, 0x80).code == 0x80)
        #expect(e4m3.minMax(.maximum, 0x38, 0x7F).code == 0x7F)
        #expect(e4m3.minMax(.maximumNumber, 0x38, 0x7F).code == 0x38)
        #expect(e4m3.minMax(.maximumMagnitude, 0x40, 0xC4).code == 0xC4)
        #expect(e4m3.scaleB(0x38, 3).code == 0x50)
        #expect(e4m3.scaleB(0x39, -9).code == 0x01 && e4m3.scaleB(0x39, -9).flags.letters == "ux")
        #expect(e4m3.roundToIntegral(0x42).code == 0x40)
        #expect(e4m3.roundToIntegral(0x42, options: ArithmeticOptions(rounding: RoundingOptions(mode: .up))).code == 0x44)
        #expect(e4m3.roundToIntegral(0xB0).code == 0x80)
        #expect(e4m3.compare(0x00, 0x80).comparison == .equal)
        #expect(e4m3.compare(0xB8, 0x38).comparison == .less)
        #expect(e4m3.compare(0x38, 0x7F, signaling: true).flags == .invalid)
        #expect(e4m3.compare(0x38, 0x7F).flags == ExceptionFlags() && e4m3.compare(0x38, 0x7F).comparison == .unordered)
        #expect(e4m3.convertToInteger(0x4A, bits: 8).value == 5)
        #expect(e4m3.convertToInteger(0x7E, bits: 8).flags == .invalid)
        #expect(e4m3.convertToInteger(0x7E, bits: 8).value == 127)
        #expect(e4m3.convertToInteger(0xB4, bits: 8, signed: false).value == 0)
        #expect(FloatFormat.float8_e4m3fn.convertFromInteger(17).code == 0x58)
        #expect(FloatFormat.float8_e4m3fn.convertFromInteger(-1000).code == 0xFF)
        let batch = ArithmeticBatch(format: .float8_e4m3fn, operation: .add)
        let out = try? batch.evaluate(lines: "0x38 0x38\n1 0.1")
        #expect(out == "0x40 -\n0x39 x\n")
        #expect(ArithmeticOperation(rawValue: "fma")?.arity == 3)
        #expect(ArithmeticOperation.sqrt.apply(.float8_e4m3fn, [0x48]).code == 0x40)
    }

    @Test("ExactSum: ±a·2^ea + ±b·2^eb against exact integer sums, cancellations included")
    func exactSum() {
        var g = SplitMix64(seed: 8)
        for _ in 0..<20_000 {
            let a = UInt128(g.next() >> 20) | 1, b = UInt128(g.next() >> UInt64(g.next() % 50)) | 1
            let ea = Int(g.next() % 40) - 20, eb = ea + Int(g.next() % 9) - 4
            let na = g.next() & 1 == 0, nb = g.next() & 1 == 0
            // Exact: both in units of 2^min(ea, eb), as signed 128-bit values (small enough here).
            let e = Swift.min(ea, eb)
            let x = Int128(a << UInt128(ea - e)) * (na ? -1 : 1) + Int128(b << UInt128(eb - e)) * (nb ? -1 : 1)
            guard let s = ExactSum.add(na, a, ea, nb, b, eb) else { #expect(x == 0); continue }
            #expect(!s.sticky)   // exponents this close: exact
            // s.significand · 2^s.exponent = x · 2^e, s.exponent ≤ e.
            let shift = UInt128(e - s.exponent)
            #expect(s.exponent <= e && s.significand >> shift == x.magnitude && s.significand & ((1 << shift) - 1) == 0)
            #expect(s.negative == (x < 0))
        }
    }
}
