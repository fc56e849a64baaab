import FloatFormats

/// What a check expects of one conversion or operation: an encoding of the
/// target, and the flags, as data. A referee that does not decide the sign or
/// payload of NaN results accepts any NaN; one that does not report flags
/// (a sweep of codes) leaves them out.
///
/// ```swift
/// let e = Expected(code: 0x7E, flags: [.overflow, .inexact])
/// e.accepts(code: 0x7E, flags: [.overflow, .inexact], in: .float8_e4m3fn)   // true
/// e.accepts(code: 0x7E, flags: [], in: .float8_e4m3fn)                      // false
/// Expected(code: 0x7F, acceptsAnyNaN: true).accepts(code: 0xFF, flags: nil, in: .float8_e4m3fn)   // true
/// ```
public struct Expected: Hashable, Sendable {
    /// The expected encoding.
    public var code: UInt64
    /// The expected flags; nil when the check does not compare flags.
    public var flags: ExceptionFlags?
    /// Whether any NaN encoding is right when `code` is a NaN.
    public var acceptsAnyNaN: Bool

    public init(code: UInt64, flags: ExceptionFlags? = nil, acceptsAnyNaN: Bool = false) {
        self.code = code
        self.flags = flags
        self.acceptsAnyNaN = acceptsAnyNaN
    }

    /// The expectation of a rounded result, flags included.
    public init(_ result: RoundedResult) {
        self.init(code: result.code, flags: result.flags)
    }

    /// Whether an actual result meets the expectation: the same code (any NaN
    /// for a NaN where allowed), and the same flags where both sides have them.
    public func accepts(code actual: UInt64, flags actualFlags: ExceptionFlags?, in format: FloatFormat) -> Bool {
        if let flags, let actualFlags, flags != actualFlags { return false }
        if acceptsAnyNaN && format.isNaN(code & format.encodingMask) {
            return format.isNaN(actual & format.encodingMask)
        }
        return actual == code
    }
}
