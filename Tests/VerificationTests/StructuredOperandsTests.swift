import Testing
import FloatFormats
import Verification

/// What the structured operands contain, computed from their definitions.
@Suite struct StructuredOperandsTests {
    @Test("documented example; every special pair; reproducible by seed")
    func contents() {
        let tuples = StructuredOperands.tuples(.add, in: .float32, seed: 1)
        #expect(tuples.count > 2000)
        #expect(tuples.contains([0x3F80_0000, 0x3380_0000]))
        let specials = OperandPairs.specialOperands(of: .float32)
        let set = Set(tuples)
        #expect(specials.allSatisfy { a in specials.allSatisfy { set.contains([a, $0]) } })
        #expect(StructuredOperands.tuples(.mul, in: .bfloat16, seed: 3) == StructuredOperands.tuples(.mul, in: .bfloat16, seed: 3))
        #expect(StructuredOperands.tuples(.mul, in: .bfloat16, seed: 3) != StructuredOperands.tuples(.mul, in: .bfloat16, seed: 4))
    }

    @Test("the families are there: ties of sums, cancellations, products past overflow and below underflow, fma cancellations", arguments: [FloatFormat.float16, .float32, .float64])
    func families(f: FloatFormat) {
        func value(_ c: UInt64) -> Dyadic? { f.decodeUnchecked(c).value }
        let adds = StructuredOperands.tuples(.add, in: f, seed: 2)
        // An exact tie: a + b exactly halfway between two neighbours (b is half an ulp of a normal a).
        let ties = adds.filter { t in
            guard let a = value(t[0]), let b = value(t[1]), !a.isZero, !b.isZero, a.isNegative == b.isNegative,
                  let binade = a.binade, binade < f.emax else { return false }
            return b.magnitude == Dyadic.powerOfTwo(binade - f.fractionBits - 1) && a.significantBits >= 1
        }
        #expect(ties.count >= 500)
        let cancellations = adds.filter { t in f.add(t[0], t[1]).code & f.magnitudeMask < (t[0] & f.magnitudeMask) >> UInt64(f.fractionBits) && !f.isSpecial(t[0]) && t[0] & f.magnitudeMask > UInt64(1) << UInt64(f.fractionBits + 2) }
        #expect(cancellations.count >= 500)
        let products = StructuredOperands.tuples(.mul, in: f, seed: 2).map { f.multiply($0[0], $0[1]).flags }
        #expect(products.filter { $0.contains(.overflow) }.count >= 200)
        #expect(products.filter { $0.contains(.underflow) }.count >= 200)
        let fmas = StructuredOperands.tuples(.fma, in: f, seed: 2)
        let cancelled = fmas.filter { t in
            guard !f.isSpecial(t[0]), !f.isSpecial(t[1]), !f.isSpecial(t[2]) else { return false }
            guard let r = value(f.fusedMultiplyAdd(t[0], t[1], t[2]).code), let p = value(f.multiply(t[0], t[1]).code),
                  !r.isZero, !p.isZero else { return false }
            return r.log2Magnitude < p.log2Magnitude - Double(f.precision / 2)
        }
        #expect(cancelled.count >= 200)
    }
}
