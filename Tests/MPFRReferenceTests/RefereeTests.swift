import Testing
import FloatFormats
import MPFRReference
import FloatLabTestSupport

/// Every format the catalogue constants are checked for, wide ones included.
let constantFormats: [FloatFormat] = Catalogue.formats + Catalogue.p3109EightBit + [
    try! FormatSpec.parse("e11m52b1000"), try! FormatSpec.parse("e8m55"), try! FormatSpec.parse("e15m48fn"),
]

@Suite struct RefereeTests {
    /// Every encoding of every format of up to 16 bits: class and exact value agree
    /// with MPFR's evaluation of the field formula, and MPFR's emulation of the
    /// format holds the value exactly.
    @Test(arguments: smallFormats)
    func decodeEveryEncoding(_ f: FloatFormat) {
        var mismatches = 0
        for code in 0...f.encodingMask {
            let ours = f.decodeUnchecked(code)
            switch Referee.decode(code, in: f) {
            case .nan:
                if ours.floatClass != .nan { mismatches += 1 }
            case .infinity(let negative):
                if ours.floatClass != .infinity || ours.isNegative != negative { mismatches += 1 }
            case .finite(let x):
                guard let v = ours.value else { mismatches += 1; continue }
                if !BigFloat(exactly: v).isEqual(to: x) || v.isNegative != x.isNegative { mismatches += 1 }
                if !Referee.isRepresentable(x, in: f) { mismatches += 1 }
            }
            if mismatches > 0 {
                Issue.record("\(f.name): 0x\(String(code, radix: 16)) decodes to \(ours.value.map(String.init(describing:)) ?? ours.floatClass.description), MPFR says \(Referee.decode(code, in: f))")
                return
            }
        }
    }

    /// max finite, smallest normal, smallest subnormal and epsilon of every format
    /// against MPFR's own stepping (nextbelow(+Inf), nextabove(0), nextabove(1) − 1).
    @Test(arguments: constantFormats)
    func constantsAgreeWithMPFR(_ f: FloatFormat) {
        #expect(BigFloat(exactly: f.maxFinite).isEqual(to: Referee.maxFinite(f)), "\(f.name) max: \(f.maxFinite) vs \(Referee.maxFinite(f))")
        #expect(BigFloat(exactly: f.smallestNormal).isEqual(to: Referee.smallestNormal(f)), "\(f.name) smallest normal")
        switch (f.smallestSubnormal, Referee.smallestSubnormal(f)) {
        case (nil, nil): break
        case let (a?, b?): #expect(BigFloat(exactly: a).isEqual(to: b), "\(f.name) smallest subnormal")
        default: Issue.record("\(f.name): subnormal existence differs")
        }
        #expect(BigFloat(exactly: f.epsilon).isEqual(to: Referee.epsilon(f)), "\(f.name) epsilon")
        // The unit roundoff is half of MPFR's epsilon.
        #expect(BigFloat(exactly: Dyadic.sum(f.unitRoundoff, f.unitRoundoff)).isEqual(to: Referee.epsilon(f)))
    }

    /// Exact decimal expansions: ours (big-integer 5^k scaling) against mpfr_get_str.
    @Test(arguments: constantFormats)
    func exactDecimalsAgreeWithMPFR(_ f: FloatFormat) throws {
        for v in [f.maxFinite, f.smallestNormal, f.smallestPositive, f.epsilon, f.maxFinite.negated] {
            #expect(try v.exactDecimal() == Referee.exactDecimal(v), "\(f.name) \(v.significand)×2^\(v.exponent)")
        }
    }

    /// The shortest decimal of every finite encoding reads back, through MPFR's
    /// correctly rounded parser, to the same value (that it is the shortest is
    /// checked against Swift's own shortest printer in FloatFormatsTests).
    @Test(arguments: smallFormats.filter { $0.bitWidth <= 12 || $0 == .float16 || $0 == .bfloat16 })
    func shortestDecimalsRoundTripThroughMPFR(_ f: FloatFormat) {
        let step: UInt64 = f.bitWidth > 12 ? 7 : 1
        for code in stride(from: UInt64(0), through: f.encodingMask, by: Int(step)) {
            let d = f.decodeUnchecked(code)
            guard let v = d.value, !v.isZero, let digits = f.shortestDecimal(of: code) else { continue }
            let text = digits.scientific()
            let parsed = BigFloat(parsing: text, precision: 200)!
            let rounded = Referee.roundNearest(parsed, into: f)
            #expect(rounded.isEqual(to: BigFloat(exactly: v.magnitude)), "\(f.name) 0x\(String(code, radix: 16)): \(text) does not read back as \(v.magnitude)")
        }
    }
}
