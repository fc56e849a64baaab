import Dispatch
import FloatFormats
import Foundation

/// One kernel to time: a source format, a target format, rounding options and
/// an optional scale every element is divided by, named
/// `source->target/mode[/policy][/scale:S]`, e.g. `float32->float8_e4m3fn/nearest-even`
/// or `float32->float4_e2m1fn/nearest-even/scale:3`.
public struct KernelSpec: Sendable, Hashable, CustomStringConvertible {
    public let source: FloatFormat
    public let target: FloatFormat
    public let options: RoundingOptions
    /// The positive scale of a scaled conversion (x / scale rounded once), or nil.
    public let scale: Double?

    public init(source: FloatFormat, target: FloatFormat, options: RoundingOptions = .default, scale: Double? = nil) {
        self.source = source
        self.target = target
        self.options = options
        self.scale = scale
    }

    public var description: String {
        "\(source.name)->\(target.name)/\(options.mode.name)" + (options.overflow == .ieee ? "" : "/\(options.overflow.rawValue)")
            + (scale.map { "/scale:\($0)" } ?? "")
    }

    /// Parses `source->target[/mode[/policy]][/scale:S]`.
    public init(parsing text: String) throws(FormatError) {
        var parts = text.split(separator: "/").map(String.init)
        var scale: Double? = nil
        if let last = parts.last, last.hasPrefix("scale:") {
            guard let s = Double(last.dropFirst("scale:".count)), s > 0, s.isFinite else {
                throw FormatError("'\(last)' in '\(text)' is not a scale; write scale:S with a positive finite S, e.g. scale:3.")
            }
            scale = s
            parts.removeLast()
        }
        let ends = parts.first?.components(separatedBy: "->") ?? []
        guard parts.count >= 1, parts.count <= 3, ends.count == 2 else {
            throw FormatError("'\(text)' is not a kernel name; write source->target[/mode[/policy]][/scale:S], e.g. float32->float8_e4m3fn/nearest-even.")
        }
        source = try FloatFormat.named(ends[0])
        target = try FloatFormat.named(ends[1])
        var o = RoundingOptions()
        if parts.count >= 2 { o.mode = try RoundingMode(name: parts[1]) }
        if parts.count == 3 { o.overflow = try OverflowPolicy(name: parts[2]) }
        options = o
        self.scale = scale
    }

    /// The kernels `floatlab bench` times by default: the targets of the
    /// performance goals.
    public static let defaults: [KernelSpec] = {
        let f32 = FloatFormat.float32
        var list = [FloatFormat.bfloat16, .float16, .float8_e4m3fn, .float8_e5m2, .float8_e4m3fnuz, .float6_e2m3fn, .float6_e3m2fn, .float4_e2m1fn]
            .map { KernelSpec(source: f32, target: $0) }
        list += [RoundingMode.towardZero, .nearestAway, .stochastic(bits: 8)].map { KernelSpec(source: f32, target: .float8_e4m3fn, options: RoundingOptions(mode: $0)) }
        list.append(KernelSpec(source: f32, target: .float8_e4m3fn, options: RoundingOptions(overflow: .saturate)))
        // A quantizer's step: x / s rounded once into fp4 (the scaled path).
        list.append(KernelSpec(source: f32, target: .float4_e2m1fn, scale: 3))
        list += [FloatFormat.bfloat16, .float16].map { KernelSpec(source: f32, target: $0, options: RoundingOptions(mode: .stochastic(bits: 16))) }
        list += [FloatFormat.bfloat16, .float16, .float8_e4m3fn, .float8_e5m2, .float6_e2m3fn, .float4_e2m1fn]
            .map { KernelSpec(source: $0, target: f32) }
        return list
    }()
}

/// One measured kernel.
public struct BenchmarkResult: Sendable {
    public let kernel: String
    public let elements: Int
    public let threads: Int
    public let nsPerElement: Double
    public let copyNsPerElement: Double
    public let implementation: String
    public let inputBytesPerElement: Int
    /// Bytes per element of the copy baseline: the wider of the two arrays.
    public let copyBytesPerElement: Int

    /// Input bytes converted a second, in 10^9.
    public var gigabytesPerSecond: Double { Double(inputBytesPerElement) / nsPerElement }
    /// The median over repetitions of kernel time / copy time, each pair timed
    /// back to back: a burst of load from elsewhere on a shared machine slows
    /// both of a pair, and the ratio cancels it where the two medians would not.
    public let ratioToCopy: Double
    /// What the kernel is measured against in the same run: "copy" (a memory
    /// copy of the wider array) or, for simulated arithmetic, "native float32"
    /// (the same computation in hardware float32); its time and the median
    /// ratio of each pair timed back to back.
    public let baseline: String
    public let baselineNsPerElement: Double
    public let ratioToBaseline: Double

