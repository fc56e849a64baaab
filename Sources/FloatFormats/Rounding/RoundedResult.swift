/// An encoding and the flags raised in producing it.
public struct RoundedResult: Hashable, Sendable {
    public let code: UInt64
    public let flags: ExceptionFlags

    public init(code: UInt64, flags: ExceptionFlags) {
        self.code = code
        self.flags = flags
    }
}
