/// How the clipping range of a scale is chosen from the values it covers.
///
/// - `minmax`: the largest magnitude (the observed minimum and maximum for affine).
/// - `percentile(P)`: the P-th percentile of |x| by nearest rank (the
///   ⌈P/100 · n⌉-th smallest magnitude); values beyond it are clipped.
/// - `mse`: the clip c = r · amax, r ∈ {1, 0.99, …, 0.01} (100 candidates), whose
///   quantize-dequantize error Σ(x − x')² is least; the first (largest) on ties.
/// - `entropy`: TensorRT's calibration. A 2048-bin histogram of |x| over
///   [0, amax]; for each threshold bin i from 128 to 2048, P is the first i
///   bins with everything beyond folded into bin i − 1, Q is P merged into 128
///   levels and expanded back over P's non-empty bins; the threshold is the
///   upper edge of bin i that minimises KL(P‖Q), the last one on ties.
///
/// ```swift
/// try Calibration(name: "percentile:99.9")   // .percentile(99.9)
/// ```
public enum Calibration: Hashable, Sendable, CustomStringConvertible {
    case minmax
    case percentile(Double)
    case mse
    case entropy

    public init(name: String) throws(QuantizationError) {
        let key = name.lowercased()
        switch key {
        case "minmax", "min-max", "max": self = .minmax
        case "mse": self = .mse
        case "entropy", "kl": self = .entropy
        default:
            if key.hasPrefix("percentile:"), let p = Double(key.dropFirst("percentile:".count)), p > 0, p <= 100 {
                self = .percentile(p)
                return
            }
            throw QuantizationError("unknown calibration '\(name)'; use minmax, percentile:P (0 < P ≤ 100), mse or entropy.")
        }
    }

    public var description: String {
        switch self {
        case .minmax: return "minmax"
        case .percentile(let p): return "percentile:\(p)"
        case .mse: return "mse"
        case .entropy: return "entropy"
        }
    }
}
