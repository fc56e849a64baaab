import FloatFormats

/// The element type of a stored tensor: float formats, integers, booleans.
///
/// ```swift
/// TensorDType(safetensors: "BF16")      // .float(.bfloat16)
/// TensorDType.float(.bfloat16).size     // 2
/// TensorDType(npyName: "float8_e4m3fn") // .float(.float8_e4m3fn): an ml_dtypes name
/// ```
public enum TensorDType: Hashable, Sendable, CustomStringConvertible {
    case float(FloatFormat)
    case signed(bytes: Int)
    case unsigned(bytes: Int)
    case bool

    /// Bytes per element.
    public var size: Int {
        switch self {
        case .float(let f): return f.storageBytes
        case .signed(let n), .unsigned(let n): return n
        case .bool: return 1
        }
    }

    public var isFloat: Bool { if case .float = self { return true } else { return false } }

    /// The safetensors dtype names (the format's Dtype enum).
    static let safetensorsNames: [(String, TensorDType)] = [
        ("F64", .float(.float64)), ("F32", .float(.float32)), ("F16", .float(.float16)), ("BF16", .float(.bfloat16)),
        ("F8_E4M3", .float(.float8_e4m3fn)), ("F8_E5M2", .float(.float8_e5m2)), ("F8_E8M0", .float(.float8_e8m0fnu)),
        ("I64", .signed(bytes: 8)), ("I32", .signed(bytes: 4)), ("I16", .signed(bytes: 2)), ("I8", .signed(bytes: 1)),
        ("U64", .unsigned(bytes: 8)), ("U32", .unsigned(bytes: 4)), ("U16", .unsigned(bytes: 2)), ("U8", .unsigned(bytes: 1)),
        ("BOOL", .bool),
    ]

    public init?(safetensors name: String) {
        guard let hit = Self.safetensorsNames.first(where: { $0.0 == name }) else { return nil }
        self = hit.1
    }

    /// The safetensors name, or nil for a format safetensors has no dtype for.
    public var safetensorsName: String? { Self.safetensorsNames.first { $0.1 == self }?.0 }

    /// The NumPy type-code part of a descriptor ('f4', 'i2', 'u1', 'b1'), or
    /// nil for formats NumPy has no code for (bfloat16, fp8: ml_dtypes saves them as 'V2'/'V1').
    public var npyCode: String? {
        switch self {
        case .float(let f) where f == .float16: return "f2"
        case .float(let f) where f == .float32: return "f4"
        case .float(let f) where f == .float64: return "f8"
        case .float: return nil
        case .signed(let n): return "i\(n)"
        case .unsigned(let n): return "u\(n)"
        case .bool: return "b1"
        }
    }

    /// A NumPy type code ('<f4' without its byte-order mark).
    init?(npyCode code: String) {
        switch code {
        case "f2": self = .float(.float16)
        case "f4": self = .float(.float32)
        case "f8": self = .float(.float64)
        case "b1", "?": self = .bool
        case "i1", "i2", "i4", "i8": self = .signed(bytes: Int(code.dropFirst())!)
        case "u1", "u2", "u4", "u8": self = .unsigned(bytes: Int(code.dropFirst())!)
        default: return nil
        }
    }

    /// An ml_dtypes or NumPy dtype name ('bfloat16', 'float8_e4m3fn', 'float32', 'int8', 'bool', …).
    public init?(npyName name: String) {
        switch name {
        case "bool": self = .bool
        case "int8", "int16", "int32", "int64": self = .signed(bytes: Int(name.dropFirst(3))! / 8)
        case "uint8", "uint16", "uint32", "uint64": self = .unsigned(bytes: Int(name.dropFirst(4))! / 8)
        default:
            guard let f = Catalogue.lookup(name), f.bitWidth <= 64 else { return nil }
            self = .float(f)
        }
    }

    public var description: String {
        switch self {
        case .float(let f): return f.name
        case .signed(let n): return "int\(8 * n)"
        case .unsigned(let n): return "uint\(8 * n)"
        case .bool: return "bool"
        }
    }
}
