/// What NaN results carry.
public enum NaNHandling: String, Hashable, Sendable, CaseIterable {
    /// The sign of the input NaN (and, between IEEE formats, the top bits of its
    /// payload, quietened).
    case keep
    /// Always the target's canonical positive quiet NaN.
    case canonical
    /// The target's canonical quiet NaN with the input's sign, payload dropped
    /// (ml_dtypes: a float32 NaN 0xFF95ABEB gives bfloat16 0xFFC0).
    case sign
}
