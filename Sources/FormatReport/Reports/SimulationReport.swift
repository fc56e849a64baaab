import FloatFormats
import Simulation

/// `floatlab simulate`'s output: one row per run (one run, or one per length
/// of a sweep). Non-finite numbers are written as the strings "inf", "-inf"
/// and "nan" (JSON has no literal for them); a missing bound is null.
public enum SimulationReport {
    public static func table(_ results: [SimulationResult]) -> Table {
        let columns: [Table.Column] = [
            .init(key: "kind", title: "computation"),
            .init(key: "n", title: "n", alignment: .right),
            .init(key: "format", title: "inputs"),
            .init(key: "accumulator", title: "accumulator"),
            .init(key: "algorithm", title: "algorithm"),
            .init(key: "rounding", title: "rounding"),
            .init(key: "result", title: "result", alignment: .right),
            .init(key: "exact", title: "exact", alignment: .right),
            .init(key: "abs_error", title: "abs error", alignment: .right),
            .init(key: "rel_error", title: "rel error", alignment: .right),
            .init(key: "bound", title: "bound", alignment: .right),
            .init(key: "abs_bound", title: "abs bound", alignment: .right),
            .init(key: "flags", title: "flags"),
        ]
        let rows = results.map { r -> [Cell] in
            let w = worstIndex(r)
            return [.text(r.setup.kind.rawValue), .integer(r.n), .text(r.setup.inputFormat.name), .text(r.setup.accumulator.name),
                    .text(r.setup.algorithm.description), .text(r.setup.options.rounding.mode.name),
                    number(r.values[w]), number(r.exact[w]), number(r.absoluteError), number(r.relativeError),
                    r.bound.map(number) ?? .null, r.absoluteBound.map(number) ?? .null, .text(r.flags.description)]
        }
        var notes = ["Products are rounded once into the accumulator; each addition in the algorithm's order. The bound is the classical a-priori bound on the relative error (γ_k = k·u/(1 − k·u)), without underflow."]
        if let r = results.first, r.values.count > 1 {
            notes.append("\(r.setup.kind.rawValue): \(r.values.count) outputs; result and exact are those of the output with the largest error; the errors are max |ŷᵢ − yᵢ| and that over max |yᵢ|.")
        }
        return Table(columns: columns, rows: rows, notes: notes)
    }

    /// The JSON form: one object for one run, an array of objects for a sweep.
    /// Each holds the table's keys, `result_bits`, and for matvec and gemm
    /// `result` and `exact` as arrays of every output (row-major).
    public static func json(_ results: [SimulationResult], sweep: Bool) -> String {
        let objects = results.map(object)
        return sweep ? "[\n" + objects.joined(separator: ",\n") + "\n]\n" : objects[0] + "\n"
    }

    private static func object(_ r: SimulationResult) -> String {
        let vector = r.values.count > 1
        func list(_ xs: [Double]) -> String { "[" + xs.map { JSONRenderer.value(number($0)) }.joined(separator: ", ") + "]" }
        let bits = r.results.map { JSONRenderer.string(EncodingReport.hex($0, in: r.setup.accumulator)) }
        let members: [(String, String)] = [
            ("kind", JSONRenderer.string(r.setup.kind.rawValue)),
            ("n", String(r.n)),
            ("format", JSONRenderer.string(r.setup.inputFormat.name)),
            ("accumulator", JSONRenderer.string(r.setup.accumulator.name)),
            ("algorithm", JSONRenderer.string(r.setup.algorithm.description)),
            ("rounding", JSONRenderer.string(r.setup.options.rounding.mode.name)),
            ("result", vector ? list(r.values) : JSONRenderer.value(number(r.values[0]))),
            ("result_bits", vector ? "[" + bits.joined(separator: ", ") + "]" : bits[0]),
            ("exact", vector ? list(r.exact) : JSONRenderer.value(number(r.exact[0]))),
            ("abs_error", JSONRenderer.value(number(r.absoluteError))),
            ("rel_error", JSONRenderer.value(number(r.relativeError))),
            ("bound", JSONRenderer.value(r.bound.map(number) ?? .null)),
            ("abs_bound", JSONRenderer.value(r.absoluteBound.map(number) ?? .null)),
            ("unit_roundoff", JSONRenderer.value(number(ErrorBound.unitRoundoff(r.setup.accumulator, mode: r.setup.options.rounding.mode)))),
            ("flags", JSONRenderer.string(r.flags.description)),
        ]
        return "{\n" + members.map { "  " + JSONRenderer.string($0.0) + ": " + $0.1 }.joined(separator: ",\n") + "\n}"
    }

    /// The output with the largest absolute error (the first of them).
    static func worstIndex(_ r: SimulationResult) -> Int {
        var best = 0, worst = -1.0
        for i in r.values.indices {
            let e = abs(r.values[i] - r.exact[i])
            let key = e.isNaN ? Double.infinity : e
            if key > worst { worst = key; best = i }
        }
        return best
    }

    /// A Double as a cell: its shortest round-trip decimal, or the strings inf, -inf, nan.
    static func number(_ x: Double) -> Cell { .real(x, .shortest) }
}
