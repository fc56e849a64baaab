/// Numeric kernels written once for any `BinaryFloatingPoint` type: `Float`,
/// `Double`, or FloatLab's `BFloat16`, `Float8E4M3FN`, … The arithmetic is
/// the type's own, so in a small format each step rounds as that format does.

/// The arithmetic mean: the sum, left to right, divided by the count.
public func mean<T: BinaryFloatingPoint>(_ xs: [T]) -> T {
    precondition(!xs.isEmpty, "the mean of no values")
    return xs.reduce(0, +) / T(xs.count)
}

/// c₀ + x·(c₁ + x·(c₂ + …)), coefficients from the constant term up, one multiply and one add per step.
public func horner<T: BinaryFloatingPoint>(_ coefficients: [T], at x: T) -> T {
    coefficients.reversed().reduce(0) { $0 * x + $1 }
}

/// The same polynomial with one fused multiply-add per step (one rounding each).
public func hornerFused<T: BinaryFloatingPoint>(_ coefficients: [T], at x: T) -> T {
    coefficients.reversed().reduce(0) { $1.addingProduct($0, x) }
}

/// Kahan's compensated sum: the running error of each addition carried into the next.
public func kahanSum<T: BinaryFloatingPoint>(_ xs: [T]) -> T {
    var sum: T = 0, compensation: T = 0
    for x in xs {
        let y = x - compensation
        let t = sum + y
        compensation = (t - sum) - y
        sum = t
    }
    return sum
}

/// The plain running sum, for comparison.
public func naiveSum<T: BinaryFloatingPoint>(_ xs: [T]) -> T { xs.reduce(0, +) }
