import Foundation

/// The element types of `.npy` arrays FloatLab reads and writes.
public enum NPYElement: String, Sendable, CaseIterable {
    case uint8 = "u1", uint16 = "u2", uint32 = "u4", uint64 = "u8"
    case float16 = "f2", float32 = "f4", float64 = "f8"

    /// Bytes per element.
    public var size: Int {
        switch self {
        case .uint8: return 1
        case .uint16, .float16: return 2
        case .uint32, .float32: return 4
        case .uint64, .float64: return 8
        }
    }

    public var isFloat: Bool { self == .float16 || self == .float32 || self == .float64 }

    /// The unsigned type of a width in bytes (1, 2, 4, 8).
    public static func unsigned(bytes: Int) -> NPYElement {
        switch bytes {
        case 1: return .uint8
        case 2: return .uint16
        case 4: return .uint32
        default: return .uint64
        }
    }
}

/// Why an array file could not be read or written.
public struct TensorIOError: Error, Hashable, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A NumPy `.npy` array (format versions 1.0–3.0): little-endian, C order,
/// elements held as raw bytes.
///
/// ```swift
/// let a = NPYArray(element: .uint8, shape: [3], data: Data([1, 2, 3]))
/// try NPYArray(decoding: a.encoded()) == a   // true
/// ```
public struct NPYArray: Sendable, Equatable {
    public var element: NPYElement
    public var shape: [Int]
    /// Little-endian element bytes, C order.
    public var data: Data

    public init(element: NPYElement, shape: [Int], data: Data) {
        self.element = element
        self.shape = shape
        self.data = data
    }

    public var count: Int { shape.reduce(1, *) }

    private static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]   // \x93NUMPY

    /// Parses `.npy` bytes; errors say what is wrong and what is supported.
    public init(decoding bytes: Data) throws(TensorIOError) {
        let b = [UInt8](bytes.prefix(12))
        guard b.count >= 10, Array(b[0..<6]) == NPYArray.magic else {
            throw TensorIOError("not a .npy file (it does not start with \\x93NUMPY).")
        }
        let major = b[6]
        let headerLength: Int, headerStart: Int
        switch major {
        case 1:
            headerLength = Int(b[8]) | Int(b[9]) << 8
            headerStart = 10
        case 2, 3:
            guard b.count >= 12 else { throw TensorIOError("truncated .npy header.") }
            headerLength = Int(b[8]) | Int(b[9]) << 8 | Int(b[10]) << 16 | Int(b[11]) << 24
            headerStart = 12
        default:
            throw TensorIOError(".npy format version \(major) is not supported (1, 2 and 3 are).")
        }
        guard bytes.count >= headerStart + headerLength else { throw TensorIOError("truncated .npy header.") }
        let start = bytes.startIndex
        let header = String(decoding: bytes[(start + headerStart)..<(start + headerStart + headerLength)], as: UTF8.self)
        guard let descr = NPYArray.value(of: "descr", in: header)?.trimmingCharacters(in: CharacterSet(charactersIn: "'\"")) else {
            throw TensorIOError(".npy header has no 'descr'.")
        }
        var code = descr
        if code.hasPrefix("<") || code.hasPrefix("|") || code.hasPrefix("=") { code.removeFirst() }
        else if code.hasPrefix(">") && !code.hasSuffix("1") {
            throw TensorIOError("big-endian .npy arrays ('\(descr)') are not supported; save with dtype '<\(code.dropFirst())'.")
        } else if code.hasPrefix(">") { code.removeFirst() }
        guard let element = NPYElement(rawValue: code) else {
            throw TensorIOError(".npy dtype '\(descr)' is not supported; use uint8/16/32/64 bit patterns or float16/32/64 values.")
        }
        if let fortran = NPYArray.value(of: "fortran_order", in: header), fortran.hasPrefix("True") {
            throw TensorIOError("Fortran-ordered .npy arrays are not supported; save a C-ordered copy (np.ascontiguousarray).")
        }
        guard let shapeText = NPYArray.tuple(of: "shape", in: header) else { throw TensorIOError(".npy header has no 'shape'.") }
        var shape: [Int] = []
        for part in shapeText.split(separator: ",") {
            let t = part.trimmingCharacters(in: .whitespaces)
            if t.isEmpty { continue }
            guard let n = Int(t), n >= 0 else { throw TensorIOError(".npy shape '(\(shapeText))' is not a tuple of sizes.") }
            shape.append(n)
        }
        let count = shape.reduce(1, *)
        let dataStart = start + headerStart + headerLength
        guard bytes.count - (headerStart + headerLength) >= count * element.size else {
            throw TensorIOError(".npy data is truncated: shape \(shape) needs \(count * element.size) bytes, the file has \(bytes.count - headerStart - headerLength).")
        }
        self.init(element: element, shape: shape, data: bytes[dataStart..<(dataStart + count * element.size)])
    }

    /// The `.npy` bytes (version 1.0, header padded to 64 bytes).
    public func encoded() -> Data {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '\(element.size == 1 ? "|" : "<")\(element.rawValue)', 'fortran_order': False, 'shape': \(shapeText), }"
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var out = Data(NPYArray.magic + [1, 0])
        let n = header.utf8.count
        out.append(contentsOf: [UInt8(n & 0xFF), UInt8(n >> 8)])
        out.append(contentsOf: Array(header.utf8))
        out.append(data)
        return out
    }

    private static func value(of key: String, in header: String) -> String? {
        guard let r = header.range(of: "'\(key)'") ?? header.range(of: "\"\(key)\"") else { return nil }
        var rest = header[r.upperBound...].drop { $0 == " " || $0 == ":" }
        if let end = rest.firstIndex(where: { $0 == "," || $0 == "}" }) { rest = rest[..<end] }
        return rest.trimmingCharacters(in: .whitespaces)
    }

    private static func tuple(of key: String, in header: String) -> String? {
        guard let r = header.range(of: "'\(key)'") ?? header.range(of: "\"\(key)\""),
              let open = header[r.upperBound...].firstIndex(of: "("),
              let close = header[open...].firstIndex(of: ")") else { return nil }
        return String(header[header.index(after: open)..<close])
    }
}
