/// The five IEEE 754 exception flags, returned with every rounded result (never
/// kept in global state).
///
/// Written as the letters `v z o u x` (invalid, divide-by-zero, overflow,
/// underflow, inexact), or `-` when none is raised:
///
/// ```swift
/// let f: ExceptionFlags = [.overflow, .inexact]
/// f.letters   // "ox"
/// ExceptionFlags().letters   // "-"
/// ```
public struct ExceptionFlags: OptionSet, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt8
    @inlinable public init(rawValue: UInt8) { self.rawValue = rawValue }

    @inlinable public static var invalid: ExceptionFlags { ExceptionFlags(rawValue: 1 << 0) }
    @inlinable public static var divideByZero: ExceptionFlags { ExceptionFlags(rawValue: 1 << 1) }
    @inlinable public static var overflow: ExceptionFlags { ExceptionFlags(rawValue: 1 << 2) }
    @inlinable public static var underflow: ExceptionFlags { ExceptionFlags(rawValue: 1 << 3) }
    // The set operations the rounding uses, spelled out so that they inline.
    @inlinable @inline(always) public func union(_ other: ExceptionFlags) -> ExceptionFlags {
        ExceptionFlags(rawValue: rawValue | other.rawValue)
    }
    @inlinable @inline(always) public mutating func formUnion(_ other: ExceptionFlags) {
        self = union(other)
    }

    @inlinable public static var inexact: ExceptionFlags { ExceptionFlags(rawValue: 1 << 4) }

    private static let order: [(ExceptionFlags, Character)] = [
        (.invalid, "v"), (.divideByZero, "z"), (.overflow, "o"), (.underflow, "u"), (.inexact, "x"),
    ]

    /// `v z o u x` letters of the raised flags in that order, or `-`.
    public var letters: String {
        let s = String(ExceptionFlags.order.filter { contains($0.0) }.map(\.1))
        return s.isEmpty ? "-" : s
    }

    /// Parses the letters form (`"ox"`, `"-"`).
    public init?(letters: String) {
        self = []
        if letters == "-" { return }
        for c in letters {
            guard let flag = ExceptionFlags.order.first(where: { $0.1 == c })?.0 else { return nil }
            insert(flag)
        }
    }

    public var description: String { letters }
}
