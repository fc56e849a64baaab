/// The class of an encoding, as IEEE 754 `class()` names them (without sign).
public enum FloatClass: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case zero
    case subnormal
    case normal
    case infinity
    case nan

    public var description: String { self == .nan ? "NaN" : rawValue }

    public var isFinite: Bool { self != .infinity && self != .nan }
}
