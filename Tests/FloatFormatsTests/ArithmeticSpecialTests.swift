import Testing
@testable import FloatFormats

/// NaN operands and invalid operations, worked by hand from IEEE 754 §6.2
/// and §7.2 and from what x86 SSE returns (the first NaN operand, quietened).
@Suite("Arithmetic on NaNs and invalid operations")
struct ArithmeticSpecialTests {
    let f = FloatFormat.float32
    let one: UInt64 = 0x3F80_0000, infinity: UInt64 = 0x7F80_0000, zero: UInt64 = 0
    let quiet: UInt64 = 0x7FC0_0001, signaling: UInt64 = 0xFF80_0002, quiet2: UInt64 = 0xFFC0_0003

    @Test("the first NaN operand, quietened; invalid only for a signalling one")
    func firstOperand() {
        #expect(f.add(quiet, one) == RoundedResult(code: quiet, flags: []))
        #expect(f.add(one, signaling) == RoundedResult(code: 0xFFC0_0002, flags: .invalid))
        #expect(f.multiply(signaling, quiet2) == RoundedResult(code: 0xFFC0_0002, flags: .invalid))
        #expect(f.divide(quiet2, signaling) == RoundedResult(code: quiet2, flags: .invalid))
        #expect(f.squareRoot(signaling) == RoundedResult(code: 0xFFC0_0002, flags: .invalid))
        #expect(f.fusedMultiplyAdd(one, one, quiet) == RoundedResult(code: quiet, flags: []))
        #expect(f.remainder(quiet, zero) == RoundedResult(code: quiet, flags: []))
        #expect(f.minMax(.minimum, one, quiet) == RoundedResult(code: quiet, flags: []))
        #expect(f.minMax(.minimumNumber, signaling, one) == RoundedResult(code: one, flags: .invalid))
    }

    @Test("the other propagation policies and --nan canonical")
    func policies() {
        let larger = ArithmeticOptions(nanPropagation: .largerPayload)
        #expect(f.multiply(signaling, quiet2, options: larger).code == quiet2)   // a quiet NaN before a signalling one
        let first = ArithmeticOptions(nanPropagation: .signalingFirst)
        #expect(f.add(quiet, signaling, options: first).code == 0xFFC0_0002)
        var canonical = ArithmeticOptions()
        canonical.rounding.nan = .canonical
        #expect(f.add(quiet2, one, options: canonical) == RoundedResult(code: 0x7FC0_0000, flags: []))
        #expect(f.add(signaling, one, options: canonical) == RoundedResult(code: 0x7FC0_0000, flags: .invalid))
    }

    @Test("invalid operations give the default NaN: ∞ − ∞, 0 × ∞, 0/0, ∞/∞, √−1, rem(∞, y), rem(x, 0), fma(0, ∞, c)")
    func invalid() {
        let nan = f.canonicalNaN!
        #expect(f.subtract(infinity, infinity) == RoundedResult(code: nan, flags: .invalid))
        #expect(f.multiply(zero, infinity) == RoundedResult(code: nan, flags: .invalid))
        #expect(f.divide(zero, zero) == RoundedResult(code: nan, flags: .invalid))
        #expect(f.divide(infinity, infinity) == RoundedResult(code: nan, flags: .invalid))
        #expect(f.squareRoot(0xBF80_0000) == RoundedResult(code: nan, flags: .invalid))
        #expect(f.remainder(infinity, one) == RoundedResult(code: nan, flags: .invalid))
        #expect(f.remainder(one, zero) == RoundedResult(code: nan, flags: .invalid))
        #expect(f.fusedMultiplyAdd(zero, infinity, one) == RoundedResult(code: nan, flags: .invalid))
        // ∞ × 0 with a quiet NaN addend: the NaN, and invalid (as SoftFloat and x86 FMA).
        #expect(f.fusedMultiplyAdd(zero, infinity, quiet) == RoundedResult(code: quiet, flags: .invalid))
        // Divide by zero: ∞ with z, not invalid.
        #expect(f.divide(one, zero) == RoundedResult(code: infinity, flags: .divideByZero))
        #expect(f.divide(0xBF80_0000, zero) == RoundedResult(code: 0xFF80_0000, flags: .divideByZero))
    }

    @Test("formats without NaN or infinity: e2m1's invalid operations give +0 with v; e4m3fn's NaN keeps its sign unless canonical")
    func smallFormats() {
        let e2m1 = FloatFormat.float4_e2m1fn
        #expect(e2m1.squareRoot(0xA) == RoundedResult(code: 0, flags: .invalid))         // √−1
        #expect(e2m1.divide(0x0, 0x0) == RoundedResult(code: 0, flags: .invalid))        // 0/0
        #expect(e2m1.divide(0x2, 0x0).flags == .divideByZero)                            // 1/0: ∞ is not there
        #expect(e2m1.add(0x7, 0x7) == RoundedResult(code: 0x7, flags: [.overflow, .inexact]))   // 6 + 6 saturates
        let e4m3 = FloatFormat.float8_e4m3fn
        #expect(e4m3.add(0xFF, 0x38).code == 0xFF)
        var canonical = ArithmeticOptions()
        canonical.rounding.nan = .canonical
        #expect(e4m3.add(0xFF, 0x38, options: canonical).code == 0x7F)
    }
}
