/// How far dequantized values are from the originals.
///
/// Errors e = x − x' are differences of two float32 values, exact in float64
/// whenever their exponents are within 29 of each other (always, unless x' is
/// a tiny fraction of x). Squares and products are added exactly (two-product
/// by fused multiply-add) to Neumaier-compensated sums, so every sum is
/// correct to about 2^-100 relative; nothing is summed in float32.
///
/// - MSE = Σe² / n, RMSE = √MSE, max |e| (and its first index);
/// - SQNR = 10 · log10(Σx² / Σe²) dB (+∞ when nothing is lost);
/// - cosine = Σxx' / √(Σx² · Σx'²) (1 when both are all zero).
///
/// ```swift
/// let s = ErrorStatistics(original: [1, 2, 3, 4], dequantized: [1, 2, 3, 5])
/// s.mse            // 0.25
/// s.maxAbsError    // 1.0, at index 3
/// ```
public struct ErrorStatistics: Sendable, Hashable {
    public private(set) var count = 0
    /// Non-finite inputs left out of every sum.
    public private(set) var nonfiniteCount = 0
    public private(set) var maxAbsError = 0.0
    /// Flat index of the first element with the largest |error| (nil if empty).
    public private(set) var maxAbsErrorIndex: Int? = nil
    var squaredError = CompensatedSum()
    var squaredSignal = CompensatedSum()
    var squaredDequantized = CompensatedSum()
    var product = CompensatedSum()

    public init() {}

    public init(original: [Float], dequantized: [Float]) {
        precondition(original.count == dequantized.count, "counts differ")
        self.init()
        original.withUnsafeBufferPointer { x in
            dequantized.withUnsafeBufferPointer { y in accumulate(x, y, startIndex: 0) }
        }
    }

    /// Adds elements whose flat indices start at `startIndex`.
    public mutating func accumulate(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>, startIndex: Int) {
        for i in 0..<x.count {
            let a = Double(x[i]), b = Double(y[i])
            guard a.isFinite else { nonfiniteCount += 1; continue }
            let e = a - b
            count += 1
            squaredError.addProduct(e, e)
            squaredSignal.addProduct(a, a)
            squaredDequantized.addProduct(b, b)
            product.addProduct(a, b)
            if maxAbsErrorIndex == nil || e.magnitude > maxAbsError {
                maxAbsError = e.magnitude
                maxAbsErrorIndex = startIndex + i
            }
        }
    }

    /// The statistics of the union of two sets of elements (for a whole file).
    /// The merged maximum's index is the one of `self` unless `other`'s is larger.
    public mutating func merge(_ other: ErrorStatistics) {
        count += other.count
        nonfiniteCount += other.nonfiniteCount
        squaredError.add(other.squaredError)
        squaredSignal.add(other.squaredSignal)
        squaredDequantized.add(other.squaredDequantized)
        product.add(other.product)
        if other.maxAbsError > maxAbsError || (maxAbsErrorIndex == nil && other.maxAbsErrorIndex != nil) {
            maxAbsError = other.maxAbsError
            maxAbsErrorIndex = other.maxAbsErrorIndex
        }
    }

    public var sumSquaredError: Double { squaredError.value }
    public var sumSquaredSignal: Double { squaredSignal.value }

    public var mse: Double { count == 0 ? 0 : squaredError.value / Double(count) }
    public var rmse: Double { mse.squareRoot() }

    public var sqnrDecibels: Double {
        let e = squaredError.value, s = squaredSignal.value
        if e == 0 { return .infinity }
        return 10 * (log10(s) - log10(e))
    }

    public var cosine: Double {
        let xx = squaredSignal.value, yy = squaredDequantized.value
        if xx == 0 && yy == 0 { return 1 }
        if xx == 0 || yy == 0 { return 0 }
        // √xx · √yy, not √(xx·yy): the product can overflow.
        return product.value / (xx.squareRoot() * yy.squareRoot())
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
