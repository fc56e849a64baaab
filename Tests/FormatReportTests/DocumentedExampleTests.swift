import Testing
import FloatFormats
import FormatReport
import Verification

/// The documented examples of FormatReport, as written.
@Suite struct FormatReportDocumentedExampleTests {
    @Test func formatComparison() throws {
        let t = FormatComparison.table(formats: [.float32, .float16, .bfloat16],
                                       columns: try FormatColumn.columns(["default"]))
        #expect(OutputFormat.markdown.render(t).contains("| float16  |"))
    }

    @Test func verificationReport() {
        var report = CheckReport()
        report.inputs = 256
        #expect(VerificationReport.refereeLines(report, source: .float8_e4m3fn, target: .float4_e2m1fn, inputs: .exhaustive,
                                                modes: [.nearestEven], policies: [.ieee], show: 10)[1] == "inputs: 256 (exhaustive)")
        let m = Mismatch(source: .float32, target: .float8_e4m3fn, input: 0x3F80_0000, index: 0, options: .default,
                         expected: Expected(code: 0x38), actualCode: 0x39, actualFlags: nil, reference: "core")
        #expect(VerificationReport.line(m) == "0x3f800000 (1) nearest-even ieee: got 0x39 (1.125), core expects 0x38 (1)")
    }
}
