import Foundation
import Testing
import FloatFormats
@testable import FormatReport

@Suite struct RenderTests {
    let table = Table(columns: [.init(key: "name", title: "name"), .init(key: "x", title: "x_value", alignment: .right)],
                      rows: [[.text("a|b, \"c\" <d> & e_f"), .real(1.5e-06, .shortest)], [.text("z"), .null]])

    @Test func markdownEscapesPipesAndAligns() {
        let s = OutputFormat.markdown.render(table)
        #expect(s.contains("a\\|b"))
        #expect(s.split(separator: "\n")[1].hasSuffix("-:|"))
    }

    @Test func csvQuotesFieldsAndLeavesNullEmpty() {
        let s = OutputFormat.csv.render(table)
        #expect(s == "name,x\r\n\"a|b, \"\"c\"\" <d> & e_f\",1.5e-06\r\nz,\r\n")
    }

    @Test func jsonParsesBackWithNumbersAndNull() throws {
        let s = OutputFormat.json.render(table)
        let parsed = try JSONSerialization.jsonObject(with: Data(s.utf8)) as! [[String: Any]]
        #expect(parsed[0]["name"] as? String == "a|b, \"c\" <d> & e_f")
        #expect((parsed[0]["x"] as? NSNumber)?.doubleValue == 1.5e-06)
        #expect(parsed[1]["x"] is NSNull)
    }

    @Test func latexAndHTMLEscape() {
        #expect(OutputFormat.latex.render(table).contains("e\\_f"))
        #expect(OutputFormat.latex.render(table).contains("x\\_value"))
        #expect(OutputFormat.html.render(table).contains("&lt;d&gt; &amp; e_f"))
    }

    @Test func notations() {
        let f = FloatFormat.float8_e4m3fn
        #expect(ValueNotation.decimal.string(f.maxFinite, in: f) == "448")
        #expect(ValueNotation.power.string(f.maxFinite, in: f) == "1.75×2^8")
        #expect(ValueNotation.power.string(f.smallestPositive, in: f) == "2^-9")
        #expect(ValueNotation.exact.string(FloatFormat.float32.maxFinite, in: .float32) == "340282346638528859811704183484516925440")
        // A value beyond float64's range falls back to the format's own shortest form.
        let wide = try! FormatSpec.parse("e15m10")
        #expect(ValueNotation.decimal.string(wide.maxFinite, in: wide).hasSuffix("e+4932"))
    }

    @Test func parameterCounts() throws {
        #expect(try ParameterCount(parsing: "70B").value == 70_000_000_000)
        #expect(try ParameterCount(parsing: "1.5T").value == 1_500_000_000_000)
        #expect(try ParameterCount(parsing: "70e9").value == 70_000_000_000)
        #expect(try ParameterCount(parsing: "350m").value == 350_000_000)
        #expect(try ParameterCount(parsing: "125000").value == 125_000)
        #expect(throws: ReportError.self) { try ParameterCount(parsing: "") }
        #expect(throws: ReportError.self) { try ParameterCount(parsing: "0") }
        #expect(throws: ReportError.self) { try ParameterCount(parsing: "1.2.3B") }
        #expect(throws: ReportError.self) { try ParameterCount(parsing: "99999999999T") }
    }
}
