/// Code generic in the unsigned integer types that hold a source and a
/// destination element: `withElementTypes` calls it with the types of the
/// given byte widths. The one place where widths become types.
public protocol ElementTypesBody {
    associatedtype Result
    func callAsFunction<S: FixedWidthInteger & UnsignedInteger & Sendable, D: FixedWidthInteger & UnsignedInteger & Sendable>(
        _ source: S.Type, _ destination: D.Type) -> Result
}

/// Calls `body` with UInt8, UInt16, UInt32 or UInt64 for each width in bytes
/// (1, 2, 4; anything else is 8).
///
/// ```swift
/// struct Widths: ElementTypesBody {
///     func callAsFunction<S: FixedWidthInteger & UnsignedInteger & Sendable, D: FixedWidthInteger & UnsignedInteger & Sendable>(
///         _: S.Type, _: D.Type) -> [Int] { [S.bitWidth, D.bitWidth] }
/// }
/// withElementTypes(sourceBytes: 4, destinationBytes: 1, Widths())   // [32, 8]
/// ```
@inlinable
public func withElementTypes<B: ElementTypesBody>(sourceBytes: Int, destinationBytes: Int, _ body: B) -> B.Result {
    @inline(__always) func into<S: FixedWidthInteger & UnsignedInteger & Sendable>(_: S.Type) -> B.Result {
        switch destinationBytes {
        case 1: return body(S.self, UInt8.self)
        case 2: return body(S.self, UInt16.self)
        case 4: return body(S.self, UInt32.self)
        default: return body(S.self, UInt64.self)
        }
    }
    switch sourceBytes {
    case 1: return into(UInt8.self)
    case 2: return into(UInt16.self)
    case 4: return into(UInt32.self)
    default: return into(UInt64.self)
    }
}
