/// When a result counts as tiny for the underflow flag (IEEE 754 allows both).
public enum Tininess: String, Hashable, Sendable, CaseIterable {
    /// Tiny when the result rounded as if the exponent were unbounded is below
    /// the smallest normal (x86 SSE, RISC-V, SoftFloat's default).
    case afterRounding = "after"
    /// Tiny when the exact value is below the smallest normal (ARM, PowerPC).
    case beforeRounding = "before"
}
