import FloatFormats
import Simulation

/// `floatlab eval`'s table: one row per step, the last being the result.
public enum EvaluationReport {
    public static func table(_ e: Evaluation) -> Table {
        let columns: [Table.Column] = [
            .init(key: "step", title: "step"),
            .init(key: "operation", title: "operation"),
            .init(key: "bits", title: "bits"),
            .init(key: "value", title: "value in \(e.format.name)", alignment: .right),
            .init(key: "exact", title: "exact", alignment: .right),
            .init(key: "step_error_ulps", title: "step error (ulp)", alignment: .right),
            .init(key: "error_ulps", title: "error (ulp)", alignment: .right),
            .init(key: "flags", title: "flags"),
        ]
        let rows = e.steps.map { s -> [Cell] in
            [.text(s.name), .text(s.operation), .text(EncodingReport.hex(s.code, in: e.format)), SimulationReport.number(s.value),
             .text(s.exact), ulps(s.stepError), ulps(s.totalError), .text(s.flags.description)]
        }
        return Table(columns: columns, rows: rows, notes: [
            "\(e.expression) in \(e.format.name): every literal and operation rounded once into the format.",
            "step error: this step's rounding, against the exact operation on its rounded operands; error: against the exact value of the subexpression. ulp(x) = 2^(max(⌊log₂|x|⌋, emin) − M).",
        ])
    }

    static func ulps(_ x: Double) -> Cell {
        if x.isNaN { return .null }
        return .real(x, .rounded(4))
    }
}
