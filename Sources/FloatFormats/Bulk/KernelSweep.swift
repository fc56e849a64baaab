import Dispatch

/// Checks a bulk kernel against the bit-level core over a range of source
/// encodings (all 2^32 float32 patterns, say), in blocks across threads.
///
/// ```swift
/// let sweep = KernelSweep(BulkConverter(from: .float32, to: .float8_e4m3fn))
/// sweep.run(0..<(1 << 32), threads: 2).mismatches   // 0
/// ```
public struct KernelSweep: Sendable {
    public let converter: BulkConverter

    public struct Result: Sendable {
        public var checked: UInt64 = 0
        public var mismatches: UInt64 = 0
        /// The first few disagreements: (source code, kernel result, core result).
        public var examples: [(UInt64, UInt64, UInt64)] = []
    }

    public init(_ converter: BulkConverter) { self.converter = converter }

    /// Sweeps `range`, calling `progress(done)` after each block.
    public func run(_ range: Range<UInt64>, threads: Int = 2, progress: (@Sendable (UInt64) -> Void)? = nil) -> Result {
        let block: UInt64 = 1 << 20
        let blocks = Int((UInt64(range.count) + block - 1) / block)
        let state = SweepState()
        let workers = max(1, threads)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var input = [UInt64](repeating: 0, count: Int(block))
            var output = [UInt64](repeating: 0, count: Int(block))
            var local = Result()
            var b = w
            while b < blocks {
                let lo = range.lowerBound + UInt64(b) * block
                let hi = min(lo + block, range.upperBound)
                let n = Int(hi - lo)
                for i in 0..<n { input[i] = lo + UInt64(i) }
                input.withUnsafeBufferPointer { src in
                    output.withUnsafeMutableBufferPointer { dst in
                        converter.convert(UnsafeBufferPointer(rebasing: src[0..<n]),
                                          into: UnsafeMutableBufferPointer(rebasing: dst[0..<n]), startIndex: lo)
                    }
                }
                for i in 0..<n {
                    let expected = converter.conversion.convert(input[i], index: lo + UInt64(i)).code
                    if output[i] != expected {
                        local.mismatches += 1
                        if local.examples.count < 10 { local.examples.append((input[i], output[i], expected)) }
                    }
                }
                local.checked += UInt64(n)
                let done = state.add(UInt64(n))
                progress?(done)
                b += workers
            }
            state.merge(local)
        }
        return state.result
    }
}

private final class SweepState: @unchecked Sendable {
    private let lock = DispatchSemaphore(value: 1)
    private var done: UInt64 = 0
    private(set) var result = KernelSweep.Result()

    func add(_ n: UInt64) -> UInt64 {
        lock.wait(); defer { lock.signal() }
        done += n
        return done
    }

    func merge(_ r: KernelSweep.Result) {
        lock.wait(); defer { lock.signal() }
        result.checked += r.checked
        result.mismatches += r.mismatches
        result.examples += r.examples.prefix(max(0, 10 - result.examples.count))
    }
}
