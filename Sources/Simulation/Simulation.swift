import FloatFormats

/// What is computed: a sum of n values, a dot product of two n-vectors, an
/// m×n matrix times an n-vector, or an m×n matrix times an n×p matrix. n is
/// always the length of the reductions, the quantity error grows with.
public enum SimulationKind: String, CaseIterable, Sendable {
    case sum, dot, matvec, gemm
}

/// How a computation is simulated: operands in `inputFormat`, each product
/// rounded once into `accumulator` (exact when it holds them, the
/// tensor-core pattern of fp8 inputs and a float32 accumulator), every
/// addition rounded into `accumulator` in the order of `algorithm`.
public struct SimulationSetup: Sendable {
    public var kind: SimulationKind
    public var inputFormat: FloatFormat
    public var accumulator: FloatFormat
    public var algorithm: SummationAlgorithm
    /// The rounding of every product and addition (inputs are rounded into
    /// `inputFormat` to nearest even, before the simulation starts).
    public var options: ArithmeticOptions
    /// The seed of the stochastic rounding stream.
    public var seed: UInt64
    /// Whether the provably exact fast paths may be taken (the float64
    /// carrier of `Float64FastPath` and of the recursive kernel); false keeps
    /// every operation on the bit-level path. The results are the same.
    public var fastPaths = true

    public init(kind: SimulationKind, inputFormat: FloatFormat, accumulator: FloatFormat? = nil,
                algorithm: SummationAlgorithm = .recursive, options: ArithmeticOptions = .default, seed: UInt64 = 0) {
        self.kind = kind
        self.inputFormat = inputFormat
        self.accumulator = accumulator ?? inputFormat
        self.algorithm = algorithm
        self.options = options
        self.seed = seed
    }

    /// Whether every product of two finite input values is exact in the
    /// accumulator (2p ≤ p′ and the range fits; subnormal products aside).
    public var productsAreExact: Bool {
        2 * inputFormat.precision <= accumulator.precision && 2 * (inputFormat.emax + 1) <= accumulator.emax
    }

    /// Whether every finite input value is exact in the accumulator.
    public var inputsAreExact: Bool {
        inputFormat.precision <= accumulator.precision && inputFormat.emax <= accumulator.emax
            && inputFormat.lowestBitExponent >= accumulator.lowestBitExponent && (inputFormat.isSigned ? accumulator.isSigned : true)
    }
}

/// The operands of a simulation, as encodings of the input format: `a` is
/// the summed vector, the dot product's x or the m×n matrix (row-major);
/// `b` is the dot product's y, the n-vector or the n×p matrix (row-major).
public struct SimulationOperands: Sendable {
    public let kind: SimulationKind
    public let format: FloatFormat
    public let a: [UInt64], b: [UInt64]
    public let n: Int, rows: Int, columns: Int

    /// Operands from values, each rounded into `format` to nearest even.
    public init(kind: SimulationKind, format: FloatFormat, n: Int, rows: Int = 1, columns: Int = 1,
                a: [Double], b: [Double] = []) throws(SimulationError) {
        let rows = kind == .matvec || kind == .gemm ? rows : 1
        let columns = kind == .gemm ? columns : 1
        guard n >= 1 else { throw SimulationError("the length n must be at least 1.") }
        guard rows >= 1, columns >= 1 else { throw SimulationError("the matrix sizes must be at least 1.") }
        let needA = rows * n, needB = kind == .sum ? 0 : n * columns
        guard a.count == needA, b.count == needB else {
            throw SimulationError("\(kind.rawValue) of length \(n) needs \(needA) + \(needB) values, got \(a.count) + \(b.count).")
        }
        self.kind = kind
        self.format = format
        self.n = n
        self.rows = rows
        self.columns = columns
        self.a = a.map { format.round($0).code }
        self.b = b.map { format.round($0).code }
    }

