import ConversionBenchmark

/// The `floatlab bench` table.
public enum BenchmarkReport {
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
            [.text(r.kernel), .integer(r.elements), .integer(r.threads), .real(r.nsPerElement, .rounded(3)),
             .real(r.gigabytesPerSecond, .rounded(2)), .real(r.copyNsPerElement, .rounded(3)),
             .integer(r.copyBytesPerElement), .real(r.ratioToCopy, .rounded(2)), .text(r.implementation),
             .text(r.baseline), .real(r.ratioToBaseline, .rounded(2))]
        })
    }
}
