/// The element codes of a quantized tensor, each held in the narrowest
/// integer type that holds every code of its scheme, read as `Int32`.
///
/// | scheme | storage |
/// |---|---|
/// | int2…int8, mxint8, q8_0 | `Int8` |
/// | uint2…uint8, float elements of ≤ 8 bits, MX, NVFP4, q4_0 … q6_k, nf4 | `UInt8` |
/// | int9…int16 / uint9…uint16, float elements of 9–16 bits | `Int16` / `UInt16` |
///
/// A quantized int8 tensor therefore takes one byte per code in memory, as
/// in the file, and the quantize loops write a quarter of the bytes an
/// `Int32` per code would cost.
///
/// ```swift
/// let c: Codes = [64, -127, 32]
/// c[1]                  // -127
/// c == [64, -127, 32]   // true: codes compare by value, whatever their width
/// ```
public struct Codes: RandomAccessCollection, Equatable, Sendable, ExpressibleByArrayLiteral, CustomStringConvertible {
    /// The integer type that holds each code.
    public enum Width: String, Sendable, Equatable {
        case int8, uint8, int16, uint16, int32

        /// The narrowest width holding every integer of lo…hi.
        public init(holding lo: Int, _ hi: Int) {
            precondition(lo <= hi, "an empty range of codes")
            if lo >= 0 && hi <= 255 { self = .uint8 }
            else if lo >= -128 && hi <= 127 { self = .int8 }
            else if lo >= 0 && hi <= 65535 { self = .uint16 }
            else if lo >= -32768 && hi <= 32767 { self = .int16 }
            else { self = .int32 }
        }

        /// Bytes per code.
        public var byteCount: Int {
            switch self {
            case .int8, .uint8: 1
            case .int16, .uint16: 2
            case .int32: 4
            }
        }
    }

    enum Storage: Sendable {
        case int8([Int8]), uint8([UInt8]), int16([Int16]), uint16([UInt16]), int32([Int32])
    }

    private(set) var storage: Storage

    init(_ storage: Storage) { self.storage = storage }

    /// Codes from any integers, stored at `width` (each must fit it).
    public init<S: Sequence>(_ values: S, width: Width) where S.Element: BinaryInteger {
        switch width {
        case .int8: storage = .int8(values.map { Int8($0) })
        case .uint8: storage = .uint8(values.map { UInt8($0) })
        case .int16: storage = .int16(values.map { Int16($0) })
        case .uint16: storage = .uint16(values.map { UInt16($0) })
        case .int32: storage = .int32(values.map { Int32($0) })
        }
    }

    public init(arrayLiteral elements: Int32...) { storage = .int32(elements) }

    /// `count` codes of `T`, written by `fill` (which must write every one).
    static func make<T: CodeElement>(_: T.Type, count: Int, _ fill: (UnsafeMutablePointer<T>) -> Void) -> Codes {
        let a = [T](unsafeUninitializedCapacity: count) { buffer, n in
            if count > 0 { fill(buffer.baseAddress!) }
            n = count
        }
        return Codes(T.storage(a))
    }

    public var width: Width {
        switch storage {
        case .int8: .int8
        case .uint8: .uint8
        case .int16: .int16
        case .uint16: .uint16
        case .int32: .int32
        }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int {
        switch storage {
        case .int8(let a): a.count
        case .uint8(let a): a.count
        case .int16(let a): a.count
        case .uint16(let a): a.count
        case .int32(let a): a.count
        }
    }

    public subscript(i: Int) -> Int32 {
        switch storage {
        case .int8(let a): Int32(a[i])
        case .uint8(let a): Int32(a[i])
        case .int16(let a): Int32(a[i])
        case .uint16(let a): Int32(a[i])
        case .int32(let a): a[i]
        }
    }

    /// Calls `body` with the codes in their own type (one dispatch, not one per code).
    func withCodes<R>(_ body: some CodeReader<R>) -> R {
        switch storage {
        case .int8(let a): a.withUnsafeBufferPointer { body.read($0) }
        case .uint8(let a): a.withUnsafeBufferPointer { body.read($0) }
        case .int16(let a): a.withUnsafeBufferPointer { body.read($0) }
        case .uint16(let a): a.withUnsafeBufferPointer { body.read($0) }
        case .int32(let a): a.withUnsafeBufferPointer { body.read($0) }
        }
    }

    /// The code bytes in the machine's order (little-endian here), as files store them.
    public var bytes: [UInt8] {
        switch storage {
        case .int8(let a): a.withUnsafeBytes { Array($0) }
        case .uint8(let a): a
        case .int16(let a): a.withUnsafeBytes { Array($0) }
        case .uint16(let a): a.withUnsafeBytes { Array($0) }
        case .int32(let a): a.withUnsafeBytes { Array($0) }
        }
    }

    public static func == (a: Codes, b: Codes) -> Bool { a.elementsEqual(b) }

    public var description: String { Array(self).description }
}

/// A type codes are stored in.
protocol CodeElement: FixedWidthInteger, SIMDScalar, Sendable {
    static func storage(_ a: [Self]) -> Codes.Storage
}
extension Int8: CodeElement { static func storage(_ a: [Int8]) -> Codes.Storage { .int8(a) } }
extension UInt8: CodeElement { static func storage(_ a: [UInt8]) -> Codes.Storage { .uint8(a) } }
extension Int16: CodeElement { static func storage(_ a: [Int16]) -> Codes.Storage { .int16(a) } }
extension UInt16: CodeElement { static func storage(_ a: [UInt16]) -> Codes.Storage { .uint16(a) } }
extension Int32: CodeElement { static func storage(_ a: [Int32]) -> Codes.Storage { .int32(a) } }

/// A computation over codes of any stored type.
protocol CodeReader<Result> {
    associatedtype Result
    func read<T: CodeElement>(_ codes: UnsafeBufferPointer<T>) -> Result
}

/// A computation that writes codes of any stored type.
protocol CodeWriter {
    func write<T: CodeElement>(_ codes: UnsafeMutablePointer<T>)
}

extension Codes {
    /// `count` codes at `width`, written by `writer` (which must write every one).
    static func make(width: Width, count: Int, _ writer: some CodeWriter) -> Codes {
        switch width {
        case .int8: make(Int8.self, count: count) { writer.write($0) }
        case .uint8: make(UInt8.self, count: count) { writer.write($0) }
        case .int16: make(Int16.self, count: count) { writer.write($0) }
        case .uint16: make(UInt16.self, count: count) { writer.write($0) }
        case .int32: make(Int32.self, count: count) { writer.write($0) }
        }
    }
}
