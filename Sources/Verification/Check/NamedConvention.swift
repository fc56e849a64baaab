import FloatFormats

/// The conversion conventions of the specs and of the libraries people
/// compare against, as presets of FloatLab's options: `--convention NAME` in
/// `convert`, `vectors` and `check`, and the columns of `floatlab conventions`.
/// Docs/Conventions.md cites the source each preset was read from and says
/// where a library does something no option expresses.
///
/// ```swift
/// NamedConvention.named("nvidia-satfinite")!.options(for: .float8_e5m2).overflow   // .saturateAll: ±Inf → ±57344
/// NamedConvention.named("pytorch")!.options(for: .bfloat16).nan                   // .canonical: c10 writes 0x7FC0
/// ```
public struct NamedConvention: Sendable, Hashable {
    public let name: String
    /// One line: what it does.
    public let summary: String
    /// Where it was read from (details in Docs/Conventions.md).
    public let source: String
    /// What the implementation does that no FloatLab option expresses (the preset differs there).
    public let deviations: [String]
    let make: @Sendable (FloatFormat) -> RoundingOptions

    init(name: String, summary: String, source: String, deviations: [String] = [], make: @escaping @Sendable (FloatFormat) -> RoundingOptions) {
        self.name = name
        self.summary = summary
        self.source = source
        self.deviations = deviations
        self.make = make
    }

    public static func == (a: NamedConvention, b: NamedConvention) -> Bool { a.name == b.name }
    public func hash(into h: inout Hasher) { h.combine(name) }

    /// The options this convention converts into `target` with.
    public func options(for target: FloatFormat) -> RoundingOptions { make(target) }

    static func preset(_ mode: RoundingMode = .nearestEven, _ overflow: OverflowPolicy = .ieee, nan: NaNHandling = .keep) -> RoundingOptions {
        var o = RoundingOptions(mode: mode, overflow: overflow)
        o.nan = nan
        return o
    }

