import Foundation
import Testing
import FloatFormats
@testable import FormatReport

/// The table model keeps numbers; the renderers write them.
@Suite struct CellTests {
    @Test func documentedExample() {
        let max = Cell.value(FloatFormat.float8_e4m3fn.maxFinite, in: .float8_e4m3fn)
        #expect(max.text(.power) == "1.75×2^8")
        #expect(max.numericValue == 448.0)
    }

    /// `shortest` reads back to the same value in the value's own format, and no
    /// decimal with fewer significant digits does (checked by rounding every
    /// candidate with the core).
    @Test func shortestNotationRoundTripsInItsOwnFormat() throws {
        for f in [FloatFormat.float8_e4m3fn, .float8_e5m2, .bfloat16, .float4_e2m1fn] {
            let step = max(1, Int(f.encodingMask) / 600)
            for code in stride(from: UInt64(0), through: f.encodingMask, by: step) {
                guard let v = f.decodeUnchecked(code).value, !v.isZero, !v.isNegative else { continue }
                let text = ValueNotation.shortest.string(v, in: f)
                let back = f.round(try DecimalNumber(text)).code
                #expect(back == code, "\(f.name) \(text)")
                let mantissa = text.split(separator: "e")[0].filter(\.isNumber)
                let digits = mantissa.drop { $0 == "0" }.reversed().drop { $0 == "0" }.count
                if digits > 1 {
                    // One digit fewer, both ways: neither rounds back.
                    let x = v.doubleValue
                    let e = Int(floor(log10(x))) - (digits - 2)
                    let scale = pow(10.0, Double(e))
                    for candidate in [floor(x / scale) * scale, ceil(x / scale) * scale] {
                        let s = String(format: "%.*e", max(0, digits - 2), candidate)
                        #expect(f.round(try DecimalNumber(s)).code != code, "\(f.name) \(text) vs \(s)")
                    }
                }
            }
        }
        #expect(ValueNotation.shortest.string(Dyadic.powerOfTwo(-9), in: .float8_e4m3fn) == "0.002")
        #expect(ValueNotation.decimal.string(Dyadic.powerOfTwo(-9), in: .float8_e4m3fn) == "0.001953125")
    }

    @Test func realStyles() {
        #expect(RealStyle.shortest.string(3) == "3.0")
        #expect(RealStyle.compact.string(3) == "3")
        #expect(RealStyle.compact.string(1e-06) == "1e-06")
        #expect(RealStyle.rounded(2).string(7.2247) == "7.22")
        #expect(RealStyle.rounded(2).string(276.9999) == "277")
        #expect(RealStyle.fixed(2).string(0.5) == "0.50")
        #expect(RealStyle.significant(4).string(12.34567) == "12.35")
        #expect(RealStyle.significant(4).string(1.234567e-7) == "1.235e-07")
        #expect(RealStyle.significant(4).string(0) == "0")
        for style in [RealStyle.shortest, .compact, .rounded(3), .fixed(1), .significant(3)] {
            #expect(style.string(.infinity) == "inf")
            #expect(style.string(-.infinity) == "-inf")
            #expect(style.string(.nan) == "nan")
        }
    }

    /// One table, three notations: the cells are the same, the text follows the renderer.
    @Test func theRendererChoosesTheNotation() throws {
        let t = FormatComparison.table(formats: [.float8_e4m3fn], columns: try FormatColumn.columns(["name", "max", "smallest_subnormal"]))
        #expect(OutputFormat.csv.render(t, notation: .decimal) == "name,max,smallest_subnormal\r\nfloat8_e4m3fn,448,0.001953125\r\n")
        #expect(OutputFormat.csv.render(t, notation: .power) == "name,max,smallest_subnormal\r\nfloat8_e4m3fn,1.75×2^8,2^-9\r\n")
        #expect(OutputFormat.csv.render(t, notation: .shortest) == "name,max,smallest_subnormal\r\nfloat8_e4m3fn,450,0.002\r\n")
        // JSON: numbers where the text is a number, strings for power form.
        let json = try JSONSerialization.jsonObject(with: Data(OutputFormat.json.render(t, notation: .power).utf8)) as! [[String: Any]]
        #expect(json[0]["max"] as? String == "1.75×2^8")
        let plain = try JSONSerialization.jsonObject(with: Data(OutputFormat.json.render(t).utf8)) as! [[String: Any]]
        #expect((plain[0]["max"] as? NSNumber)?.doubleValue == 448)
        // The cells themselves are numbers a plot can use.
        #expect(t.column("smallest_subnormal")?.first?.numericValue == 0.001953125)
        #expect(t.column("nope") == nil)
    }

    /// HTML shows the chosen text and keeps the exact value on hover.
    @Test func htmlCarriesTheExactValueInATitle() throws {
        let t = FormatComparison.table(formats: [.float32], columns: try FormatColumn.columns(["max"]))
        let html = OutputFormat.html.render(t)
        #expect(html.contains("title=\"exact: 340282346638528859811704183484516925440 = 1.99999988079071044921875×2^127\">3.4028234663852886e+38</td>"))
        let m = Table(columns: [.init(key: "x", title: "x")], rows: [[.real(0.123456789, .fixed(3))], [.real(0.5, .shortest)]])
        let h = OutputFormat.html.render(m)
        #expect(h.contains("<td title=\"0.123456789\">0.123</td>"))
        #expect(h.contains("<td>0.5</td>"))
    }

    @Test func nonFiniteRealsAreStringsInJSON() throws {
        let t = Table(columns: [.init(key: "x", title: "x")], rows: [[.real(.infinity, .shortest)], [.real(.nan, .compact)], [.real(2, .compact)]])
        let json = try JSONSerialization.jsonObject(with: Data(OutputFormat.json.render(t).utf8)) as! [[String: Any]]
        #expect(json.map { "\($0["x"]!)" } == ["inf", "nan", "2"])
    }
}
