import FloatFormats
import FuzzSupport

// The format spec parser (`--format`, `--from`, `--to`, every command). A spec
// that parses names a format that is well formed, and its name parses back
// to the same format.
runFuzzer { input in
    let text = input.text
    guard let format = try? FormatSpec.parse(text) else { return }
    require(format.bitWidth >= 1 && format.bitWidth <= FloatFormat.maximumBitWidth, "\(text): width \(format.bitWidth)")
    let again = try? FormatSpec.parse(format.name)
    require(again == format, "'\(text)' parses to \(format.name), which parses to \(again?.name ?? "an error")")
    _ = format.largestFiniteMagnitude
}
