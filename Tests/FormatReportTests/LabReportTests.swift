import Foundation
import Testing
import FloatFormats
import FloatLabTestSupport
@testable import FormatReport

/// The numbers behind the report's pictures, each computed another way.
@Suite struct LabReportTests {
    /// Values per binade from the binade table (subnormal binades split
    /// analytically) equal a count of every positive value by enumeration.
    @Test func valuesPerBinadeEqualsEnumeration() {
        for f in smallCatalogue {
            var counted: [Int: UInt64] = [:]
            for v in FormatFigures.positiveValues(f) { counted[v.binade!, default: 0] += 1 }
            let analytic = FormatFigures.valuesPerBinade(f)
            #expect(analytic.map(\.exponent) == counted.keys.sorted(), "\(f.name)")
            #expect(analytic.map(\.count) == counted.keys.sorted().map { counted[$0]! }, "\(f.name)")
        }
    }

    /// The ulp staircase gives, at every positive value but the largest, the gap to its successor (by enumeration).
    @Test func ulpStepsAreTheGapsBetweenNeighbours() {
        for f in smallCatalogue where f.bitWidth <= 12 {
            guard case .steps(let points) = FormatFigures.ulp([f]).series[0].plot else { Issue.record("steps"); continue }
            let values = FormatFigures.positiveValues(f).map(\.doubleValue)
            for (a, b) in zip(values, values.dropFirst()) {
                // The step in force at a: the last point with x ≤ a.
                let step = points.last { $0.x <= a }!
                #expect(step.y == b - a, "\(f.name) at \(a)")
            }
        }
    }

    @Test func roundingStudyDocumentedExample() {
        let s = RoundingErrorStudy(format: .bfloat16, data: [1 + 1.0 / 512], modes: [.towardZero])
        #expect(s.rows[0].mean == -0.25)
    }

    /// Each element's error equals (|q| − |x|) / ulp(x) computed in exact
    /// integer arithmetic on the dyadic values, for every mode the report uses.
    @Test func roundingErrorsAgainstExactArithmetic() {
        var g = SplitMix64(seed: 3)
        let data = (0..<3000).map { i -> Double in
            let m = Double(g.next() >> 11) * 0x1p-53 * 2 - 1
            return i % 97 == 0 ? 0 : m * Foundation.pow(2, Double(Int(g.next() % 40) - 30))
        }
        for f in [FloatFormat.bfloat16, .float16, .float8_e4m3fn, .float8_e5m2, .float4_e2m1fn] {
            let s = RoundingErrorStudy(format: f, data: data, modes: LabReport.roundingModes, seed: 9)
            for row in s.rows {
                var k = 0
                for (i, x) in data.enumerated() where abs(x) <= f.maxFinite.doubleValue {
                    var o = RoundingOptions(mode: row.mode)
                    o.overflow = .saturate
                    let q = f.decodeUnchecked(f.round(x, options: o, random: RandomStream(seed: 9)[UInt64(i)]).code).value!
                    let dx = Dyadic(exactly: abs(x)), dq = q.magnitude
                    let e0 = min(dx.exponent, dq.exponent)
                    let diff = (Int128(dq.significand) << (dq.exponent - e0)) - (Int128(dx.significand) << (dx.exponent - e0))
                    let ulpExponent = max(x == 0 ? f.emin : dx.binade!, f.emin) - f.fractionBits
                    let exact = Double(diff) * Foundation.pow(2, Double(e0 - ulpExponent))
                    #expect(abs(row.errors[k] - exact) <= 0x1p-50 * max(1, abs(exact)), "\(f.name) \(row.mode.name) x = \(x)")
                    k += 1
                }
                #expect(k == row.errors.count)
            }
        }
    }

    /// On many values spread over many ulps the modes show their textbook
    /// moments: nearest mean 0 and RMS 1/√12, truncation mean −1/2 and RMS 1/√3,
    /// stochastic mean 0 and RMS 1/√6 (a deterministic seed: this cannot flake).
    @Test func roundingMomentsMatchTheTextbook() {
        var g = SplitMix64(seed: 11)
        let data = (0..<200_000).map { _ in 1 + Double(g.next() >> 11) * 0x1p-53 }
        let s = RoundingErrorStudy(format: .bfloat16, data: data, modes: LabReport.roundingModes, seed: 2)
        let expected: [(Double, Double)] = [(0, 1 / 12.0.squareRoot()), (-0.5, 1 / 3.0.squareRoot()), (0, 1 / 6.0.squareRoot())]
        for (row, (mean, rms)) in zip(s.rows, expected) {
            #expect(abs(row.mean - mean) < 0.01, "\(row.mode.name) mean \(row.mean)")
            #expect(abs(row.rms - rms) < 0.01, "\(row.mode.name) rms \(row.rms)")
        }
    }
}
