/// A running float64 sum with Neumaier's compensation: the rounding error of
/// every addition is kept in a second accumulator, so the result is as if
/// summed in about twice the precision (error ≈ 2^-53 · |sum| + n · 2^-106 · Σ|terms|).
///
/// ```swift
/// var s = CompensatedSum()
/// s.add(1); s.add(0x1p-60); s.add(-1)
/// s.value   // 0x1p-60: a plain sum gives 0
/// ```
public struct CompensatedSum: Sendable, Hashable {
    private var sum = 0.0
    private var compensation = 0.0

    public init() {}

    @inline(__always)
    public mutating func add(_ x: Double) {
        let t = sum + x
        if sum.magnitude >= x.magnitude { compensation += (sum - t) + x } else { compensation += (x - t) + sum }
        sum = t
    }

    /// Adds a·b exactly: the product's rounded part and its error (from a fused multiply-add).
    @inline(__always)
    public mutating func addProduct(_ a: Double, _ b: Double) {
        let p = a * b
        add(p)
        add((-p).addingProduct(a, b))
    }

    public mutating func add(_ other: CompensatedSum) {
        add(other.sum)
        add(other.compensation)
    }

    public var value: Double { sum + compensation }
}
