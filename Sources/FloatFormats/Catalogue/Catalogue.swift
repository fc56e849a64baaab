/// The formats FloatLab knows by name, with the short aliases people type.
///
/// ```swift
/// try FloatFormat.named("bf16") == .bfloat16          // true
/// try FloatFormat.named("e4m3") == .float8_e4m3fn     // true: E4M3 means OCP E4M3
/// try FloatFormat.named("e5m10") == .float16          // true: a spec string
/// ```
public enum Catalogue {
    /// One catalogue format.
    public struct Entry: Sendable {
        public let format: FloatFormat
        public let aliases: [String]
        public let summary: String
    }

    /// Every catalogue format, widest first.
    public static let entries: [Entry] = [
        Entry(format: .float64, aliases: ["fp64", "f64", "double", "binary64"], summary: "IEEE 754 double precision"),
        Entry(format: .float32, aliases: ["fp32", "f32", "float", "single", "binary32"], summary: "IEEE 754 single precision"),
        Entry(format: .tfloat32, aliases: ["tf32"], summary: "NVIDIA TensorFloat-32: float32 range, float16 precision (19 bits)"),
        Entry(format: .float16, aliases: ["fp16", "f16", "half", "binary16"], summary: "IEEE 754 half precision"),
        Entry(format: .bfloat16, aliases: ["bf16", "brain"], summary: "bfloat16: the top 16 bits of float32"),
        Entry(format: .float8_e5m2, aliases: ["e5m2", "fp8_e5m2"], summary: "OCP FP8 E5M2, IEEE-like with Inf and NaN"),
        Entry(format: .float8_e4m3fn, aliases: ["e4m3", "e4m3fn", "fp8", "fp8_e4m3"], summary: "OCP FP8 E4M3: no Inf, NaN only S.1111.111, max 448"),
        Entry(format: .float8_e4m3, aliases: ["e4m3ieee"], summary: "E4M3 with IEEE Inf and NaN, max 240"),
        Entry(format: .float8_e4m3fnuz, aliases: ["e4m3fnuz"], summary: "E4M3, bias 8, no Inf, no -0, NaN 0x80 (AMD/Graphcore)"),
        Entry(format: .float8_e5m2fnuz, aliases: ["e5m2fnuz"], summary: "E5M2, bias 16, no Inf, no -0, NaN 0x80 (AMD/Graphcore)"),
        Entry(format: .float8_e4m3b11fnuz, aliases: ["e4m3b11fnuz"], summary: "E4M3, bias 11, no Inf, no -0, NaN 0x80, max 30"),
        Entry(format: .float8_e3m4, aliases: ["e3m4"], summary: "E3M4 with IEEE Inf and NaN, max 15.5"),
        Entry(format: .float8_e8m0fnu, aliases: ["e8m0", "e8m0fnu"], summary: "OCP MX scale: unsigned powers of two 2^-127..2^127, NaN 0xFF, no zero"),
        Entry(format: .float6_e3m2fn, aliases: ["e3m2", "e3m2fn", "fp6_e3m2"], summary: "OCP MX FP6 E3M2: no Inf, no NaN, max 28"),
        Entry(format: .float6_e2m3fn, aliases: ["e2m3", "e2m3fn", "fp6_e2m3"], summary: "OCP MX FP6 E2M3: no Inf, no NaN, max 7.5"),
        Entry(format: .float4_e2m1fn, aliases: ["e2m1", "e2m1fn", "fp4", "fp4_e2m1"], summary: "OCP MX FP4 E2M1: no Inf, no NaN, max 6"),
    ]

    /// The catalogue formats.
    public static var formats: [FloatFormat] { entries.map(\.format) }

    /// The P3109 8-bit signed extended family binary8p1se … binary8p7se.
    public static var p3109EightBit: [FloatFormat] {
        (1...7).map { try! FloatFormat.p3109(bits: 8, precision: $0, signed: true, extended: true) }
    }

    /// Names that stand for a list of formats in `--formats`: `all` (the catalogue),
    /// `p3109` (binary8p1se … binary8p7se), `fp8` is an alias, not a group.
    public static func group(_ name: String) -> [FloatFormat]? {
        switch name.lowercased() {
        case "all", "catalogue", "catalog": return formats
        case "p3109": return p3109EightBit
        default: return nil
        }
    }

    /// Catalogue lookup by exact name or alias (case-insensitive).
    public static func lookup(_ name: String) -> FloatFormat? {
        let key = name.lowercased()
        for entry in entries where entry.format.name == key || entry.aliases.contains(key) {
            return entry.format
        }
        return nil
    }

    /// Names that are ambiguous on their own, and what they could mean.
    static let ambiguous: [String: [String]] = [
        "fp6": ["float6_e2m3fn", "float6_e3m2fn"],
        "float8": ["float8_e4m3fn", "float8_e5m2"],
        "float6": ["float6_e2m3fn", "float6_e3m2fn"],
    ]
}

extension FloatFormat {
    /// A format by catalogue name, alias, P3109 name or spec string; see
    /// `FormatSpec` for the grammar. Throws a `FormatError` that lists what is
    /// accepted.
    public static func named(_ text: String) throws(FormatError) -> FloatFormat {
        try FormatSpec.parse(text)
    }
}
