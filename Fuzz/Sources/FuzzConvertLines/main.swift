import FloatFormats
import FuzzSupport
import TensorIO

// `floatlab convert`'s line reader: bit patterns of --from or decimals, one
// per line, into --to, with flags. Every accepted line gives one output line.
runFuzzer { input in
    let from = input.pick(FuzzInput.formats), to = input.pick(FuzzInput.formats)
    let mode = input.pick(FuzzInput.modes)
    let conversion = ElementConversion(from: input.byte() & 1 == 0 ? from : nil, to: to,
                                       options: RoundingOptions(mode: mode), seed: 7, withFlags: input.byte() & 1 == 0, threads: 1)
    _ = try? conversion.convert(lines: input.text)
}