    private init(kind: SimulationKind, format: FloatFormat, n: Int, rows: Int, columns: Int, codes a: [UInt64], _ b: [UInt64]) {
        self.kind = kind
        self.format = format
        self.n = n
        self.rows = rows
        self.columns = columns
        self.a = a
        self.b = b
    }

    /// Seeded operands: `a` from stream 0 and `b` from stream 1 of the distribution.
    public static func random(kind: SimulationKind, format: FloatFormat, n: Int, rows: Int = 8, columns: Int = 8,
                              distribution: InputDistribution, seed: UInt64) throws(SimulationError) -> SimulationOperands {
        let r = kind == .matvec || kind == .gemm ? rows : 1, c = kind == .gemm ? columns : 1
        guard n >= 1, r >= 1, c >= 1 else { throw SimulationError("the length n and the matrix sizes must be at least 1.") }
        return try SimulationOperands(kind: kind, format: format, n: n, rows: r, columns: c,
                                      a: distribution.values(count: r * n, seed: seed, stream: 0),
                                      b: kind == .sum ? [] : distribution.values(count: n * c, seed: seed, stream: 1))
    }

    /// The same operands with the reductions cut to their first `length` terms.
    public func prefix(_ length: Int) -> SimulationOperands {
        precondition(length >= 1 && length <= n, "a prefix within the operands")
        if length == n { return self }
        let newA = (0..<rows).flatMap { i in a[(i * n)..<(i * n + length)] }
        let newB = kind == .sum ? [] : Array(b[0..<(length * columns)])
        return SimulationOperands(kind: kind, format: format, n: length, rows: rows, columns: columns, codes: newA, newB)
    }

    /// The reduction of output element (i, j): the pairs of operand indices it multiplies.
    func aIndex(row i: Int, _ k: Int) -> Int { i * n + k }
    func bIndex(_ k: Int, column j: Int) -> Int { kind == .dot ? k : k * columns + j }
}

/// What a simulation gives: the simulated results (encodings of the
/// accumulator and their values), the exact results, and the errors and
/// a-priori bounds. For matvec and gemm the errors are norm-wise:
/// max |ŷᵢ − yᵢ| and that over max |yᵢ|, with the bound max γ(|A||x|)ᵢ over max |yᵢ|.
public struct SimulationResult: Sendable {
    public let setup: SimulationSetup
    public let n: Int
    public let results: [UInt64]
    public let values: [Double]
    public let exact: [Double]
    public let absoluteError: Double
    public let relativeError: Double
    /// The a-priori bound on `relativeError`; nil where the analysis gives none (n·u ≥ 1).
    public let bound: Double?
    /// The a-priori bound on `absoluteError`.
    public let absoluteBound: Double?
    /// Every exception flag raised by the simulated operations.
    public let flags: ExceptionFlags
}

