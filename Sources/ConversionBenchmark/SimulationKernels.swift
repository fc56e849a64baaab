import FloatFormats
import Simulation

/// A simulated dot product to time: `simulate:dot/INPUT/ACCUMULATOR/MODE`,
/// e.g. `simulate:dot/bfloat16/float32/nearest-even`: two vectors of normal
/// values in INPUT (stored in its own width), each product and each addition
/// rounded into ACCUMULATOR in recursive order, against the same dot product
/// in native float32 (one float32 accumulator, the same order) on the same
/// values, timed alternately.
public struct SimulationKernelSpec: Sendable, Hashable, CustomStringConvertible {
    public let input: FloatFormat
    public let accumulator: FloatFormat
    public let mode: RoundingMode

    public init(input: FloatFormat, accumulator: FloatFormat, mode: RoundingMode = .nearestEven) {
        self.input = input
        self.accumulator = accumulator
        self.mode = mode
    }

    public var description: String { "simulate:dot/\(input.name)/\(accumulator.name)/\(mode.name)" }

    public static func isSimulationKernel(_ text: String) -> Bool { text.hasPrefix("simulate:") }

    public init(parsing text: String) throws(FormatError) {
        let parts = text.split(separator: "/").map(String.init)
        guard parts.count == 3 || parts.count == 4, parts[0] == "simulate:dot" else {
            throw FormatError("'\(text)' is not a simulation kernel; write simulate:dot/INPUT/ACCUMULATOR[/MODE], e.g. simulate:dot/bfloat16/float32/nearest-even.")
        }
        input = try FloatFormat.named(parts[1])
        accumulator = try FloatFormat.named(parts[2])
        mode = parts.count == 4 ? try RoundingMode(name: parts[3]) : .nearestEven
        guard input.bitWidth <= 16 else {
            throw FormatError("'\(text)': simulated dot products are timed for inputs of up to 16 bits, not \(input.name).")
        }
    }

    /// The kernels of the performance goal: bfloat16 and e4m3fn inputs,
    /// float32 and bfloat16 accumulation, nearest-even and stochastic.
    public static let defaults: [SimulationKernelSpec] = [FloatFormat.bfloat16, .float8_e4m3fn].flatMap { input in
        [FloatFormat.float32, .bfloat16].flatMap { acc in
            [RoundingMode.nearestEven, .stochastic(bits: 16)].map { SimulationKernelSpec(input: input, accumulator: acc, mode: $0) }
        }
    }
}

extension ConversionBenchmark {
    public func run(_ spec: SimulationKernelSpec) throws(FormatError) -> BenchmarkResult {
        let setup = SimulationSetup(kind: .dot, inputFormat: spec.input, accumulator: spec.accumulator,
                                    options: ArithmeticOptions(rounding: RoundingOptions(mode: spec.mode)), seed: seed)
        guard let kernel = RecursiveKernel(setup) else {
            throw FormatError("\(spec): no simulation kernel for these formats and mode (an IEEE-style accumulator of up to 51 bits, nearest-even, toward-zero or stochastic).")
        }
        let n = elements
        let floats = normalFloat32()
        let toInput = BulkConverter(from: .float32, to: spec.input)
        // x from the normal values, y from the same values reversed: two different vectors.
        let xCodes = toInput.convert(floats.map(UInt64.init)), yCodes = toInput.convert(floats.reversed().map(UInt64.init))
        let xf = xCodes.map { Float(spec.input.doubleValue($0)) }, yf = yCodes.map { Float(spec.input.doubleValue($0)) }
        var sink: UInt64 = 0
        let t: Timing
        if spec.input.bitWidth <= 8 {
            let x = xCodes.map { UInt8(truncatingIfNeeded: $0) }, y = yCodes.map { UInt8(truncatingIfNeeded: $0) }
            t = x.withUnsafeBufferPointer { xp in y.withUnsafeBufferPointer { yp in
                time(xf, yf, &sink) {
                    var flags = ExceptionFlags()
                    return kernel.reduce(xp.baseAddress!, stride: 1, yp.baseAddress!, stride: 1, count: n, drawBase: 0, flags: &flags)
                }
            } }
        } else {
            let x = xCodes.map { UInt16(truncatingIfNeeded: $0) }, y = yCodes.map { UInt16(truncatingIfNeeded: $0) }
            t = x.withUnsafeBufferPointer { xp in y.withUnsafeBufferPointer { yp in
                time(xf, yf, &sink) {
                    var flags = ExceptionFlags()
                    return kernel.reduce(xp.baseAddress!, stride: 1, yp.baseAddress!, stride: 1, count: n, drawBase: 0, flags: &flags)
                }
            } }
        }
        if sink == 42 { print("") }   // keeps the results alive
        return BenchmarkResult(kernel: spec.description, elements: n, threads: 1, nsPerElement: t.kernel,
                               copyNsPerElement: t.copy, ratioToCopy: t.ratio, implementation: "recursive-kernel",
                               inputBytesPerElement: 2 * spec.input.storageBytes, copyBytesPerElement: 8,
                               baseline: "native float32", baselineNsPerElement: t.copy, ratioToBaseline: t.ratio)
    }

    /// The simulated kernel against the native float32 dot product of the same values, alternately.
    private func time(_ xf: [Float], _ yf: [Float], _ sink: inout UInt64, _ kernel: () -> UInt64) -> Timing {
        var s = sink
        let t = xf.withUnsafeBufferPointer { xfp in yf.withUnsafeBufferPointer { yfp in
            timeAlternately(count: xfp.count, baseline: {
                var acc: Float = 0
                for i in 0..<xfp.count { acc += xfp[i] * yfp[i] }
                s &+= UInt64(acc.bitPattern)
            }) { s &+= kernel() }
        } }
        sink = s
        return t
    }
}
