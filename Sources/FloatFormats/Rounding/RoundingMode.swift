/// How a value between two neighbours of the target format is rounded.
///
/// What each mode gives for a few values rounded to integers (a format whose
/// ulp is 1 there), stochastic shown as its probability of rounding up:
///
/// | value | nearest-even | nearest-away | toward-zero | up | down | odd | stochastic |
/// |------:|-----:|-----:|-----:|-----:|-----:|-----:|:-----------|
/// | −1.5  | −2   | −2   | −1   | −1   | −2   | −1   | −2 with p = 0.5 |
/// | −0.5  | −0   | −1   | −0   | −0   | −1   | −1   | −1 with p = 0.5 |
/// |  0.5  |  0   |  1   |  0   |  1   |  0   |  1   |  1 with p = 0.5 |
/// |  1.25 |  1   |  1   |  1   |  2   |  1   |  1   |  2 with p = 0.25 |
/// |  1.5  |  2   |  2   |  1   |  2   |  1   |  1   |  2 with p = 0.5 |
/// |  2.5  |  2   |  3   |  2   |  3   |  2   |  3   |  3 with p = 0.5 |
///
/// Stochastic rounding with `bits` random bits rounds away from zero when the
/// top `bits` bits of the discarded fraction plus a uniform random integer in
/// [0, 2^bits) reach 2^bits; discarded bits below those are ignored, as in
/// hardware. The random integer is an argument of each rounding, so results are
/// reproducible and independent of the order of work.
public enum RoundingMode: Hashable, Sendable, CustomStringConvertible {
    case nearestEven
    case nearestAway
    case towardZero
    case up
    case down
    case odd
    case stochastic(bits: Int)

    /// The non-random modes, in the order tables show them.
    public static let deterministic: [RoundingMode] = [.nearestEven, .nearestAway, .towardZero, .up, .down, .odd]

    /// The most random bits stochastic rounding takes.
    public static let maximumStochasticBits = 32

    /// The command-line name: `nearest-even`, …, `stochastic:8`.
    public var name: String {
        switch self {
        case .nearestEven: return "nearest-even"
        case .nearestAway: return "nearest-away"
        case .towardZero: return "toward-zero"
        case .up: return "up"
        case .down: return "down"
        case .odd: return "odd"
        case .stochastic(let bits): return "stochastic:\(bits)"
        }
    }

    public var description: String { name }

    /// Parses a mode name. Also accepted: `rne`, `rna`, `rtz`/`truncate`,
    /// `ru`, `rd`, `rto`, and `stochastic` alone (16 random bits).
    public init(name: String) throws(FormatError) {
        let key = name.lowercased()
        switch key {
        case "nearest-even", "nearest", "rne", "rn": self = .nearestEven
        case "nearest-away", "rna": self = .nearestAway
        case "toward-zero", "truncate", "truncation", "rtz", "rz": self = .towardZero
        case "up", "ru", "toward-positive": self = .up
        case "down", "rd", "toward-negative": self = .down
        case "odd", "rto": self = .odd
        case "stochastic", "sr": self = .stochastic(bits: 16)
        default:
            if key.hasPrefix("stochastic:"), let bits = Int(key.dropFirst("stochastic:".count)),
               (1...RoundingMode.maximumStochasticBits).contains(bits) {
                self = .stochastic(bits: bits)
                return
            }
            throw FormatError("unknown rounding mode '\(name)'; use nearest-even, nearest-away, toward-zero, up, down, odd or stochastic:BITS (BITS 1…\(RoundingMode.maximumStochasticBits)).")
        }
    }
}
