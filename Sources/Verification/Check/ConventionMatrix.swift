import FloatFormats

/// The special cases where conversion stacks disagree, and what each named
/// convention gives for them: `floatlab conventions`.
///
/// ```swift
/// let m = ConventionMatrix(target: .float8_e4m3fn)
/// m.source.name                                       // "float32"
/// m.result(case: "+Inf", convention: "ml_dtypes")!.code        // 0x7F: NaN
/// m.result(case: "+Inf", convention: "nvidia-satfinite")!.code // 0x7E: 448
/// ```
public struct ConventionMatrix: Sendable {
    public struct Case: Sendable, Hashable {
        public let name: String
        public let input: UInt64
    }

    public let source: FloatFormat
    public let target: FloatFormat
    public let conventions: [NamedConvention]
    public let cases: [Case]
    /// results[i][j]: case i under convention j.
    public let results: [[RoundedResult]]

    /// The targets `floatlab conventions` shows without `--to`.
    public static let defaultTargets: [FloatFormat] = [.float8_e4m3fn, .float8_e5m2, .float8_e4m3fnuz, .float8_e5m2fnuz,
                                                       try! FloatFormat.named("binary8p4se"), .bfloat16, .tfloat32,
                                                       .float6_e2m3fn, .float4_e2m1fn, .float8_e8m0fnu]

    /// The cases for a target, from float32 (float64 for targets of 32 bits or more).
    public init(target: FloatFormat, conventions: [NamedConvention] = NamedConvention.all) {
        let source: FloatFormat = target.bitWidth >= 32 ? .float64 : .float32
        self.source = source
        self.target = target
        self.conventions = conventions
        let toward = RoundingOptions(mode: .towardZero, overflow: .saturateAll)
        func code(_ v: Dyadic) -> UInt64 { source.round(v, options: toward).code }
        let max = target.maxFinite, ulp = target.ulp(at: max)
        let quarter = Dyadic(significand: 1, exponent: ulp.exponent - 2), half = Dyadic(significand: 1, exponent: ulp.exponent - 1)
        let nan = source.canonicalNaN!
        let tiny = target.smallestPositive
        var cases: [Case] = [
            Case(name: "+Inf", input: source.positiveInfinity!), Case(name: "-Inf", input: source.negativeInfinity!),
            Case(name: "+NaN", input: nan), Case(name: "-NaN", input: nan | source.signMask),
            Case(name: "max + ¼ ulp (rounds to max)", input: code(Dyadic.sum(max, quarter))),
            Case(name: "max + ½ ulp (the overflow tie)", input: code(Dyadic.sum(max, half))),
            Case(name: "2 × max", input: code(Dyadic(isNegative: false, significand: max.significand, exponent: max.exponent + 1))),
            Case(name: "-2 × max", input: code(Dyadic(isNegative: true, significand: max.significand, exponent: max.exponent + 1))),
            Case(name: "+0", input: 0), Case(name: "-0", input: source.signMask),
            Case(name: "½ smallest (a tie with zero)", input: code(Dyadic(significand: tiny.significand, exponent: tiny.exponent - 1))),
            Case(name: "-½ smallest", input: code(Dyadic(isNegative: true, significand: tiny.significand, exponent: tiny.exponent - 1))),
        ]
        if !target.isSigned { cases.append(Case(name: "-1", input: code(Dyadic(isNegative: true, significand: 1, exponent: 0)))) }
        if target.fractionBits == 0 { cases.append(Case(name: "1.5 (between powers of two)", input: code(Dyadic(significand: 3, exponent: -1)))) }
        self.cases = cases
        results = cases.map { c in
            conventions.map { conv in
                (try? target.convert(c.input, from: source, options: conv.options(for: target))) ?? RoundedResult(code: 0, flags: .invalid)
            }
        }
    }

    public func result(case name: String, convention: String) -> RoundedResult? {
        guard let i = cases.firstIndex(where: { $0.name == name }), let j = conventions.firstIndex(where: { $0.name == convention }) else { return nil }
        return results[i][j]
    }
}
