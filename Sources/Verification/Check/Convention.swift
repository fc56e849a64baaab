import FloatFormats

/// A way of converting that an implementation may follow: the rounding
/// options, and optionally a format it rounds through first (to nearest even).
///
/// ```swift
/// let c = Convention(options: RoundingOptions(mode: .nearestAway))
/// c.flags(against: .default)                 // "--rounding nearest-away"
/// c.convert(0x3F88_0000, from: .float32, to: .float8_e4m3fn)   // 0x39: the tie 1.0625 away from zero
/// ```
public struct Convention: Sendable, Hashable {
    public var options: RoundingOptions
    /// Rounded into this format (nearest-even, IEEE overflow) before the conversion.
    public var through: FloatFormat?

    public init(options: RoundingOptions, through: FloatFormat? = nil) {
        self.options = options
        self.through = through
    }

    /// The conversion under this convention.
    public func convert(_ code: UInt64, from source: FloatFormat, to target: FloatFormat, random: UInt64 = 0) -> UInt64 {
        guard let through else { return Convention.convert(code, from: source, to: target, options: options, random: random) }
        var first = RoundingOptions.default
        first.flushSubnormalInputs = options.flushSubnormalInputs
        let middle = Convention.convert(code, from: source, to: through, options: first, random: 0)
        return Convention.convert(middle, from: through, to: target, options: options, random: random)
    }

    static func convert(_ code: UInt64, from source: FloatFormat, to target: FloatFormat, options: RoundingOptions, random: UInt64) -> UInt64 {
        (try? target.convert(code, from: source, options: options, random: random).code) ?? 0
    }

    /// The command-line options that select this convention, as a change from `base`
    /// (empty when they are the same).
    public func flags(against base: RoundingOptions) -> String {
        var parts: [String] = []
        if options.mode != base.mode { parts.append("--rounding \(options.mode.name)") }
        if options.overflow != base.overflow { parts.append("--overflow \(options.overflow.rawValue)") }
        if options.flushSubnormalOutputs != base.flushSubnormalOutputs { parts.append(options.flushSubnormalOutputs ? "--flush-outputs" : "no --flush-outputs") }
        if options.flushSubnormalInputs != base.flushSubnormalInputs { parts.append(options.flushSubnormalInputs ? "--flush-inputs" : "no --flush-inputs") }
        if options.nan != base.nan { parts.append("--nan \(options.nan.rawValue)") }
        return parts.joined(separator: " ")
    }

    /// A sentence for the diagnosis: "`--rounding nearest-away`", "rounding through float16 first, then `…`".
    public func describe(against base: RoundingOptions) -> String {
        let f = flags(against: base)
        guard let through else { return "`\(f)`" }
        return "rounding through \(through.name) first (nearest-even)" + (f.isEmpty ? "" : ", then `\(f)`")
    }

    /// The conventions a check tries, nearest the requested options first:
    /// each rounding mode, overflow policy, subnormal flush and NaN handling,
    /// alone and in pairs, and rounding through float16, bfloat16 or float32 first.
    public static func candidates(around base: RoundingOptions, from source: FloatFormat, to target: FloatFormat) -> [Convention] {
        let modes: [RoundingMode] = [.nearestEven, .nearestAway, .towardZero, .up, .down, .odd]
        let overflows: [OverflowPolicy] = [.ieee, .saturate, .saturateAll]
        var variations: [[(inout RoundingOptions) -> Void]] = []
        variations.append(modes.filter { $0 != base.mode }.map { m in { $0.mode = m } })
        variations.append(overflows.filter { $0 != base.overflow }.map { p in { $0.overflow = p } })
        variations.append([{ $0.flushSubnormalOutputs.toggle() }, { $0.flushSubnormalInputs.toggle() },
                           { $0.flushSubnormalOutputs.toggle(); $0.flushSubnormalInputs.toggle() }])
        variations.append(NaNHandling.allCases.filter { $0 != base.nan }.map { n in { $0.nan = n } })
        var out: [Convention] = []
        var seen = Set<Convention>([Convention(options: base)])
        func add(_ c: Convention) { if seen.insert(c).inserted { out.append(c) } }
        // One change at a time, then two.
        for group in variations { for change in group { var o = base; change(&o); add(Convention(options: o)) } }
        for (i, g) in variations.enumerated() {
            for h in variations[(i + 1)...] {
                for a in g { for b in h { var o = base; a(&o); b(&o); add(Convention(options: o)) } }
            }
        }
        let throughs = ConversionVectors.intermediates.filter { $0.precision > target.precision && $0.precision < source.precision }
        for t in throughs {
            add(Convention(options: base, through: t))
            for m in modes where m != base.mode { var o = base; o.mode = m; add(Convention(options: o, through: t)) }
            for p in overflows where p != base.overflow { var o = base; o.overflow = p; add(Convention(options: o, through: t)) }
        }
        return out
    }
}
