import Testing
import FloatFormats
import FloatLabTestSupport
@testable import Quantization

@Suite("Error statistics against exact integer sums")
struct ErrorStatisticsTests {
    /// x as an integer multiple of 2^-43 (exact for float32 values ≥ 2^-20 in magnitude, or zero).
    func fixed(_ x: Float) -> Int128 {
        let d = Double(x)
        return Int128(d * 0x1p43)
    }

    @Test("Σe², Σx², Σxx' and the metrics equal exact 128-bit integer sums, correctly rounded")
    func exactSums() throws {
        var g = SplitMix64(seed: 8)
        for trial in 0..<20 {
            let n = 1 + Int(g.next() % 3000)
            let x = (0..<n).map { _ -> Float in
                let e = Int(g.next() % 30) - 20
                let m = Float(g.next() % (1 << 24)) / Float(1 << 24) + 1
                return (g.next() % 2 == 0 ? 1 : -1) * m * Float(sign: .plus, exponent: e, significand: 1)
            }
            // A quantizer's output stand-in: x rounded to 3 significant bits (or zero for some).
            let y = x.map { v -> Float in
                if g.next() % 10 == 0 { return 0 }
                let r = FloatFormat.float8_e4m3fn.round(Double(v) / 0x1p-10, options: RoundingOptions(overflow: .saturate)).code
                return Float(FloatFormat.float8_e4m3fn.decodeUnchecked(r).value!.doubleValue * 0x1p-10)
            }
            let s = ErrorStatistics(original: x, dequantized: y)
            var see: Int128 = 0, sxx: Int128 = 0, sxy: Int128 = 0, syy: Int128 = 0
            var maxE: Int128 = 0, maxAt = 0
            for i in 0..<n {
                let a = fixed(x[i]), b = fixed(y[i]), e = a - b
                see += e * e; sxx += a * a; sxy += a * b; syy += b * b
                if e.magnitude > maxE.magnitude { maxE = e; maxAt = i }
            }
            let scale = 0x1p-86
            #expect(s.sumSquaredError == Double(see) * scale, "trial \(trial)")
            #expect(s.sumSquaredSignal == Double(sxx) * scale, "trial \(trial)")
            #expect(s.mse == Double(see) * scale / Double(n))
            #expect(s.maxAbsError == Double(maxE.magnitude) * 0x1p-43)
            #expect(s.maxAbsErrorIndex == maxAt)
            let cosine = Double(sxy) / (Double(sxx).squareRoot() * Double(syy).squareRoot())
            #expect(abs(s.cosine - cosine) <= 4 * cosine.ulp)
            let sqnr = 10 * (log10(Double(sxx)) - log10(Double(see)))
            #expect(abs(s.sqnrDecibels - sqnr) < 1e-12)
        }
    }

    @Test("merging statistics of parts gives the statistics of the whole")
    func merge() {
        let x: [Float] = [1, 2, 3, 4, 5, 6], y: [Float] = [1, 2.5, 3, 3, 5, 6.25]
        var a = ErrorStatistics(original: Array(x[0..<2]), dequantized: Array(y[0..<2]))
        a.merge(ErrorStatistics(original: Array(x[2...]), dequantized: Array(y[2...])))
        let whole = ErrorStatistics(original: x, dequantized: y)
        #expect(a.mse == whole.mse && a.cosine == whole.cosine && a.maxAbsError == 1)
    }

    @Test("documented examples")
    func documented() {
        let s = ErrorStatistics(original: [1, 2, 3, 4], dequantized: [1, 2, 3, 5])
        #expect(s.mse == 0.25)
        #expect(s.maxAbsError == 1.0 && s.maxAbsErrorIndex == 3)
        var c = CompensatedSum()
        c.add(1); c.add(0x1p-60); c.add(-1)
        #expect(c.value == 0x1p-60)
        #expect(ErrorStatistics(original: [1], dequantized: [1]).sqnrDecibels == .infinity)
    }

