/// What NaN results carry.
public enum NaNHandling: String, Hashable, Sendable, CaseIterable {
    /// The sign of the input NaN (and, between IEEE formats, the top bits of its
    /// payload, quietened).
    case keep
    /// Always the target's canonical positive quiet NaN.
    case canonical
}
