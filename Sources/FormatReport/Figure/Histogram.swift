/// Equal-width histogram bins.
public enum Histogram {
    /// `count` bins of equal width over [lower, upper]; values outside go
    /// into the first or last bin, NaN into none.
    ///
    /// ```swift
    /// Histogram.bins([0.1, 0.2, 0.9], from: 0, to: 1, count: 2).map(\.count)   // [2, 1]
    /// ```
    public static func bins(_ values: [Double], from lower: Double, to upper: Double, count: Int) -> [Bin] {
        precondition(count > 0 && upper > lower, "at least one bin over a non-empty range")
        var counts = [Double](repeating: 0, count: count)
        let width = (upper - lower) / Double(count)
        for v in values where !v.isNaN {
            let i = Int(((v - lower) / width).rounded(.down).clamped(-1, Double(count)))
            counts[min(max(i, 0), count - 1)] += 1
        }
        return (0..<count).map { Bin(lower + Double($0) * width, lower + Double($0 + 1) * width, counts[$0]) }
    }
}

extension Double {
    fileprivate func clamped(_ lo: Double, _ hi: Double) -> Double { Swift.min(Swift.max(self, lo), hi) }
}