extension SimulationSetup {
    /// Runs the simulation on `operands` (encodings of `inputFormat`).
    public func run(_ operands: SimulationOperands) throws(SimulationError) -> SimulationResult {
        guard operands.format == inputFormat, operands.kind == kind else {
            throw SimulationError("operands of \(operands.kind.rawValue) in \(operands.format.name) given to a \(kind.rawValue) in \(inputFormat.name).")
        }
        var context = FloatContext(format: accumulator, options: options, seed: seed, fastPaths: fastPaths)
        let kernel = fastPaths ? RecursiveKernel(self) : nil
        let n = operands.n
        let outputs = operands.rows * operands.columns
        var results = [UInt64](), values = [Double](), exact = [Double]()
        var worstError = 0.0, largestExact = 0.0, largestAbsoluteSum = 0.0
        var kernelFlags = ExceptionFlags()
        let u = ErrorBound.unitRoundoff(accumulator, mode: options.rounding.mode)
        let rounded = kind == .sum ? !inputsAreExact : !productsAreExact
        let relativeBound = ErrorBound.relativeToAbsoluteSum(algorithm, terms: n, roundedTerms: rounded, unitRoundoff: u)
        var terms = [UInt64](repeating: 0, count: n)
        let exactZero = ExactAccumulator(values: [inputFormat, accumulator], products: kind == .sum ? [] : [inputFormat])
        for output in 0..<outputs {
            let i = output / operands.columns, j = output % operands.columns
            var sum = exactZero, magnitudes = exactZero
            var finite = true
            for k in 0..<n {
                let x = operands.a[operands.aIndex(row: i, k)]
                if kind == .sum {
                    if kernel == nil { terms[k] = context.convert(x, from: inputFormat) }
                    finite = sum.add(x, in: inputFormat) && finite
                    magnitudes.add(inputFormat.absolute(x), in: inputFormat)
                } else {
                    let y = operands.b[operands.bIndex(k, column: j)]
                    if kernel == nil { terms[k] = context.multiply(x, y, from: inputFormat) }
                    finite = sum.addProduct(x, y, in: inputFormat) && finite
                    magnitudes.addProduct(x, y, in: inputFormat, magnitude: true)
                }
            }
            let result: UInt64
            if let kernel {
                // The same draws as the context's: each output takes its terms' and then its additions'.
                let perOutput = UInt64((kind == .sum && !kernel.convertsTerms ? 0 : n) + n - 1)
                var flags = ExceptionFlags()
                result = operands.a.withUnsafeBufferPointer { a in
                    operands.b.withUnsafeBufferPointer { b in
                        kernel.reduce(a.baseAddress! + operands.aIndex(row: i, 0), stride: 1,
                                      kind == .sum ? nil : b.baseAddress! + operands.bIndex(0, column: j),
                                      stride: kind == .gemm ? operands.columns : 1,
                                      count: n, drawBase: UInt64(output) &* perOutput, flags: &flags)
                    }
                }
                kernelFlags.formUnion(flags)
            } else {
                result = algorithm.sum(terms, in: &context)
            }
            results.append(result)
            values.append(context.value(result))
            let exactValue = finite ? sum.doubleValue : .nan
            exact.append(exactValue)
            var difference = sum
            let error = finite && difference.add(result, in: accumulator, negate: true) ? abs(difference.doubleValue) : .infinity
            worstError = max(worstError, error.isNaN ? .infinity : error)
            largestExact = max(largestExact, abs(exactValue))
            largestAbsoluteSum = max(largestAbsoluteSum, magnitudes.doubleValue)
        }
        let relative = worstError == 0 ? 0 : (largestExact == 0 ? .infinity : worstError / largestExact)
        let absoluteBound = relativeBound.map { $0 * largestAbsoluteSum }
        let bound = absoluteBound.map { b in b == 0 ? 0 : (largestExact == 0 ? .infinity : b / largestExact) }
        return SimulationResult(setup: self, n: n, results: results, values: values, exact: exact,
                                absoluteError: worstError, relativeError: relative, bound: bound,
                                absoluteBound: absoluteBound, flags: context.flags.union(kernelFlags))
    }

    /// The simulation at each length of `lengths` (each at most `operands.n`),
    /// on the leading terms of the same operands.
    public func sweep(_ operands: SimulationOperands, lengths: [Int]) throws(SimulationError) -> [SimulationResult] {
        var out: [SimulationResult] = []
        for length in lengths {
            guard length >= 1 && length <= operands.n else {
                throw SimulationError("a sweep length \(length) outside 1…\(operands.n), the operands' length.")
            }
            out.append(try run(operands.prefix(length)))
        }
        return out
    }

    /// The lengths of a sweep from n1 to n2: n1, 2·n1, 4·n1, … and n2.
    public static func sweepLengths(from n1: Int, to n2: Int) throws(SimulationError) -> [Int] {
        guard n1 >= 1, n2 >= n1 else { throw SimulationError("a sweep N1..N2 needs 1 ≤ N1 ≤ N2, got \(n1)..\(n2).") }
        var lengths: [Int] = []
        var n = n1
        while n < n2 {
            lengths.append(n)
            n = n > Int.max / 2 ? n2 : 2 * n
        }
        lengths.append(n2)
        return lengths
    }
}

