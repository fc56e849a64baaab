import FloatFormats

/// The order and method of a floating-point summation, each with its
/// classical a-priori error bound (Higham, *Accuracy and Stability of
/// Numerical Algorithms*, 2nd ed., ch. 4).
public enum SummationAlgorithm: Hashable, Sendable, CustomStringConvertible {
    /// s = ((t₀ + t₁) + t₂) + …: n − 1 additions in a chain.
    case recursive
    /// Halves summed separately, then added: ⌈log₂ n⌉ additions on any path.
    case pairwise
    /// Kahan's compensated summation: a running correction term.
    case kahan
    /// Blocks of K summed recursively, then the block sums recursively
    /// (what a tiled GPU kernel or a K-wide accumulator does).
    case blocked(Int)

    public var description: String {
        switch self {
        case .recursive: return "recursive"
        case .pairwise: return "pairwise"
        case .kahan: return "kahan"
        case .blocked(let k): return "blocked:\(k)"
        }
    }

    /// Parses `recursive`, `pairwise`, `kahan` or `blocked:K`.
    public init(name: String) throws(SimulationError) {
        switch name.lowercased() {
        case "recursive": self = .recursive
        case "pairwise": self = .pairwise
        case "kahan", "compensated": self = .kahan
        default:
            let lower = name.lowercased()
            if lower.hasPrefix("blocked:"), let k = Int(lower.dropFirst("blocked:".count)), k >= 1 {
                self = .blocked(k)
                return
            }
            throw SimulationError("unknown summation algorithm '\(name)'; use recursive, pairwise, kahan or blocked:K (K ≥ 1).")
        }
    }

    /// The most roundings of the additions any one term goes through, for n
    /// terms: the k of the bound γ_k (Kahan's bound is not of this form).
    public func depth(_ n: Int) -> Int {
        guard n > 1 else { return 0 }
        switch self {
        case .recursive, .kahan: return n - 1
        case .pairwise: return Int.bitWidth - (n - 1).leadingZeroBitCount   // ⌈log₂ n⌉
        case .blocked(let k):
            let blocks = (n + k - 1) / k
            return (min(k, n) - 1) + (blocks - 1)
        }
    }

    /// Sums `terms` (encodings of the context's format) in this order, every
    /// addition rounded by the context.
    public func sum(_ terms: [UInt64], in context: inout FloatContext) -> UInt64 {
        guard !terms.isEmpty else { return context.zero }
        switch self {
        case .recursive:
            return Self.recursive(terms[...], in: &context)
        case .pairwise:
            return Self.pairwise(terms[...], in: &context)
        case .kahan:
            var s = terms[0], c = context.zero
            for t in terms.dropFirst() {
                let y = context.subtract(t, c)
                let u = context.add(s, y)
                c = context.subtract(context.subtract(u, s), y)
                s = u
            }
            return s
        case .blocked(let k):
            var partials: [UInt64] = []
            partials.reserveCapacity((terms.count + k - 1) / k)
            var start = 0
            while start < terms.count {
                partials.append(Self.recursive(terms[start..<min(start + k, terms.count)], in: &context))
                start += k
            }
            return Self.recursive(partials[...], in: &context)
        }
    }

    private static func recursive(_ terms: ArraySlice<UInt64>, in context: inout FloatContext) -> UInt64 {
        var s = terms[terms.startIndex]
        for t in terms.dropFirst() { s = context.add(s, t) }
        return s
    }

    private static func pairwise(_ terms: ArraySlice<UInt64>, in context: inout FloatContext) -> UInt64 {
        if terms.count == 1 { return terms[terms.startIndex] }
        let mid = terms.startIndex + (terms.count + 1) / 2
        let left = pairwise(terms[..<mid], in: &context)
        let right = pairwise(terms[mid...], in: &context)
        return context.add(left, right)
    }
}
