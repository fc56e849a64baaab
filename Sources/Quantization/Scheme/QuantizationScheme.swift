import FloatFormats

/// A quantization scheme, by the name users type. The names are a contract:
///
/// | name | elements | scale |
/// |------|----------|-------|
/// | `int2` … `int16`, `uint2` … `uint16` | integers | per tensor, channel or group |
/// | a format name (`float8_e4m3fn`, `e5m2`, `e2m1`, `e3m2b2`, …) | that format | amax / max finite, per tensor, channel or group |
/// | `mxfp8_e4m3`, `mxfp8_e5m2`, `mxfp6_e2m3`, `mxfp6_e3m2`, `mxfp4`, `mxint8` | OCP MX | E8M0 per 32 |
/// | `nvfp4` | E2M1 | E4M3 per 16, float32 per tensor |
/// | `q8_0`, `q4_0`, `q4_1`, `q5_0`, `q5_1` | ggml blocks of 32 | float16 |
/// | `q4_k`, `q6_k` | ggml super-blocks of 256 | 6- or 8-bit sub-block scales, float16 |
/// | `nf4`, `fp4_bnb` | bitsandbytes code books | float32 absmax per 64 |
///
/// ```swift
/// try QuantizationScheme(name: "int8")          // .integer(bits: 8, signed: true)
/// try QuantizationScheme(name: "mxfp4")         // .mx(.fp4)
/// try QuantizationScheme(name: "e4m3").name     // "float8_e4m3fn"
/// ```
public enum QuantizationScheme: Hashable, Sendable, CustomStringConvertible {
    case integer(bits: Int, signed: Bool)
    case float(FloatFormat)
    case mx(MXElement)
    case nvfp4
    case ggml(GGMLType)
    case codebook(Codebook)

    public init(name: String) throws(QuantizationError) {
        let key = name.lowercased()
        if let e = MXElement(rawValue: key) { self = .mx(e); return }
        if key == "nvfp4" { self = .nvfp4; return }
        if let g = GGMLType(rawValue: key) { self = .ggml(g); return }
        if let c = Codebook(rawValue: key) { self = .codebook(c); return }
        for (prefix, signed) in [("uint", false), ("int", true)] where key.hasPrefix(prefix) {
            if let bits = Int(key.dropFirst(prefix.count)), (2...16).contains(bits) {
                self = .integer(bits: bits, signed: signed)
                return
            }
        }
        if let format = try? FloatFormat.named(name) {
            guard format.bitWidth <= 16 else {
                throw QuantizationError("'\(name)' is a \(format.bitWidth)-bit format; element formats for quantization have at most 16 bits.")
            }
            self = .float(format)
            return
        }
        throw QuantizationError("unknown scheme '\(name)'; use one of \(QuantizationScheme.acceptedNames).")
    }

    /// What the error message for an unknown name lists.
    public static let acceptedNames = "int2…int16, uint2…uint16, a float format of up to 16 bits (float8_e4m3fn, e5m2, e2m1, e3m2b2, …), "
        + MXElement.allCases.map(\.rawValue).joined(separator: ", ") + ", nvfp4, "
        + GGMLType.allCases.map(\.rawValue).joined(separator: ", ") + ", "
        + Codebook.allCases.map(\.rawValue).joined(separator: ", ")

    public var name: String {
        switch self {
        case .integer(let bits, let signed): return (signed ? "int" : "uint") + String(bits)
        case .float(let f): return f.name
        case .mx(let e): return e.rawValue
        case .nvfp4: return "nvfp4"
        case .ggml(let g): return g.rawValue
        case .codebook(let c): return c.rawValue
        }
    }

    public var description: String { name }

    /// Every scheme `--compare all` runs.
    public static let all: [QuantizationScheme] =
        [.integer(bits: 8, signed: true), .integer(bits: 4, signed: true),
         .float(.float8_e4m3fn), .float(.float8_e5m2), .float(.float4_e2m1fn)]
        + MXElement.allCases.map { .mx($0) } + [.nvfp4]
        + GGMLType.allCases.map { .ggml($0) } + Codebook.allCases.map { .codebook($0) }

    /// Whether `--granularity` applies (int and scaled-float schemes); block
    /// schemes have their own blocks.
    public var takesGranularity: Bool {
        switch self {
        case .integer, .float: return true
        default: return false
        }
    }
}

/// The OCP MX element types (MX v1.0 §5).
public enum MXElement: String, Hashable, Sendable, CaseIterable {
    case fp8E4M3 = "mxfp8_e4m3", fp8E5M2 = "mxfp8_e5m2", fp6E2M3 = "mxfp6_e2m3", fp6E3M2 = "mxfp6_e3m2"
    case fp4 = "mxfp4", int8 = "mxint8"

    /// The element format; nil for MXINT8, whose elements are integers × 2^-6.
    public var format: FloatFormat? {
        switch self {
        case .fp8E4M3: return .float8_e4m3fn
        case .fp8E5M2: return .float8_e5m2
        case .fp6E2M3: return .float6_e2m3fn
        case .fp6E3M2: return .float6_e3m2fn
        case .fp4: return .float4_e2m1fn
        case .int8: return nil
        }
    }

    /// emax of the element format: the exponent of its largest normal binade
    /// (E4M3 8, E5M2 15, E3M2 4, E2M3 2, E2M1 2, INT8 0).
    public var emax: Int { format.map { $0.maxFinite.binade! } ?? 0 }

    /// Bits per element.
    public var bits: Int { format?.bitWidth ?? 8 }
}

/// The ggml block types (ggml-common.h).
public enum GGMLType: String, Hashable, Sendable, CaseIterable {
    case q8_0, q4_0, q4_1, q5_0, q5_1, q4_k, q6_k

    /// Elements per block (a k-quant's super-block).
    public var blockSize: Int { isKQuant ? 256 : 32 }

    /// Elements per scale: 32, or a k-quant's sub-block (32 for q4_k, 16 for q6_k).
    public var scaleGroup: Int { self == .q6_k ? 16 : 32 }

    public var isKQuant: Bool { self == .q4_k || self == .q6_k }

    /// Bytes per block, as `block_q*` in ggml-common.h lays them out.
    public var blockBytes: Int {
        switch self {
        case .q8_0: return 2 + 32        // d, qs[32]
        case .q4_0: return 2 + 16        // d, qs[16]
        case .q4_1: return 4 + 16        // d, m, qs[16]
        case .q5_0: return 2 + 4 + 16    // d, qh[4], qs[16]
        case .q5_1: return 4 + 4 + 16    // d, m, qh[4], qs[16]
        case .q4_k: return 4 + 12 + 128  // d, dmin, scales[12], qs[128]
        case .q6_k: return 128 + 64 + 16 + 2   // ql[128], qh[64], scales[16], d
        }
    }
}

/// bitsandbytes' 4-bit code books.
public enum Codebook: String, Hashable, Sendable, CaseIterable {
    case nf4
    case fp4Bnb = "fp4_bnb"
}
