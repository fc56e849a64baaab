import Foundation
import FloatFormats

/// What converting data into a format costs under each rounding mode: the
/// error of every element in ulps, its histogram, mean (the bias) and RMS.
///
/// The error is measured on the magnitude, (|q| − |x|) / ulp(x), so that a
/// mode's bias shows whatever the signs of the data: truncation (toward
/// zero) lies in (−1, 0] with mean near −½, nearest in [−½, ½] and
/// stochastic rounding in (−1, 1), both with mean near 0. ulp(x) is
/// 2^(max(⌊log₂|x|⌋, emin) − M), the definition `floatlab eval` uses.
///
/// ```swift
/// let s = RoundingErrorStudy(format: .bfloat16, data: [1 + 1.0 / 512], modes: [.towardZero])
/// s.rows[0].mean   // -0.25: 1 + 2^-9 truncated to 1 is a quarter ulp (2^-7) short
/// ```
public struct RoundingErrorStudy: Sendable {
    public struct Row: Sendable, Equatable {
        public let mode: RoundingMode
        /// Error in ulps of each element within the format's range.
        public let errors: [Double]
        public let mean: Double
        public let rms: Double
        public let maxMagnitude: Double
        /// Elements converted exactly.
        public let exact: Int
        /// Elements left out: non-finite, or beyond the largest finite value (saturation, not rounding).
        public let leftOut: Int
    }

    public let format: FloatFormat
    public let rows: [Row]

    /// ulp(x) of a format, as a Double (a power of two).
    public static func ulp(_ x: Double, in f: FloatFormat) -> Double {
        let m = abs(x)
        let e = m == 0 ? f.emin : max(Int(m.exponent), f.emin)
        return Foundation.pow(2, Double(e - f.fractionBits))
    }

    /// Converts every element with each mode (stochastic ones drawing from
    /// a stream seeded by `seed`, element i taking draw i).
    public init(format: FloatFormat, data: [Double], modes: [RoundingMode], seed: UInt64 = 1) {
        self.format = format
        let stream = RandomStream(seed: seed)
        rows = modes.map { mode in
            let limit = format.maxFinite.doubleValue
            var options = RoundingOptions(mode: mode)
            options.overflow = .saturate
            var errors: [Double] = []
            errors.reserveCapacity(data.count)
            var exact = 0, leftOut = 0
            for (i, x) in data.enumerated() {
                guard x.isFinite, abs(x) <= limit else { leftOut += 1; continue }
                let r = format.round(x, options: options, random: stream[UInt64(i)])
                guard let q = format.decodeUnchecked(r.code).value else { leftOut += 1; continue }
                // Exact when |q| is 0 or within a factor of two of |x| (Sterbenz), as everywhere but at the bottom
                // of the subnormals; the ulp is a power of two.
                let e = (abs(q.doubleValue) - abs(x)) / RoundingErrorStudy.ulp(x, in: format)
                if e == 0 { exact += 1 }
                errors.append(e)
            }
            let n = Double(max(errors.count, 1))
            var sum = 0.0, squares = 0.0, worst = 0.0
            for e in errors {
                sum += e
                squares += e * e
                worst = max(worst, abs(e))
            }
            return Row(mode: mode, errors: errors, mean: sum / n, rms: (squares / n).squareRoot(), maxMagnitude: worst,
                       exact: exact, leftOut: leftOut)
        }
    }
}
