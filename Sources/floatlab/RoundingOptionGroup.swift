import Foundation
import ArgumentParser
import FloatFormats
import Verification

/// The rounding options every converting command takes. An option left out
/// keeps the default, or with `--convention` the convention's choice.
struct RoundingArguments: ParsableArguments {
    @Option(help: "Rounding mode: nearest-even (default), nearest-away, toward-zero, up, down, odd, stochastic:BITS.", transform: parseRoundingMode)
    var rounding: RoundingMode?

    @Option(help: "Overflow policy: ieee (default), saturate, saturate-all.", transform: parseOverflowPolicy)
    var overflow: OverflowPolicy?

    @Option(help: "Seed of stochastic rounding's random integers (element i uses the i-th).")
    var seed: UInt64 = 0

    @OptionGroup var subnormals: SubnormalArguments

    @Option(help: "NaN results: keep (the input's sign and top payload bits; default), sign (the canonical NaN with the input's sign) or canonical.")
    var nan: NaNHandling?

    var options: RoundingOptions { options(over: .default) }

    /// `base` with the options given on the command line put over it.
    func options(over base: RoundingOptions) -> RoundingOptions {
        var o = base
        o.mode = rounding ?? base.mode
        o.overflow = overflow ?? base.overflow
        o.nan = nan ?? base.nan
        o.flushSubnormalOutputs = base.flushSubnormalOutputs || subnormals.flushOutputs
        o.flushSubnormalInputs = base.flushSubnormalInputs || subnormals.flushInputs
        o.tininess = subnormals.tininess
        return o
    }
}

/// `--convention NAME`: a named convention's options, under any given explicitly.
struct ConventionArgument: ParsableArguments {
    @Option(help: "A named convention (its rounding, overflow and NaN options; explicit options win): \(NamedConvention.names). `floatlab conventions` shows what each does.",
            transform: parseConvention)
    var convention: NamedConvention?

    /// The options for converting into `target`.
    func options(_ rounding: RoundingArguments, for target: FloatFormat) -> RoundingOptions {
        rounding.options(over: convention?.options(for: target) ?? .default)
    }
}

func parseConvention(_ text: String) throws -> NamedConvention {
    guard let c = NamedConvention.named(text) else {
        throw ValidationError("unknown convention '\(text)'; known conventions: \(NamedConvention.names).")
    }
    return c
}

/// Subnormal flushing and tininess, shared by converting and verifying commands.
struct SubnormalArguments: ParsableArguments {
    @Flag(help: "Flush subnormal results to zero.")
    var flushOutputs = false

    @Flag(help: "Treat subnormal inputs as zero.")
    var flushInputs = false

    @Option(help: "Tininess for the underflow flag: after (rounding, default) or before.")
    var tininess: Tininess = .afterRounding

    var options: RoundingOptions {
        RoundingOptions(flushSubnormalOutputs: flushOutputs, flushSubnormalInputs: flushInputs, tininess: tininess)
    }
}

extension Tininess: ExpressibleByArgument {}
extension NaNHandling: ExpressibleByArgument {}

func parseRoundingMode(_ text: String) throws -> RoundingMode {
    do { return try RoundingMode(name: text) } catch { throw ValidationError(error.message) }
}

func parseOverflowPolicy(_ text: String) throws -> OverflowPolicy {
    do { return try OverflowPolicy(name: text) } catch { throw ValidationError(error.message) }
}

func parseList<T>(_ text: String, _ parse: (String) throws -> T) throws -> [T] {
    try text.split(separator: ",").map { try parse(String($0).trimmingCharacters(in: .whitespaces)) }
}