    public static let all: [NamedConvention] = [
        NamedConvention(name: "floatlab", summary: "nearest-even; overflow to ±Inf where the format has it, else NaN, else ±max; NaN sign kept",
                        source: "FloatLab's defaults (Docs/Conversions.md)") { _ in preset() },
        NamedConvention(name: "ocp-nonsaturating", summary: "OCP 8-bit FP, non-saturating mode: overflow to ±Inf (E5M2) or NaN (E4M3)",
                        source: "OCP 8-bit Floating Point Specification (OFP8) 1.0, conversion modes") { _ in preset() },
        NamedConvention(name: "ocp-saturating", summary: "OCP 8-bit FP, saturating mode: finite overflow to ±max; infinities stay where the format has them",
                        source: "OCP 8-bit Floating Point Specification (OFP8) 1.0, conversion modes") { _ in preset(.nearestEven, .saturate) },
        NamedConvention(name: "p3109-satnone", summary: "IEEE P3109 projection without saturation: overflow to ±Inf in extended formats, NaN in finite ones",
                        source: "IEEE P3109 interim report, projection with saturation mode SatNone") { _ in preset() },
        NamedConvention(name: "p3109-satpropagate", summary: "IEEE P3109 SatPropagate: finite overflow to ±max, infinities kept",
                        source: "IEEE P3109 interim report, projection with saturation mode SatPropagate") { _ in preset(.nearestEven, .saturate) },
        NamedConvention(name: "p3109-satfinite", summary: "IEEE P3109 SatFinite: finite overflow and infinities to ±max",
                        source: "IEEE P3109 interim report, projection with saturation mode SatFinite") { _ in preset(.nearestEven, .saturateAll) },
        NamedConvention(name: "ml_dtypes", summary: "ml_dtypes astype: nearest-even, non-saturating, NaN written as the canonical quiet NaN with the input's sign",
                        source: "jax-ml/ml_dtypes include/float8.h, ConvertImpl (kSaturate = false, kTruncate = false); run against ml_dtypes 0.7.0 by make crosscheck-peers",
                        deviations: ["NaN into fp6 and fp4, which have no NaN: ml_dtypes 0.7.0 gives a zero of the opposite sign (+NaN → −0, −NaN → +0); the preset gives +0 with invalid"]) { _ in preset(nan: .sign) },
        NamedConvention(name: "gfloat", summary: "gfloat round_float(…, sat=False) then encode_float: nearest-even, overflow and ±Inf to ±Inf where the format has it, else NaN",
                        source: "graphcore-research/gfloat round_float and encode_float (docstring: an infinity converts to the largest float if sat, otherwise to an Inf, if present, otherwise to a NaN); run by make crosscheck-peers",
                        deviations: ["every NaN result, an overflow's too, is encode_float's NaN code (0xFF in E4M3 and E5M2, 0xFFFF in bfloat16: the sign bit set, whatever the input's sign); the preset writes the canonical positive NaN",
                                     "a value a format without NaN cannot hold (NaN, and without sat an overflow, into fp6 or fp4) raises ValueError in gfloat; the preset gives +0 or ±max with invalid",
                                     "E8M0: gfloat rounds a tie between two powers of two to the even exponent code (1.5 × 2^-127 → 2^-127) where the preset, as ml_dtypes, rounds it up, and it gives NaN below 2^-127 where the preset gives 2^-127"]) { _ in preset(nan: .canonical) },
        NamedConvention(name: "gfloat-sat", summary: "gfloat round_float(…, sat=True): nearest-even, finite overflow and ±Inf to ±max",
                        source: "graphcore-research/gfloat round_float with sat=True; run by make crosscheck-peers",
                        deviations: ["as gfloat: NaN results are encode_float's NaN code (0xFF in E4M3 and E5M2), NaN into fp6 or fp4 raises ValueError, and E8M0 ties go to the even exponent code"]) { _ in preset(.nearestEven, .saturateAll, nan: .canonical) },
        NamedConvention(name: "llvm-apfloat", summary: "LLVM APFloat convert with rmNearestTiesToEven: overflow to ±Inf in IEEE formats, to NaN with the value's sign in NaN-only formats (E4M3FN, FNUZ, E8M0), to ±max in finite-only ones (fp6, fp4)",
                        source: "llvm/llvm-project llvm/lib/Support/APFloat.cpp, IEEEFloat::handleOverflow and the fltSemantics of each format (fltNonfiniteBehavior IEEE754 / NanOnly / FiniteOnly)",
                        deviations: ["only the overflow rule was read; what APFloat does with NaN payloads and with infinities and NaNs into the finite-only fp6/fp4 was not read or run, and the preset shows FloatLab's choice there"]) { _ in preset() },
        NamedConvention(name: "pytorch", summary: "PyTorch c10 casts: nearest-even, non-saturating (|x| ≥ 480 gives NaN in E4M3FN); bfloat16 NaN written as 0x7FC0",
                        source: "pytorch/pytorch torch/headeronly/util/Float8_e4m3fn.h fp8e4m3fn_from_fp32_value; c10/util/BFloat16.h round_to_nearest_even") { t in
            t.name == "bfloat16" ? preset(nan: .canonical) : preset()
        },
        NamedConvention(name: "nvidia-satfinite", summary: "CUDA __nv_cvt_float_to_fp8(x, __NV_SATFINITE, …) (and __nv_fp8_e4m3(x)): nearest-even, overflow and ±Inf to ±max, NaN to the positive NaN; tf32 rounds ties away (cvt.rna)",
                        source: "CUDA cuda_fp8.hpp __nv_cvt_double_to_fp8 / __nv_cvt_float_to_fp8; PTX cvt.rna.tf32.f32",
                        deviations: ["a NaN into E5M2: CUDA writes 0x7F (it turns every NaN into 0x7FFFFFFF first); the preset writes E5M2's canonical 0x7E"]) { t in
            t.name == "tfloat32" ? preset(.nearestAway, .saturateAll, nan: .canonical) : preset(.nearestEven, .saturateAll, nan: .canonical)
        },
        NamedConvention(name: "nvidia-nosat", summary: "CUDA __nv_cvt_float_to_fp8(x, __NV_NOSAT, …): nearest-even, overflow to signed NaN (E4M3) or ±Inf (E5M2)",
                        source: "CUDA cuda_fp8.hpp __nv_cvt_double_to_fp8 / __nv_cvt_float_to_fp8",
                        deviations: ["a NaN input loses its sign in CUDA (0x7F in E4M3 and E5M2, from 0x7FFFFFFF), while the NaN an overflow or infinity gives keeps it; the preset keeps the sign of both and writes E5M2's canonical 0x7E"]) { t in
            t.name == "tfloat32" ? preset(.nearestAway, nan: .sign) : preset(nan: .sign)
        },
    ]

    public static func named(_ name: String) -> NamedConvention? {
        all.first { $0.name == name.lowercased() }
    }

    public static var names: String { all.map(\.name).joined(separator: ", ") }
}
