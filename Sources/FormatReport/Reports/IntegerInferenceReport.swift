import IntegerInference

/// `floatlab simulate qgemm`'s table and JSON.
public enum IntegerInferenceReport {
    public static func table(_ q: QuantizedGEMM) -> Table {
        let columns: [Table.Column] = [
            .init(key: "name", title: "path"),
            .init(key: "abs_error", title: "mean |error|", alignment: .right),
            .init(key: "rel_error", title: "relative error (2-norm)", alignment: .right),
            .init(key: "max_abs_error", title: "max |error|", alignment: .right),
        ]
        let rows = q.paths.map { p -> [Cell] in
            [.text(p.name), .real(p.absError, .significant(4)), .real(p.relError, .significant(4)), .real(p.maxAbsError, .significant(4))]
        }
        let what = [
            "float32": "float32 operands, float32 products and sums",
            "integer": "int codes, int32 accumulator, requantized to int\(q.bits) output with a fixed-point multiplier",
            "integer-accumulator": "the int32 accumulator before requantization, times s_x·s_w",
            "dequantized": "codes dequantized to float32, then a float32 product",
        ]
        var notes = ["Y = X·Wᵀ + b, X \(q.m)×\(q.k), W \(q.n)×\(q.k); errors against the exact product (every product and sum exact, then the bias)."]
        notes += q.paths.map { p in
            let key = p.name.hasPrefix("int") ? String(p.name.drop { $0 != "-" }.dropFirst()) : p.name
            return "\(p.name): \(what[key] ?? "")."
        }
        notes.append("activations: int\(q.bits) affine per tensor, s_x = \(RealStyle.significant(6).string(q.activationScale)), z_x = \(q.activationZeroPoint); weights: int\(q.bits) symmetric \(q.perChannel ? "per output channel" : "per tensor"); output: s_y = \(RealStyle.significant(6).string(q.outputScale)), z_y = \(q.outputZeroPoint).")
        notes.append("largest K whose sum of products of these operands (|q_x − z_x| ≤ \(q.activationMagnitude), |q_w| ≤ \(q.weightMagnitude)) cannot overflow: \(safe(q, 16)) in an int16 accumulator, \(safe(q, 32)) in int32\(q.accumulatorOverflows > 0 ? "; \(q.accumulatorOverflows) outputs overflowed int32 here and wrapped" : "").")
        return Table(columns: columns, rows: rows, notes: notes)
    }

    static func safe(_ q: QuantizedGEMM, _ width: Int) -> String {
        let k = q.maxSafeK(accumulatorBits: width)
        return k == Int.max ? "any" : String(k)
    }

    /// One object: `m`, `k`, `n`, `bits`, `paths` (`name`, `abs_error`, `rel_error`, `max_abs_error`),
    /// `max_safe_k` keyed by accumulator width ("16", "32"), the scales and zero points, `accumulator_overflows`.
    public static func json(_ q: QuantizedGEMM) -> String {
        let s = JSONRenderer.string
        func number(_ x: Double) -> String { JSONRenderer.value(.real(x, .shortest)) }
        let paths = q.paths.map {
            "    {\"name\": \(s($0.name)), \"abs_error\": \(number($0.absError)), \"rel_error\": \(number($0.relError)), \"max_abs_error\": \(number($0.maxAbsError))}"
        }
        return """
        {
          "m": \(q.m),
          "k": \(q.k),
          "n": \(q.n),
          "bits": \(q.bits),
          "weights": \(s(q.perChannel ? "per-channel" : "per-tensor")),
          "paths": [
        \(paths.joined(separator: ",\n"))
          ],
          "max_safe_k": {"16": \(q.maxSafeK(accumulatorBits: 16)), "32": \(q.maxSafeK(accumulatorBits: 32))},
          "activation_scale": \(number(q.activationScale)),
          "activation_zero_point": \(q.activationZeroPoint),
          "output_scale": \(number(q.outputScale)),
          "output_zero_point": \(q.outputZeroPoint),
          "accumulator_overflows": \(q.accumulatorOverflows)
        }

        """
    }
}
