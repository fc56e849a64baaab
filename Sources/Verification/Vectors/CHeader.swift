import FloatFormats

/// What the C headers of test vectors share: integer types for encodings,
/// identifiers from format names, the flag bits.
enum CHeader {
    /// The C type that holds a format's encodings.
    static func type(_ f: FloatFormat) -> String {
        f.bitWidth <= 8 ? "uint8_t" : f.bitWidth <= 16 ? "uint16_t" : f.bitWidth <= 32 ? "uint32_t" : "uint64_t"
    }

    /// A C identifier from a format name.
    static func identifier(_ s: String) -> String {
        String(s.map { $0.isLetter || $0.isNumber ? $0 : "_" }).lowercased()
    }

    /// An encoding as a C literal.
    static func literal(_ c: UInt64, _ f: FloatFormat) -> String {
        TestVectorFile.hex(c, f) + (f.bitWidth > 32 ? "ull" : "u")
    }

    /// The includes and the `FLOATLAB_FLAG_*` bits, guarded so that several headers can be included together.
    static let prelude: [String] = [
        "#include <stddef.h>", "#include <stdint.h>", "",
        "#ifndef FLOATLAB_FLAG_INVALID",
        "#define FLOATLAB_FLAG_INVALID   0x\(String(ExceptionFlags.invalid.rawValue, radix: 16))u",
        "#define FLOATLAB_FLAG_DIVBYZERO 0x\(String(ExceptionFlags.divideByZero.rawValue, radix: 16))u",
        "#define FLOATLAB_FLAG_OVERFLOW  0x\(String(ExceptionFlags.overflow.rawValue, radix: 16))u",
        "#define FLOATLAB_FLAG_UNDERFLOW 0x\(String(ExceptionFlags.underflow.rawValue, radix: 16))u",
        "#define FLOATLAB_FLAG_INEXACT   0x\(String(ExceptionFlags.inexact.rawValue, radix: 16))u",
        "#endif", "",
    ]

    /// The array's closing lines: the count and the end of the include guard.
    static func ending(_ name: String, guard guardName: String) -> [String] {
        ["};", "", "static const size_t \(name)_count = sizeof(\(name)_vectors) / sizeof(\(name)_vectors[0]);", "", "#endif /* \(guardName) */"]
    }
}