    public init(kernel: String, elements: Int, threads: Int, nsPerElement: Double, copyNsPerElement: Double,
                ratioToCopy: Double? = nil, implementation: String, inputBytesPerElement: Int, copyBytesPerElement: Int,
                baseline: String = "copy", baselineNsPerElement: Double? = nil, ratioToBaseline: Double? = nil) {
        self.kernel = kernel
        self.elements = elements
        self.threads = threads
        self.nsPerElement = nsPerElement
        self.copyNsPerElement = copyNsPerElement
        self.ratioToCopy = ratioToCopy ?? nsPerElement / copyNsPerElement
        self.implementation = implementation
        self.inputBytesPerElement = inputBytesPerElement
        self.copyBytesPerElement = copyBytesPerElement
        self.baseline = baseline
        self.baselineNsPerElement = baselineNsPerElement ?? copyNsPerElement
        self.ratioToBaseline = ratioToBaseline ?? self.ratioToCopy
    }
}

/// Times kernels against a memory copy of the same input, measured in the same
/// run; the median of several repetitions.
public struct ConversionBenchmark: Sendable {
    public let elements: Int
    public let repetitions: Int
    public let threads: Int
    public let seed: UInt64

    public init(elements: Int, repetitions: Int = 7, threads: Int = 1, seed: UInt64 = 1) {
        self.elements = elements
        self.repetitions = repetitions
        self.threads = threads
        self.seed = seed
    }

    /// Standard normal float32 data (Box–Muller on a seeded stream), as people's
    /// weights and activations roughly are.
    func normalFloat32() -> [UInt32] {
        let stream = RandomStream(seed: seed)
        var out = [UInt32](repeating: 0, count: elements)
        for i in 0..<elements {
            let r = stream[UInt64(i)]
            let u1 = (Double(r >> 11) + 0.5) / 9007199254740992.0
            let u2 = Double(r & 0x7FF) / 2048.0 + Double(stream[UInt64(i) &+ (1 << 50)] >> 53) / (2048.0 * 2048.0)
            let g = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
            out[i] = Float(g).bitPattern
        }
        return out
    }

    /// Where the destination starts relative to the source, modulo 2 MiB. The
    /// allocator's placement changes timings by up to 2× on this kind of
    /// machine: source and destination at the same offset in a 2 MiB page
    /// contend for the same cache sets. Every buffer starts at a 2 MiB
    /// boundary and the destination (of the kernel and of the copy alike)
    /// 1 MiB after one, so that runs are comparable.
    static let destinationOffset = 1 << 20

    /// Memory for `count` elements at a 2 MiB boundary.
    private func alignedAllocation<T>(_: T.Type, _ count: Int) -> UnsafeMutablePointer<T> {
        var p: UnsafeMutableRawPointer?
        guard posix_memalign(&p, 1 << 21, max(1, count * MemoryLayout<T>.stride)) == 0, let p else {
            fatalError("out of memory for \(count) elements")
        }
        return p.bindMemory(to: T.self, capacity: count)
    }

