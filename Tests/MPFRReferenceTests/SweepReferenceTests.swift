import Testing
import FloatFormats
import MPFRReference
import Verification

/// The lean MPFR reference of exhaustive float32 sweeps, on slices of the
/// float32 line: where results are subnormal, around 1, near the top of the
/// target, and the specials; in every deterministic mode and policy.
@Suite struct SweepReferenceTests {
    static let modes: [RoundingMode] = [.nearestEven, .nearestAway, .towardZero, .up, .down, .odd]

    /// Slices of 2^14 codes each, on both signs.
    static func slices(for target: FloatFormat) -> [Range<UInt64>] {
        let points: [Float] = [0, Float(target.smallestNormal.doubleValue) / 3, Float(target.smallestNormal.doubleValue),
                               1, Float(target.maxFinite.doubleValue), .infinity]
        return points.flatMap { p -> [Range<UInt64>] in
            let c = UInt64(p.bitPattern)
            let lo = c > 1 << 13 ? c - (1 << 13) : 0
            return [lo..<min(lo + (1 << 14), 0x8000_0000), (lo | 0x8000_0000)..<min((lo | 0x8000_0000) + (1 << 14), 1 << 32)]
        }
    }

    @Test(arguments: [FloatFormat.float16, .float8_e4m3fn, .float8_e5m2fnuz, .float4_e2m1fn, .bfloat16])
    func kernelAgreesWithMPFR(_ target: FloatFormat) {
        for mode in Self.modes {
            for policy in OverflowPolicy.allCases {
                let options = RoundingOptions(mode: mode, overflow: policy)
                let sweep = KernelSweep(BulkConverter(from: .float32, to: target, options: options))
                for slice in Self.slices(for: target) {
                    let r = sweep.run(slice, threads: 1) { MPFRSweepReference(target: target, options: options) }
                    #expect(r.mismatches == 0, "\(target.name) \(mode) \(policy): \(r.examples.prefix(3))")
                    #expect(r.checked == UInt64(slice.count))
                }
            }
        }
    }

    /// A wrong result is caught, in the fast path and in the general one.
    @Test func wrongResultsAreCaught() {
        let r = MPFRSweepReference(target: .float8_e4m3fn, options: RoundingOptions())
        #expect(r.disagreement(code: 0x3F80_0000, index: 0, result: 0x38) == nil)    // 1.0
        #expect(r.disagreement(code: 0x3F80_0000, index: 0, result: 0x39) != nil)
        // 2^-10 is half the smallest subnormal 2^-9: a tie, to the even 0.
        #expect(r.disagreement(code: 0x3A80_0000, index: 0, result: 0x00) == nil)
        #expect(r.disagreement(code: 0x3A80_0000, index: 0, result: 0x01) != nil)
        #expect(r.disagreement(code: 0x8000_0000, index: 0, result: 0x80) == nil)    // −0
        #expect(r.disagreement(code: 0x8000_0000, index: 0, result: 0x00) != nil)
        #expect(r.disagreement(code: 0x7F80_0000, index: 0, result: 0x7F) == nil)    // +Inf → NaN
        #expect(r.disagreement(code: 0x7F80_0000, index: 0, result: 0x7E) != nil)
    }
}