    @Test("uniform full-scale input: SQNR ≈ 6.02 · b dB for b-bit integers")
    func sixDecibelsPerBit() throws {
        var g = SplitMix64(seed: 12)
        let values = (0..<200_000).map { _ in Float(Double(g.next() >> 11) * 0x1p-53 * 2 - 1) }
        for bits in [4, 6, 8] {
            var o = QuantizationOptions()
            o.granularity = .tensor
            let s = try Quantizer(scheme: .integer(bits: bits, signed: true), options: o).statistics(Tensor(values))
            // Narrow range: 2^b − 1 levels over the range, SQNR = 20 log10(2^b − 1)... step 2/(2^b − 2): 10·log10((1/3)/(Δ²/12)).
            let step = 2.0 / Double((1 << bits) - 2)
            let predicted = 10 * log10((1.0 / 3) / (step * step / 12))
            #expect(abs(s.sqnrDecibels - predicted) < 0.1, "\(bits) bits: \(s.sqnrDecibels) vs \(predicted)")
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif

@Suite("Scale rounding")
struct ScaleRoundingTests {
    @Test("float64 and float32 scales by IEEE division equal the core's exact rounding of the quotient")
    func ieeeDivisionIsTheRoundedQuotient() {
        var g = SplitMix64(seed: 10)
        let options = RoundingOptions(mode: .nearestEven, overflow: .saturate)
        for _ in 0..<20_000 {
            let amax = Double(Float(bitPattern: UInt32(truncatingIfNeeded: g.next()) & 0x7F7F_FFFF))
            for denominator in [Dyadic(significand: 127, exponent: 0), Dyadic(significand: 255, exponent: -1), FloatFormat.float8_e4m3fn.maxFinite,
                                FloatFormat.float4_e2m1fn.maxFinite, Dyadic(significand: 15, exponent: 0)] {
                for format in [FloatFormat.float64, .float32] {
                    let r = format.round(SourceValue(ScaleRounding.dyadic(amax)), dividedBy: denominator, options: options)
                    var want = format.decodeUnchecked(r.code).value!.doubleValue
                    if want == 0 && amax > 0 { want = format.smallestPositive.doubleValue }   // a scale is never 0
                    #expect(ScaleRounding.quotient(amax, denominator, in: format) == want, "\(amax) / \(denominator) in \(format)")
                }
            }
        }
    }

    @Test("a positive quotient that underflows gives the smallest positive value of the scale format, never 0")
    func underflowIsNotZero() {
        let tiny = Double(Float.leastNonzeroMagnitude)
        #expect(ScaleRounding.quotient(tiny, Dyadic(significand: 127, exponent: 0), in: .float32) == tiny)
        #expect(ScaleRounding.quotient(1e-10, Dyadic(significand: 127, exponent: 0), in: .float16) == 0x1p-24)
        #expect(ScaleRounding.quotient(0, Dyadic(significand: 127, exponent: 0), in: .float32) == 0)
        // Rounding up to the smallest positive value is ordinary rounding: unchanged.
        #expect(ScaleRounding.quotient(tiny * 100, Dyadic(significand: 127, exponent: 0), in: .float32) == tiny)
    }
}

@Suite("float32 rounding of exact products")
struct ProductRoundingTests {
    @Test("FloatRounding.product equals the core's rounding of the exact product, ties included")
    func againstTheCore() {
        var g = SplitMix64(seed: 12)
        for trial in 0..<100_000 {
            let q = Double(Int(g.next() % 511) - 255)
            var s = Double(bitPattern: (g.next() >> 12) | 0x3F00_0000_0000_0000) * 0x1p-10
            if trial % 3 == 0 {
                // A scale that makes q · s land on a float32 midpoint up to a last float64 bit.
                let f = Float(bitPattern: UInt32(truncatingIfNeeded: g.next()) & 0x3FFF_FFFF | 0x3000_0000)
                let midpoint = Double(f) + Double(f.ulp) / 2
                s = midpoint / q.magnitude
                if trial % 2 == 0 { s = s.nextUp }
                if !s.isFinite || q == 0 { continue }
            }
            // The exact product as a 128-bit significand, rounded once by the core.
            let (mq, eq) = parts(q.magnitude), (ms, es) = parts(s)
            let exact: SourceValue = q == 0 ? .zero(negative: false)
                : .finite(negative: q < 0, significand: UInt128(mq) * UInt128(ms), exponent: eq + es, sticky: false)
            let want = Float(bitPattern: UInt32(FloatFormat.float32.round(exact).code))
            #expect(FloatRounding.product(q, s).bitPattern == want.bitPattern, "q=\(q) s=\(s)")
        }
    }
}
