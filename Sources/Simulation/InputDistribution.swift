import Foundation
import FloatFormats

/// Seeded input values for a simulation: element i of stream k is a pure
/// function of (seed, k, i), so a longer run starts with the shorter one's data.
public enum InputDistribution: String, CaseIterable, Sendable {
    /// Standard normal, N(0, 1), by the Box–Muller transform.
    case normal
    /// Uniform on [−1, 1).
    case uniform
    /// Uniform on (0, 1]: sums without cancellation, where the bounds are nearly attained.
    case positive

    /// `count` values of stream `stream`. The data's streams start one past
    /// the seed, so that they never coincide with stochastic rounding's
    /// stream of the same seed (`floatlab simulate --seed S` seeds both).
    public func values(count: Int, seed: UInt64, stream: UInt64 = 0) -> [Double] {
        let random = RandomStream(seed: (seed &+ 1) &+ stream &* 0xD1B5_4A32_D192_ED03)
        // 53 random bits as a double in [0, 1).
        func unit(_ i: Int) -> Double { Double(random[UInt64(i)] >> 11) * 0x1p-53 }
        switch self {
        case .uniform:
            return (0..<count).map { 2 * unit($0) - 1 }
        case .positive:
            return (0..<count).map { 1 - unit($0) }
        case .normal:
            return (0..<count).map { i in
                // Each value uses the pair of draws (2i, 2i + 1).
                let u1 = 1 - Double(random[UInt64(2 * i)] >> 11) * 0x1p-53
                let u2 = Double(random[UInt64(2 * i + 1)] >> 11) * 0x1p-53
                return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
            }
        }
    }
}
