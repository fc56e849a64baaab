/// Which elements share a scale (and zero point).
///
/// - `tensor`: one scale for the whole tensor.
/// - `channel(axis:)`: one per index along an axis; axis 0 (the default) is
///   the output rows of a `[out, in]` weight matrix, PyTorch's per-channel axis.
/// - `group(size:)`: runs of `size` consecutive elements along the last axis
///   (GPTQ/AWQ-style groups, and the blocks of MX, NVFP4, ggml and NF4). When
///   `size` does not divide the last axis, the last group of each row is
///   shorter: it is quantized as if padded with zeros (which leave its
///   maximum unchanged) and stored as a whole group.
///
/// ```swift
/// try Granularity(name: "channel")      // .channel(axis: 0)
/// try Granularity(name: "channel:1")    // .channel(axis: 1)
/// try Granularity(name: "group:128")    // .group(size: 128)
/// ```
public enum Granularity: Hashable, Sendable, CustomStringConvertible {
    case tensor
    case channel(axis: Int)
    case group(size: Int)

    public init(name: String) throws(QuantizationError) {
        let key = name.lowercased()
        if key == "tensor" || key == "per-tensor" { self = .tensor; return }
        if key == "channel" || key == "per-channel" { self = .channel(axis: 0); return }
        let parts = key.split(separator: ":", maxSplits: 1).map(String.init)
        if parts.count == 2, let n = Int(parts[1]) {
            if parts[0] == "channel", n >= 0 { self = .channel(axis: n); return }
            if parts[0] == "group", n >= 1 { self = .group(size: n); return }
        }
        throw QuantizationError("unknown granularity '\(name)'; use tensor, channel, channel:AXIS (AXIS ≥ 0) or group:N (N ≥ 1).")
    }

    public var description: String {
        switch self {
        case .tensor: return "tensor"
        case .channel(let axis): return axis == 0 ? "channel" : "channel:\(axis)"
        case .group(let n): return "group:\(n)"
        }
    }
}

/// The groups of a tensor under a granularity, as runs of consecutive
/// elements that share a group: quantizers walk the runs, so every inner
/// loop is over contiguous memory.
public struct GroupLayout: Sendable, Equatable {
    /// How many groups (scales) there are.
    public let groupCount: Int
    /// Elements per group as stored (a padded last group counts whole).
    public let storedGroupSize: Int
    /// The granularity it was built from.
    public let granularity: Granularity
    let count: Int
    let run: Int           // elements per run
    let kind: Kind

    enum Kind: Equatable {
        case whole
        case channel(size: Int)                       // group = (i / run) % size
        case rowGroups(rowLength: Int, perRow: Int)   // run = group size; last run of a row may be short
    }

    public init(shape: [Int], granularity: Granularity) throws(QuantizationError) {
        let count = shape.reduce(1, *)
        self.count = count
        self.granularity = granularity
        switch granularity {
        case .tensor:
            groupCount = count == 0 ? 0 : 1; storedGroupSize = count; run = max(count, 1); kind = .whole
        case .channel(let axis):
            let dims = shape.isEmpty ? [1] : shape
            guard axis < dims.count else {
                throw QuantizationError("channel axis \(axis) does not exist in a tensor of shape \(shape) (axes 0…\(dims.count - 1)).")
            }
            let stride = dims[(axis + 1)...].reduce(1, *)
            groupCount = dims[axis]; run = max(stride, 1); kind = .channel(size: dims[axis])
            storedGroupSize = dims[axis] == 0 ? 0 : count / dims[axis]
        case .group(let size):
            let rowLength = shape.last ?? 1
            let perRow = (rowLength + size - 1) / size
            groupCount = rowLength == 0 ? 0 : count / rowLength * perRow
            storedGroupSize = size; run = size; kind = .rowGroups(rowLength: rowLength, perRow: perRow)
        }
    }

    /// Whether every group is one run of consecutive elements (tensor,
    /// channel on axis 0, groups along the last axis), so that a group can
    /// be ranged, scaled and quantized while it is in cache.
    public var runsAreGroups: Bool {
        if case .channel = kind { return granularity == .channel(axis: 0) || groupCount <= 1 }
        return true
    }

    /// Whether a group is shorter than its stored size somewhere.
    public var isPadded: Bool {
        if case .rowGroups(let rowLength, _) = kind { return rowLength % run != 0 }
        return false
    }

    /// Calls `body(group, range)` for every run of consecutive elements of one group, in order.
    @inline(__always)
    public func forEachRun(_ body: (_ group: Int, _ range: Range<Int>) throws -> Void) rethrows {
        guard count > 0 else { return }
        switch kind {
        case .whole:
            try body(0, 0..<count)
        case .channel(let size):
            var start = 0, g = 0
            while start < count {
                try body(g, start..<(start + run))
                start += run
                g += 1
                if g == size { g = 0 }
            }
        case .rowGroups(let rowLength, let perRow):
            var g = 0, rowStart = 0
            while rowStart < count {
                var s = rowStart
                let end = rowStart + rowLength
                for _ in 0..<perRow {
                    let e = min(s + run, end)
                    try body(g, s..<e)
                    g += 1
                    s = e
                }
                rowStart = end
            }
        }
    }

    /// For groups along the last axis: calls `body(firstGroup, row)` for
    /// every row, whose groups are `blockSize`-element blocks from its start
    /// (the last one possibly short).
    @inline(__always)
    func forEachRow(_ body: (_ firstGroup: Int, _ row: Range<Int>) -> Void) {
        guard count > 0, case .rowGroups(let rowLength, let perRow) = kind else { return }
        var g = 0, rowStart = 0
        while rowStart < count {
            body(g, rowStart..<(rowStart + rowLength))
            g += perRow
            rowStart += rowLength
        }
    }
}
