/// Which encodings of a format are infinities, NaNs and zeros: the place where
/// formats with the same field widths really differ.
///
/// For 8-bit formats with 4 exponent and 3 fraction bits:
///
/// | policy                 | 0x00 | 0x80 | 0x78 (exp all ones) | 0x7F | 0xFF | example |
/// |------------------------|------|------|---------------------|------|------|---------|
/// | `.ieee`                | +0   | −0   | +Inf                | NaN  | NaN  | float8_e4m3 |
/// | `.finiteAllOnesNaN`    | +0   | −0   | 256                 | NaN  | NaN  | float8_e4m3fn (OCP) |
/// | `.finite`              | +0   | −0   | 256                 | 480  | −480 | (fp6/fp4 style) |
/// | `.unsignedZero`        | +0   | NaN  | 128 (bias 8)        | 240  | −240 | float8_e4m3fnuz |
/// | `.p3109(extended: true)` | +0 | NaN  | 128 (bias 8)        | +Inf | −Inf | binary8p4se |
///
/// Unsigned formats (no sign bit) take `.ieee`, `.finiteAllOnesNaN` (E8M0: 0xFF is
/// NaN), `.finite` or `.p3109` (NaN is all ones, +Inf all ones minus one when
/// extended).
public enum SpecialValuePolicy: Hashable, Sendable, CustomStringConvertible {
    /// IEEE 754: the all-ones exponent holds ±Inf (fraction 0) and NaNs (fraction ≠ 0).
    case ieee
    /// No infinity; only the all-ones magnitude (exponent and fraction) is NaN, for
    /// each sign. OCP E4M3, E8M0.
    case finiteAllOnesNaN
    /// No infinity and no NaN: every encoding is a number. OCP fp6 and fp4.
    case finite
    /// "FNUZ": no infinity and no negative zero; the negative-zero code (sign bit
    /// alone) is the single NaN.
    case unsignedZero
    /// IEEE P3109: one zero and one NaN (the sign bit alone when signed, all ones
    /// when unsigned). `extended` formats have infinities in the largest codes.
    /// Signed finite P3109 formats encode exactly as FNUZ and use `.unsignedZero`.
    case p3109(extended: Bool)

    public var description: String {
        switch self {
        case .ieee: return "IEEE (Inf and NaN in the top exponent)"
        case .finiteAllOnesNaN: return "finite, all-ones NaN"
        case .finite: return "finite, no NaN"
        case .unsignedZero: return "finite, unsigned zero (FNUZ)"
        case .p3109(let extended): return extended ? "P3109 extended (±Inf, one NaN)" : "P3109 finite (one NaN)"
        }
    }

    /// A short machine-friendly name: `ieee`, `fn`, `finite`, `fnuz`, `p3109-extended`, `p3109-finite`.
    public var key: String {
        switch self {
        case .ieee: return "ieee"
        case .finiteAllOnesNaN: return "fn"
        case .finite: return "finite"
        case .unsignedZero: return "fnuz"
        case .p3109(let extended): return extended ? "p3109-extended" : "p3109-finite"
        }
    }
}