    private func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }

    private func nanoseconds(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start)
    }

    /// Times the kernel and a copy alternately, so that both see the same
    /// machine (this one is shared and noisy): the medians in ns per element,
    /// and the median of the ratios of each pair.
    func timeAgainstCopy(copyBytesPerElement: Int, _ kernel: () -> Void) -> Timing {
        let n = elements * copyBytesPerElement
        let src = UnsafeMutableRawPointer(alignedAllocation(UInt8.self, n))
        let dstBase = UnsafeMutableRawPointer(alignedAllocation(UInt8.self, n + Self.destinationOffset))
        let dst = dstBase + Self.destinationOffset
        defer { free(src); free(dstBase) }
        memset(src, 0x5A, n)
        memset(dst, 0, n)
        let copy = { dst.copyMemory(from: src, byteCount: n) }
        copy(); kernel()   // warm up: page in the buffers
        var kernelSamples: [Double] = [], copySamples: [Double] = []
        for _ in 0..<repetitions {
            copySamples.append(nanoseconds(copy))
            kernelSamples.append(nanoseconds(kernel))
        }
        return Timing(kernel: median(kernelSamples) / Double(elements), copy: median(copySamples) / Double(elements),
                      ratio: median(zip(kernelSamples, copySamples).map { $0 / $1 }))
    }

    /// Times a kernel and a baseline alternately, medians in ns per element of
    /// `count` and the median ratio of each pair.
    func timeAlternately(count: Int, baseline: () -> Void, _ kernel: () -> Void) -> Timing {
        baseline(); kernel()
        var kernelSamples: [Double] = [], baselineSamples: [Double] = []
        for _ in 0..<repetitions {
            baselineSamples.append(nanoseconds(baseline))
            kernelSamples.append(nanoseconds(kernel))
        }
        return Timing(kernel: median(kernelSamples) / Double(count), copy: median(baselineSamples) / Double(count),
                      ratio: median(zip(kernelSamples, baselineSamples).map { $0 / $1 }))
    }

    struct Timing {
        let kernel: Double, copy: Double, ratio: Double
    }

    /// `timeAgainstCopy` for a kernel that can throw, over `count` elements.
    func timeAgainstCopyThrowing<E: Error>(copyBytesPerElement: Int, count: Int, _ kernel: () throws(E) -> Void) throws(E) -> Timing {
        var failure: E? = nil
        let t = ConversionBenchmark(elements: count, repetitions: repetitions, threads: threads, seed: seed)
            .timeAgainstCopy(copyBytesPerElement: copyBytesPerElement) {
                if failure != nil { return }
                do throws(E) { try kernel() } catch { failure = error }
            }
        if let failure { throw failure }
        return t
    }

    /// Times one kernel against a copy of the wider of its two arrays (the
    /// float32 side of every conversion to or from float32).
    public func run(_ spec: KernelSpec) -> BenchmarkResult {
        let converter = BulkConverter(from: spec.source, to: spec.target, options: spec.options, seed: seed)
        let floats = normalFloat32()
        let input: [UInt64]
        if spec.source == .float32 {
            input = floats.map(UInt64.init)
        } else {
            let toSource = BulkConverter(from: .float32, to: spec.source)
            input = toSource.convert(floats.map(UInt64.init))
        }
        let copyWidth = max(spec.source.storageBytes, spec.target.storageBytes)
        let t = withElementTypes(sourceBytes: spec.source.storageBytes, destinationBytes: spec.target.storageBytes,
                                 Measurement(bench: self, input: input, converter: converter, scale: spec.scale, copyWidth: copyWidth))
        return BenchmarkResult(kernel: spec.description, elements: elements, threads: threads, nsPerElement: t.kernel,
                               copyNsPerElement: t.copy, ratioToCopy: t.ratio, implementation: spec.scale == nil ? converter.kernelName : "scaled-core",
                               inputBytesPerElement: spec.source.storageBytes, copyBytesPerElement: copyWidth)
    }

    /// `measure` for the element types of a kernel's widths.
    private struct Measurement: ElementTypesBody {
        let bench: ConversionBenchmark
        let input: [UInt64]
        let converter: BulkConverter
        let scale: Double?
        let copyWidth: Int

        func callAsFunction<S: FixedWidthInteger & UnsignedInteger & Sendable, D: FixedWidthInteger & UnsignedInteger & Sendable>(
            _: S.Type, _: D.Type
        ) -> Timing {
            bench.measure(input, S.self, D.self, converter, scale, copyWidth)
        }
    }

    private func measure<S: FixedWidthInteger & UnsignedInteger & Sendable, D: FixedWidthInteger & UnsignedInteger>(
        _ input: [UInt64], _: S.Type, _: D.Type, _ converter: BulkConverter, _ scale: Double?, _ copyWidth: Int
    ) -> Timing {
        // One layout for every run (see `destinationOffset`).
        let n = input.count
        let src = UnsafeMutableBufferPointer(start: alignedAllocation(S.self, n), count: n)
        let dstBase = UnsafeMutableRawPointer(alignedAllocation(UInt8.self, n * MemoryLayout<D>.stride + Self.destinationOffset))
        let dst = UnsafeMutableBufferPointer(start: (dstBase + Self.destinationOffset).bindMemory(to: D.self, capacity: n), count: n)
        defer { free(src.baseAddress); free(dstBase) }
        for i in 0..<n { src[i] = S(truncatingIfNeeded: input[i]); dst[i] = 0 }
        return timeAgainstCopy(copyBytesPerElement: copyWidth) {
            if let scale {
                converter.convert(UnsafeBufferPointer(src), into: dst, dividedBy: scale, threads: threads)
            } else {
                converter.convert(UnsafeBufferPointer(src), into: dst, threads: threads)
            }
        }
    }
}
