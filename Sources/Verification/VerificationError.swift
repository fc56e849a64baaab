/// Why a check cannot run as asked, with what to do instead.
public struct VerificationError: Error, Hashable, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
