import Dispatch
import FloatFormats

/// Checks a bulk kernel against the bit-level core (or another reference) over
/// a range of source encodings (all 2^32 float32 patterns, say), in blocks
/// across threads.
///
/// ```swift
/// let sweep = KernelSweep(BulkConverter(from: .float32, to: .float8_e4m3fn))
/// sweep.run(0x3F80_0000..<0x3F90_0000, threads: 2).mismatches   // 0: the float32 values in [1, 1.125)
/// ```
public struct KernelSweep: Sendable {
    public let converter: BulkConverter

    public struct Result: Sendable {
        public var checked: UInt64 = 0
        public init() {}
        public var mismatches: UInt64 = 0
        /// The first few disagreements.
        public var examples: [Mismatch] = []
    }

    public init(_ converter: BulkConverter) { self.converter = converter }

    /// Sweeps `range` against the bit-level core, calling `progress(done)` after each block.
    public func run(_ range: Range<UInt64>, threads: Int = 2, progress: (@Sendable (UInt64) -> Void)? = nil) -> Result {
        let conversion = converter.conversion
        return run(range, threads: threads, progress: progress) { CoreReference(conversion) }
    }

    /// Sweeps `range` against references made by `reference` (one per worker);
    /// inlinable, so that the loop is specialized for the caller's reference.
    @inlinable
    public func run<R: SweepReference>(_ range: Range<UInt64>, threads: Int = 2, progress: (@Sendable (UInt64) -> Void)? = nil,
                                       reference: @escaping @Sendable () -> R) -> Result {
        let block: UInt64 = 1 << 20
        let blocks = Int((UInt64(range.count) + block - 1) / block)
        let state = SweepState()
        let workers = max(1, threads)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            // Buffers of the source's own width, as callers use: the float32
            // vector kernel reads 32-bit elements.
            var local = Result()
            var ref = reference()
            if converter.conversion.source.bitWidth <= 32 {
                sweep(UInt32.self, range, block: block, blocks: blocks, worker: w, workers: workers, state: state,
                      progress: progress, reference: &ref, into: &local)
            } else {
                sweep(UInt64.self, range, block: block, blocks: blocks, worker: w, workers: workers, state: state,
                      progress: progress, reference: &ref, into: &local)
            }
            state.merge(local)
        }
        return state.result
    }
}

extension KernelSweep {
    @inlinable
    func sweep<S: FixedWidthInteger & UnsignedInteger & Sendable, R: SweepReference>(
        _: S.Type, _ range: Range<UInt64>, block: UInt64, blocks: Int, worker: Int, workers: Int,
        state: SweepState, progress: (@Sendable (UInt64) -> Void)?, reference: inout R, into local: inout Result
    ) {
        // Blocks are split into chunks whose buffers (input, kernel results,
        // reference results) stay in the core's L2 cache.
        let chunk = 1 << 13
        var input = [S](repeating: 0, count: chunk)
        var output = [UInt64](repeating: 0, count: chunk)
        let referenceName = reference.name
        let conversion = converter.conversion
        var b = worker
        while b < blocks {
            let lo = range.lowerBound + UInt64(b) * block
            let hi = min(lo + block, range.upperBound)
            let n = Int(hi - lo)
            var start = lo
            while start < hi {
                let m = Int(min(UInt64(chunk), hi - start))
                let first = start
                input.withUnsafeMutableBufferPointer { src in
                    for i in 0..<m { src[i] = S(truncatingIfNeeded: first &+ UInt64(i)) }
                    output.withUnsafeMutableBufferPointer { dst in
                        let codes = UnsafeBufferPointer<S>(start: src.baseAddress, count: m)
                        let results = UnsafeMutableBufferPointer(rebasing: dst[0..<m])
                        converter.convert(codes, into: results, startIndex: first)
                        reference.check(codes, startIndex: first, results: UnsafeBufferPointer(results)) { i, expected in
                            local.mismatches += 1
                            if local.examples.count < 10 {
                                local.examples.append(Mismatch(
                                    source: conversion.source, target: conversion.target, input: first + UInt64(i),
                                    index: first + UInt64(i), options: conversion.options, expected: expected,
                                    actualCode: results[i], actualFlags: nil, reference: referenceName))
                            }
                        }
                    }
                }
                start += UInt64(m)
            }
            local.checked += UInt64(n)
            progress?(state.add(UInt64(n)))
            b += workers
        }
    }
}

@usableFromInline final class SweepState: @unchecked Sendable {
    private let lock = DispatchSemaphore(value: 1)
    private var done: UInt64 = 0
    @usableFromInline private(set) var result = KernelSweep.Result()

    @usableFromInline init() {}

    @usableFromInline func add(_ n: UInt64) -> UInt64 {
        lock.wait(); defer { lock.signal() }
        done += n
        return done
    }

    @usableFromInline func merge(_ r: KernelSweep.Result) {
        lock.wait(); defer { lock.signal() }
        result.checked += r.checked
        result.mismatches += r.mismatches
        result.examples += r.examples.prefix(max(0, 10 - result.examples.count))
    }
}
