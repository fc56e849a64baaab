/// An MPFR call that failed, said in words (MPFR's own failures become Swift
/// errors here, never a placeholder string or a crash).
public struct MPFRError: Error, Hashable, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
