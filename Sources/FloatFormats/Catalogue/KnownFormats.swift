/// The named formats, as constants. Their fields come from the published specs
/// (IEEE 754, OCP 8-bit FP, OCP MX v1.0, ml_dtypes); the tests check every derived
/// constant against MPFR and against the published tables.
extension FloatFormat {
    private static func known(_ name: String, _ e: Int, _ m: Int, bias: Int? = nil, signed: Bool = true,
                              subnormals: Bool = true, _ specials: SpecialValuePolicy) -> FloatFormat {
        // The fields below are constants; a failure here is a programming error.
        try! FloatFormat(name: name, exponentBits: e, fractionBits: m, bias: bias, isSigned: signed,
                         hasSubnormals: subnormals, specials: specials)
    }

    /// IEEE 754 binary64.
    public static let float64 = known("float64", 11, 52, .ieee)
    /// IEEE 754 binary32.
    public static let float32 = known("float32", 8, 23, .ieee)
    /// NVIDIA TensorFloat-32: float32's range with float16's precision, 19 bits.
    public static let tfloat32 = known("tfloat32", 8, 10, .ieee)
    /// IEEE 754 binary16.
    public static let float16 = known("float16", 5, 10, .ieee)
    /// Google Brain bfloat16: the top half of float32.
    public static let bfloat16 = known("bfloat16", 8, 7, .ieee)
    /// OCP FP8 E5M2 (IEEE-like, with Inf and NaN).
    public static let float8_e5m2 = known("float8_e5m2", 5, 2, .ieee)
    /// E4M3 with IEEE special values (max 240).
    public static let float8_e4m3 = known("float8_e4m3", 4, 3, .ieee)
    /// OCP FP8 E4M3: no Inf, only S.1111.111 is NaN (max 448).
    public static let float8_e4m3fn = known("float8_e4m3fn", 4, 3, .finiteAllOnesNaN)
    /// E4M3 with bias 8, no Inf, no −0; 0x80 is NaN (AMD/Graphcore "FNUZ").
    public static let float8_e4m3fnuz = known("float8_e4m3fnuz", 4, 3, bias: 8, .unsignedZero)
    /// E5M2 with bias 16, no Inf, no −0; 0x80 is NaN.
    public static let float8_e5m2fnuz = known("float8_e5m2fnuz", 5, 2, bias: 16, .unsignedZero)
    /// E4M3 with bias 11, no Inf, no −0; 0x80 is NaN (max 30).
    public static let float8_e4m3b11fnuz = known("float8_e4m3b11fnuz", 4, 3, bias: 11, .unsignedZero)
    /// E3M4 with IEEE special values (max 15.5).
    public static let float8_e3m4 = known("float8_e3m4", 3, 4, .ieee)
    /// OCP MX E8M0 scale: unsigned powers of two 2^-127 … 2^127, 0xFF is NaN, no zero.
    public static let float8_e8m0fnu = known("float8_e8m0fnu", 8, 0, signed: false, subnormals: false, .finiteAllOnesNaN)
    /// OCP MX FP6 E2M3: no Inf, no NaN (max 7.5).
    public static let float6_e2m3fn = known("float6_e2m3fn", 2, 3, .finite)
    /// OCP MX FP6 E3M2: no Inf, no NaN (max 28).
    public static let float6_e3m2fn = known("float6_e3m2fn", 3, 2, .finite)
    /// OCP MX FP4 E2M1: no Inf, no NaN (max 6).
    public static let float4_e2m1fn = known("float4_e2m1fn", 2, 1, .finite)

    /// An IEEE P3109 format `binary⟨K⟩p⟨P⟩⟨s|u⟩⟨e|f⟩`: K bits, precision P (with
    /// the hidden bit), signed or unsigned, extended (with ±Inf) or finite.
    /// Bias 2^(K−P−1) signed, 2^(K−P) unsigned.
    ///
    /// ```swift
    /// try FloatFormat.p3109(bits: 8, precision: 4, signed: true, extended: false)
    ///     == .float8_e4m3fnuz   // true: the same encodings
    /// ```
    public static func p3109(bits k: Int, precision p: Int, signed: Bool = true, extended: Bool = true) throws(FormatError) -> FloatFormat {
        let name = "binary\(k)p\(p)\(signed ? "s" : "u")\(extended ? "e" : "f")"
        guard k >= 2, k <= 64 else {
            throw FormatError("\(name): P3109 formats here have 2 to 64 bits (got \(k)).")
        }
        let maxP = signed ? k - 1 : k
        guard p >= 1, p <= maxP else {
            throw FormatError("\(name): precision must be 1…\(maxP) for a \(signed ? "signed" : "unsigned") \(k)-bit format (got \(p)).")
        }
        let e = signed ? k - p : k - p + 1
        // A signed finite P3109 format encodes exactly as FNUZ: one policy for both.
        let specials: SpecialValuePolicy = signed && !extended ? .unsignedZero : .p3109(extended: extended)
        let bias = signed ? 1 << (k - p - 1) : 1 << (k - p)
        return try FloatFormat(name: name, exponentBits: e, fractionBits: p - 1, bias: bias,
                               isSigned: signed, hasSubnormals: true, specials: specials)
    }
}