extension FloatFormat {
    /// |x| of a finite encoding: the sign bit cleared.
    func absolute(_ code: UInt64) -> UInt64 { isSigned ? code & ~signMask : code }
}

extension SimulationOperands {
    /// Operands from arrays read from files (values and shapes): sum takes one
    /// array (flattened); dot two vectors of equal length, or one array of
    /// shape (2, n); matvec an m×n matrix and an n-vector; gemm an m×n and an
    /// n×p matrix. `names` name the arrays in messages.
    public init(kind: SimulationKind, format: FloatFormat, arrays: [(values: [Double], shape: [Int])],
                names: [String]) throws(SimulationError) {
        func name(_ i: Int) -> String { i < names.count ? names[i] : "array \(i + 1)" }
        func shape(_ s: [Int]) -> String { "(" + s.map(String.init).joined(separator: ", ") + ")" }
        switch kind {
        case .sum:
            guard arrays.count == 1 else { throw SimulationError("sum takes one array (--data FILE), got \(arrays.count).") }
            guard !arrays[0].values.isEmpty else { throw SimulationError("\(name(0)) holds no values.") }
            try self.init(kind: kind, format: format, n: arrays[0].values.count, a: arrays[0].values)
        case .dot:
            if arrays.count == 1 {
                let s = arrays[0].shape
                guard s.count == 2, s[0] == 2, s[1] >= 1 else {
                    throw SimulationError("dot takes two vectors: --data X --data Y, or one array of shape (2, n); \(name(0)) has shape \(shape(s)).")
                }
                let v = arrays[0].values
                try self.init(kind: kind, format: format, n: s[1], a: Array(v[..<s[1]]), b: Array(v[s[1]...]))
            } else if arrays.count == 2 {
                guard arrays[0].values.count == arrays[1].values.count, !arrays[0].values.isEmpty else {
                    throw SimulationError("dot needs two vectors of one length: \(name(0)) has \(arrays[0].values.count) values, \(name(1)) \(arrays[1].values.count).")
                }
                try self.init(kind: kind, format: format, n: arrays[0].values.count, a: arrays[0].values, b: arrays[1].values)
            } else {
                throw SimulationError("dot takes two vectors (--data X --data Y) or one array of shape (2, n), got \(arrays.count) arrays.")
            }
        case .matvec, .gemm:
            guard arrays.count == 2 else {
                throw SimulationError("\(kind.rawValue) takes two arrays, --data A --data \(kind == .matvec ? "x" : "B"), got \(arrays.count).")
            }
            let a = arrays[0].shape
            guard a.count == 2, a[0] >= 1, a[1] >= 1 else {
                throw SimulationError("\(name(0)) must be an m×n matrix (two dimensions), not of shape \(shape(a)).")
            }
            let (m, n) = (a[0], a[1])
            if kind == .matvec {
                guard arrays[1].values.count == n else {
                    throw SimulationError("\(name(1)) must be a vector of \(n) values to multiply \(name(0)) of shape \(shape(a)); it has \(arrays[1].values.count).")
                }
                try self.init(kind: kind, format: format, n: n, rows: m, a: arrays[0].values, b: arrays[1].values)
            } else {
                let b = arrays[1].shape
                guard b.count == 2, b[0] == n, b[1] >= 1 else {
                    throw SimulationError("\(name(1)) must be a matrix of \(n) rows to multiply \(name(0)) of shape \(shape(a)); it has shape \(shape(b)).")
                }
                try self.init(kind: kind, format: format, n: n, rows: m, columns: b[1], a: arrays[0].values, b: arrays[1].values)
            }
        }
    }
}
