import Testing
@testable import FloatFormats

/// The pieces of the rounding core that arithmetic and scaled quantization
/// build on, each against a computation done another way.
@Suite struct RoundingCoreTests {
    /// shiftRightJam against 128-bit division: ⌊x / 2^d⌋, with 1 ORed in when
    /// the remainder is not zero.
    @Test func shiftRightJamIsTheQuotientWithASticky() {
        var rng = SplitMix64(seed: 41)
        let xs: [UInt64] = [0, 1, 2, 3, .max, 1 << 63] + (0..<2000).map { _ in rng.next() >> (rng.next() % 64) }
        for x in xs {
            for d in 0...70 {
                let q = d >= 128 ? 0 : UInt128(x) / (UInt128(1) << UInt128(d))
                let r = UInt128(x) - q * (UInt128(1) << UInt128(d))
                #expect(UInt128(shiftRightJam(x, d)) == q | (r != 0 ? 1 : 0), "\(x) >> \(d)")
            }
        }
    }

    /// The reciprocal division against 128-bit division: the same quotient
    /// bits and the same sticky bit, for divisors of every width.
    @Test func reciprocalDivisionIsExact() {
        var rng = SplitMix64(seed: 59)
        var divisors: [UInt64] = [3, 5, 7, 0xFFFF_FFFF_FFFF_FFFF, 0x8000_0000_0000_0001, 0x1999_9999_9999_999B]
        for _ in 0..<200 { divisors.append((rng.next() >> (rng.next() % 63)) | 1) }
        for d in divisors where d > 1 {
            let r = FloatFormat.Reciprocal(d)
            for _ in 0..<300 {
                let sig = (rng.next() >> (rng.next() % 64)) | 1
                let (q, shift, sticky) = r.quotient(sig)
                #expect(q >> 62 != 0)
                // sig / d = (q + δ)·2^shift  ⇔  q = ⌊sig·2^-shift / d⌋, δ > 0 ⇔ remainder ≠ 0 (here −shift ≥ 0 and ≤ 127).
                let n = UInt128(sig) << UInt128(-shift)
                #expect(UInt128(q) == n / UInt128(d), "\(sig) / \(d)")
                #expect(sticky == (n % UInt128(d) != 0), "\(sig) / \(d)")
            }
        }
    }

    /// normalizeSubnormal keeps the value of every subnormal of every small format.
    @Test(arguments: smallFormats.filter { $0.hasSubnormals })
    func normalizeSubnormalKeepsTheValue(_ f: FloatFormat) {
        let m = f.fractionBits
        for fraction in UInt64(1)..<(UInt64(1) << UInt64(m)) {
            let n = f.normalizeSubnormal(fraction: fraction)
            #expect(n.significand >> UInt64(m) == 1)
            #expect(n.exponent <= 0)
            #expect(Dyadic(significand: n.significand, exponent: n.exponent - f.bias - m) == f.decodeUnchecked(fraction).value!)
        }
    }

    /// roundAndPack of an exact significand is the rounding of the same
    /// dyadic; with the sticky bit it is the rounding of a value a hair above.
    @Test(arguments: [FloatFormat.float8_e4m3fn, .float8_e5m2, .float4_e2m1fn, .bfloat16, .float16, .float8_e8m0fnu])
    func roundAndPackAgreesWithDyadicRounding(_ f: FloatFormat) {
        var rng = SplitMix64(seed: 43)
        for mode in RoundingMode.deterministic {
            let options = RoundingOptions(mode: mode)
            for _ in 0..<3000 {
                let sig = rng.next() >> (rng.next() % 60) | 1
                let e = Int(rng.next() % 80) - 60
                let negative = rng.next() & 1 == 1
                let exact = f.roundAndPack(negative: negative, significand: sig, exponent: e, sticky: false, options: options)
                #expect(exact == f.round(Dyadic(isNegative: negative, significand: sig, exponent: e), options: options))
                guard sig < 1 << 23 else { continue }
                // (sig + 2^-40) × 2^e: the sticky bit of sig·2^20 stands for that 2^-40
                // (sig·2^20 has more than precision + 2 bits, as a sticky value must).
                let above = Dyadic(isNegative: negative, significand: (sig << 40) | 1, exponent: e - 40)
                let sticky = f.roundAndPack(negative: negative, significand: sig << 20, exponent: e - 20, sticky: true, options: options)
                #expect(sticky == f.round(above, options: options), "\(f.name) \(mode) \(sig)·2^\(e)")
            }
        }
        #expect(f.roundAndPack(negative: true, significand: UInt64(0), exponent: 5, sticky: false) == f.round(.zero(negative: true)))
    }

    /// Per-element flags are each element's own.
    @Test func perElementFlagsAreEachElementsOwn() {
        let codes = Array(UInt64(0)...0xFFFF)
        for mode in RoundingMode.deterministic + [.stochastic(bits: 4)] {
            let c = Conversion(from: .float16, to: .float8_e4m3fn, options: RoundingOptions(mode: mode), seed: 8)
            let results = c.results(codes)
            #expect(results == codes.enumerated().map { c.convert($0.element, index: UInt64($0.offset)) })
            #expect(Set(results.map(\.flags)).count >= 3)
        }
    }

