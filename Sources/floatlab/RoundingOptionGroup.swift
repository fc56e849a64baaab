import Foundation
import ArgumentParser
import FloatFormats

/// The rounding options every converting command takes.
struct RoundingArguments: ParsableArguments {
    @Option(help: "Rounding mode: nearest-even, nearest-away, toward-zero, up, down, odd, stochastic:BITS.", transform: parseRoundingMode)
    var rounding: RoundingMode = .nearestEven

    @Option(help: "Overflow policy: ieee, saturate, saturate-all.", transform: parseOverflowPolicy)
    var overflow: OverflowPolicy = .ieee

    @Option(help: "Seed of stochastic rounding's random integers (element i uses the i-th).")
    var seed: UInt64 = 0

    @OptionGroup var subnormals: SubnormalArguments

    @Option(help: "NaN results: keep (the input's sign) or canonical.")
    var nan: NaNHandling = .keep

    var options: RoundingOptions {
        var o = subnormals.options
        o.mode = rounding
        o.overflow = overflow
        o.nan = nan
        return o
    }
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
