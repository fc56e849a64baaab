import ConversionBenchmark

/// The `floatlab bench` table.
public enum BenchmarkReport {
    static func fixed(_ x: Double, _ digits: Int) -> String {
        let scale = Double(Int(pow10(digits)))
        let v = (x * scale).rounded() / scale
        return String(v)
    }

    private static func pow10(_ n: Int) -> Double { (0..<n).reduce(1.0) { r, _ in r * 10 } }

    public static func table(_ rows: [BenchmarkResult]) -> Table {
        let columns: [Table.Column] = [
            .init(key: "kernel", title: "kernel"),
            .init(key: "elements", title: "elements", alignment: .right),
            .init(key: "threads", title: "threads", alignment: .right),
            .init(key: "ns_per_element", title: "ns/element", alignment: .right),
            .init(key: "gb_per_s", title: "GB/s", alignment: .right),
            .init(key: "copy_ns_per_element", title: "copy ns/element", alignment: .right),
            .init(key: "copy_bytes_per_element", title: "copy bytes", alignment: .right),
            .init(key: "ratio_to_copy", title: "× copy", alignment: .right),
            .init(key: "implementation", title: "path"),
            .init(key: "baseline", title: "baseline"),
            .init(key: "ratio_to_baseline", title: "× baseline", alignment: .right),
        ]
        return Table(columns: columns, rows: rows.map { r in
            [.text(r.kernel), .integer(r.elements), .integer(r.threads), .number(fixed(r.nsPerElement, 3)),
             .number(fixed(r.gigabytesPerSecond, 2)), .number(fixed(r.copyNsPerElement, 3)),
             .integer(r.copyBytesPerElement), .number(fixed(r.ratioToCopy, 2)), .text(r.implementation),
             .text(r.baseline), .number(fixed(r.ratioToBaseline, 2))]
        })
    }
}