    /// x · 2^k is the rounding of the dyadic with k added to its exponent;
    /// x / 2^k the same as x · 2^-k; the bulk scaled path the core's.
    @Test func scaledRoundingByPowersOfTwo() {
        var rng = SplitMix64(seed: 47)
        for _ in 0..<5000 {
            let d = Dyadic(isNegative: rng.next() & 1 == 1, significand: rng.next() >> 30 | 1, exponent: Int(rng.next() % 40) - 30)
            let k = Int(rng.next() % 40) - 20
            let shifted = Dyadic(isNegative: d.isNegative, significand: d.significand, exponent: d.exponent + k)
            #expect(FloatFormat.float8_e4m3fn.round(SourceValue(d), timesPowerOfTwo: k) == FloatFormat.float8_e4m3fn.round(shifted))
            #expect(FloatFormat.float8_e4m3fn.round(SourceValue(d), dividedBy: .powerOfTwo(-k))
                    == FloatFormat.float8_e4m3fn.round(shifted))
        }
        let codes = (0..<70_000).map { _ in rng.next() & 0xFFFF_FFFF }
        for scale in [3.0, 0.1, 448.0 / 6, 1e-30] {
            let bulk = BulkConverter(from: .float32, to: .float4_e2m1fn, options: RoundingOptions(mode: .stochastic(bits: 8)), seed: 2)
            let input = codes.map { UInt32($0) }
            var out = [UInt8](repeating: 0, count: input.count)
            input.withUnsafeBufferPointer { src in out.withUnsafeMutableBufferPointer { bulk.convert(src, into: $0, dividedBy: scale, threads: 2) } }
            let expected = codes.enumerated().map { i, c in
                FloatFormat.float4_e2m1fn.round(FloatFormat.float32.sourceValue(of: c), dividedBy: scale,
                                                options: bulk.conversion.options, random: UInt64(RoundingNoise(seed: 2)[UInt64(i)])).code
            }
            #expect(out.map(UInt64.init) == expected, "scale \(scale)")
        }
    }
}

/// NaN propagation: worked examples from the machines' rules, and the
/// properties every policy keeps, over every pair of float8_e5m2 NaNs.
@Suite struct NaNPropagationTests {
    @Test func workedExamples() {
        let f = FloatFormat.float32
        let quiet: UInt64 = 0x7FC0_0001, signaling: UInt64 = 0xFF80_0002, one: UInt64 = 0x3F80_0000
        #expect(f.propagateNaN([one, quiet], policy: .firstOperand) == RoundedResult(code: 0x7FC0_0001, flags: []))
        #expect(f.propagateNaN([quiet, signaling], policy: .firstOperand) == RoundedResult(code: 0x7FC0_0001, flags: .invalid))
        #expect(f.propagateNaN([quiet, signaling], policy: .signalingFirst) == RoundedResult(code: 0xFFC0_0002, flags: .invalid))
        #expect(f.propagateNaN([quiet, signaling], policy: .largerPayload) == RoundedResult(code: 0x7FC0_0001, flags: .invalid))
        #expect(f.propagateNaN([quiet, signaling], policy: .canonical) == RoundedResult(code: 0x7FC0_0000, flags: .invalid))
        // x87: two quiet NaNs, the larger significand wins, whatever the order.
        #expect(f.propagateNaN([0x7FC0_0001, 0xFFC0_0005], policy: .largerPayload).code == 0xFFC0_0005)
        #expect(f.propagateNaN([0xFFC0_0005, 0x7FC0_0001], policy: .largerPayload).code == 0xFFC0_0005)
        // Formats without payloads keep the chosen NaN's sign.
        #expect(FloatFormat.float8_e4m3fn.propagateNaN([0x38, 0xFF], policy: .firstOperand) == RoundedResult(code: 0xFF, flags: []))
        #expect(FloatFormat.float8_e4m3fnuz.propagateNaN([0x80, 0x80], policy: .signalingFirst).code == 0x80)
    }

    @Test(arguments: NaNPropagation.allCases)
    func everyPolicyGivesAQuietNaNAndFlagsSignallingOnes(_ policy: NaNPropagation) {
        let f = FloatFormat.float8_e5m2
        let codes = Array(UInt64(0)...0xFF)
        let quietBit: UInt64 = 0x02
        for a in codes {
            for b in codes where f.isNaN(a) || f.isNaN(b) {
                let r = f.propagateNaN([a, b], policy: policy)
                #expect(f.isNaN(r.code) && r.code & quietBit != 0)
                let signaling = [a, b].contains { f.isNaN($0) && $0 & quietBit == 0 }
                #expect(r.flags == (signaling ? .invalid : []))
                let nans = [a, b].filter { f.isNaN($0) }
                switch policy {
                case .canonical: #expect(r.code == f.canonicalNaN)
                case .firstOperand: #expect(r.code == nans[0] | quietBit)
                case .signalingFirst: #expect(r.code == (nans.first { $0 & quietBit == 0 } ?? nans[0]) | quietBit)
                case .largerPayload: #expect(nans.map { $0 | quietBit }.contains(r.code))
                }
            }
        }
    }
}
