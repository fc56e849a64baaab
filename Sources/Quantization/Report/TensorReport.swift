/// What quantizing one tensor did: sizes before and after, and its error.
public struct TensorReport: Sendable, Equatable {
    public let name: String
    public let shape: [Int]
    /// The stored dtype of the input ("float32", "bfloat16", "int64", …).
    public let dtype: String
    /// The scheme with the conventions that shaped it ("int8 channel", "mxfp4").
    public let scheme: String
    /// Why the tensor was copied through unchanged (integer or boolean dtype); nil if quantized.
    public let skipped: String?
    public let count: Int
    public let originalBits: Int
    public let storedBits: Int
    public let statistics: ErrorStatistics
    /// Groups padded to their stored size.
    public let isPadded: Bool
    /// Elements whose code differs between exact and float32 scale arithmetic (when counted).
    public let arithmeticDisagreements: Int?

    public init(name: String, shape: [Int], dtype: String, scheme: String, skipped: String?, count: Int,
                originalBits: Int, storedBits: Int, statistics: ErrorStatistics, isPadded: Bool,
                arithmeticDisagreements: Int? = nil) {
        self.name = name
        self.shape = shape
        self.dtype = dtype
        self.scheme = scheme
        self.skipped = skipped
        self.count = count
        self.originalBits = originalBits
        self.storedBits = storedBits
        self.statistics = statistics
        self.isPadded = isPadded
        self.arithmeticDisagreements = arithmeticDisagreements
    }

    public var bitsPerElement: Double { count == 0 ? 0 : Double(storedBits) / Double(count) }
}

/// Every tensor of a file through one scheme, and the whole file's totals.
public struct FileReport: Sendable, Equatable {
    public let scheme: String
    public let tensors: [TensorReport]

    public init(scheme: String, tensors: [TensorReport]) {
        self.scheme = scheme
        self.tensors = tensors
    }

    /// The error over every quantized element of the file.
    public var total: ErrorStatistics {
        var s = ErrorStatistics()
        for t in tensors where t.skipped == nil { s.merge(t.statistics) }
        return s
    }

    public var count: Int { tensors.reduce(0) { $0 + $1.count } }
    public var originalBits: Int { tensors.reduce(0) { $0 + $1.originalBits } }
    public var storedBits: Int { tensors.reduce(0) { $0 + $1.storedBits } }

    /// Bits per element over the quantized tensors (skipped ones left out).
    public var bitsPerElement: Double {
        let q = tensors.filter { $0.skipped == nil }
        let n = q.reduce(0) { $0 + $1.count }
        return n == 0 ? 0 : Double(q.reduce(0) { $0 + $1.storedBits }) / Double(n)
    }

    /// The quantized tensor with the lowest SQNR.
    public var worst: TensorReport? {
        tensors.filter { $0.skipped == nil && $0.count > 0 }.min { $0.statistics.sqnrDecibels < $1.statistics.sqnrDecibels }
    }

    public var arithmeticDisagreements: Int? {
        let d = tensors.compactMap(\.arithmeticDisagreements)
        return d.isEmpty ? nil : d.reduce(0, +)
    }
}
