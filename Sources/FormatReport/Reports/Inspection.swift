import Foundation
import FloatFormats

/// Everything `floatlab inspect` says about one value in one format: its bits,
/// the exact stored value, the rounding error, neighbours, ulp, and what every
/// rounding mode would give.
public struct Inspection: Sendable {
    public let format: FloatFormat
    public let input: String
    /// Whether the input was a bit pattern of the format (nothing to round).
    public let isBitPattern: Bool
    public let options: RoundingOptions
    public let result: RoundedResult
    /// The typed value, exactly (nil for inf, nan and bit patterns).
    public let typed: ExactDecimal?
    public let byMode: [(mode: RoundingMode, result: RoundedResult)]

    /// Inspects `text`: a decimal, a hex float (`0x1.8p-3`) or a bit pattern of
    /// the format (`0x3dcd`, hex digits only). `random` feeds stochastic rounding.
    public init(_ text: String, format: FloatFormat, options: RoundingOptions = .default, random: UInt64 = 0) throws(ReportError) {
        self.format = format
        self.input = text
        self.options = options
        let literal: NumberLiteral
        do { literal = try NumberLiteral(text) } catch { throw ReportError(error.message) }
        let number: DecimalNumber
        switch literal {
        case .bitPattern:
            let code: UInt64?
            do { code = try literal.encoding(in: format) } catch { throw ReportError(error.message) }
            isBitPattern = true
            result = RoundedResult(code: code!, flags: [])
            typed = nil
            byMode = []
            return
        case .value(let n):
            number = n
        }
        isBitPattern = false
        typed = ExactDecimal(number)
        result = format.round(number, options: options, random: random)
        var rows: [(RoundingMode, RoundedResult)] = []
        for mode in RoundingMode.deterministic + [options.mode].filter({ if case .stochastic = $0 { return true } else { return false } }) {
            var o = options
            o.mode = mode
            rows.append((mode, format.round(number, options: o, random: random)))
        }
        byMode = rows
    }

    public var decoded: FloatFormat.Decoded { format.decodeUnchecked(result.code) }

    /// stored − typed, exactly (nil when either is not a finite number).
    public func error(of code: UInt64) -> ExactDecimal? {
        guard let typed, let v = format.decodeUnchecked(code).value else { return nil }
        return ExactDecimal(v) - typed
    }

    /// The report as lines of text. With `color`, sign, exponent and fraction bits
    /// are red, green and blue (ANSI).
    public func lines(color: Bool = false) -> [String] {
        let f = format
        let d = decoded
        var out: [String] = []
        func row(_ key: String, _ value: String) { out.append(key.padding(toLength: 12, withPad: " ", startingAt: 0) + value) }
        row("input", input + (isBitPattern ? " (bit pattern)" : ""))
        row("format", "\(f.name) (S/E/M \(f.layout), bias \(f.bias), \(f.specials.key))" + (isBitPattern ? "" : ", rounding \(options.mode.name), overflow \(options.overflow.rawValue)"))
        row("bits", EncodingReport.hex(result.code, in: f) + "  " + coloredBinary(result.code, color: color))
        let e = d.fields.exponent
        let exponentText = d.floatClass == .normal ? " (2^\(Int(e) - f.bias))" : ""
        row("fields", "sign \(d.fields.sign), exponent \(e)\(exponentText), fraction \(d.fields.fraction)")
        row("class", d.floatClass.description)
        if let v = d.value {
            let shortest = f.shortestDecimal(of: result.code).map { (v.isNegative ? "-" : "") + $0.automatic() } ?? (v.isNegative ? "-0" : "0")
            row("stored", "\(v.exactDecimal()) (exact); shortest round-trip \(shortest)")
            row("as m×2^e", ValueNotation.powerForm(v))
        } else {
            row("stored", d.specialText)
        }
        if let err = error(of: result.code), let typed {
            let rel = typed.isZero ? "–" : String(err.ratio(to: typed).magnitude)
            row("error", "abs \(err.magnitude.scientific(significant: 6)) (stored − input = \(err)), rel \(rel)")
        }
        if !isBitPattern { row("flags", result.flags.letters) }
        if let u = try? f.ulp(ofEncoding: result.code) {
            row("ulp", "\(ValueNotation.decimal.string(u, in: f)) (\(ValueNotation.powerForm(u)))")
        }
        let down = (try? f.nextDown(result.code)) ?? nil
        let up = (try? f.nextUp(result.code)) ?? nil
        row("neighbours", "down \(neighbour(down)) · up \(neighbour(up))")
        return out
    }

    private func neighbour(_ code: UInt64?) -> String {
        guard let code else { return "none" }
        let d = format.decodeUnchecked(code)
        let v = d.value.map { ValueNotation.decimal.string($0, in: format) } ?? d.specialText
        return "\(EncodingReport.hex(code, in: format)) \(v)"
    }

    private func coloredBinary(_ code: UInt64, color: Bool) -> String {
        let parts = EncodingReport.binary(code, in: format).split(separator: " ").map(String.init)
        guard color else { return parts.joined(separator: " ") }
        let colors = format.isSigned ? ["\u{1B}[31m", "\u{1B}[32m", "\u{1B}[34m"] : ["\u{1B}[32m", "\u{1B}[34m"]
        return zip(parts, colors).map { $1 + $0 + "\u{1B}[0m" }.joined(separator: " ")
    }

    /// Every rounding mode side by side (round against truncation).
    public var modeTable: Table {
        let columns: [Table.Column] = [
            .init(key: "mode", title: "mode"), .init(key: "bits", title: "bits"),
            .init(key: "value", title: "value", alignment: .right), .init(key: "error", title: "error (stored − input)", alignment: .right),
            .init(key: "flags", title: "flags"),
        ]
        let rows: [[Cell]] = byMode.map { mode, r in
            let d = format.decodeUnchecked(r.code)
            let value: Cell = d.value.map { .decimal($0.exactDecimal()) } ?? .text(d.specialText)
            let err: Cell = error(of: r.code).map { .decimal($0.scientific(significant: 6)) } ?? .null
            return [.text(mode.name), .text(EncodingReport.hex(r.code, in: format)), value, err, .text(r.flags.letters)]
        }
        return Table(columns: columns, rows: rows)
    }
}
