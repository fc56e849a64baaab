import ArgumentParser
import ConversionBenchmark
import FloatFormats
import FormatReport
import Foundation
import Quantization

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Time the bulk conversion kernels against a memory copy of the same data (build with -c release).",
        discussion: "Kernel names: source->target[/mode[/policy]][/scale:S], e.g. float32->float8_e4m3fn/nearest-even or float32->float4_e2m1fn/nearest-even/scale:3 (each element divided by S, rounded once). Prints, per kernel, ns per element, GB/s of input and the ratio to a copy of the wider of the two arrays (the float32 side of a conversion to or from float32), timed alternately with the kernel (medians).")

    @Option(help: "Elements per array.")
    var elements: Int = 1 << 24

    @Option(help: "Comma-separated kernel names (default: the performance goals' kernels): conversions source->target[/mode[/policy]][/scale:S], quantization quantize:SCHEME[/GRANULARITY] and dequantize:SCHEME, simulated dot products simulate:dot/INPUT/ACCUMULATOR[/MODE] (against native float32), Swift types type:NAME (scalar init in a loop) and type:NAME/array.")
    var kernels: String?

    @Option(help: "Repetitions; the median is reported.")
    var repetitions: Int = 7

    @Option(help: "Threads per conversion.")
    var threads: Int = 1

    @Option(name: .customLong("as"), help: "Output format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: OutputFormat = .markdown

    @Flag(help: "The same as --as json.")
    var json = false

    func validateOptions() throws {
        guard elements > 0, elements <= 1 << 30 else { throw ValidationError("--elements must be between 1 and 2^30.") }
        guard repetitions > 0 else { throw ValidationError("--repetitions must be positive.") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1.") }
        _ = try specs()
    }

    enum Kernel {
        case conversion(KernelSpec)
        case quantization(QuantizationKernelSpec)
        case simulation(SimulationKernelSpec)
        case type(TypeKernelSpec)
    }

    func specs() throws -> [Kernel] {
        guard let kernels else {
            return KernelSpec.defaults.map(Kernel.conversion) + QuantizationKernelSpec.defaults.map(Kernel.quantization)
                + SimulationKernelSpec.defaults.map(Kernel.simulation) + TypeKernelSpec.defaults.map(Kernel.type)
        }
        return try kernels.split(separator: ",").map { name -> Kernel in
            let text = String(name)
            if QuantizationKernelSpec.isQuantizationKernel(text) {
                do throws(QuantizationError) { return .quantization(try QuantizationKernelSpec(parsing: text)) }
                catch { throw ValidationError(error.message) }
            }
            if TypeKernelSpec.isTypeKernel(text) {
                do throws(FormatError) { return .type(try TypeKernelSpec(parsing: text)) }
                catch { throw ValidationError(error.message) }
            }
            if SimulationKernelSpec.isSimulationKernel(text) {
                do throws(FormatError) { return .simulation(try SimulationKernelSpec(parsing: text)) }
                catch { throw ValidationError(error.message) }
            }
            return .conversion(try parseKernel(text))
        }
    }

    func run() throws {
        try validateOptions()
        #if DEBUG
        FileHandle.standardError.write(Data("warning: a debug build; timings mean little. Build with swift build -c release.\n".utf8))
        #endif
        let bench = ConversionBenchmark(elements: elements, repetitions: repetitions, threads: threads)
        let results = try specs().map { kernel throws -> BenchmarkResult in
            switch kernel {
            case .conversion(let spec): return bench.run(spec)
            case .quantization(let spec):
                do throws(QuantizationError) { return try bench.run(spec) } catch { throw CommandError(error.message) }
            case .simulation(let spec):
                do throws(FormatError) { return try bench.run(spec) } catch { throw CommandError(error.message) }
            case .type(let spec):
                return bench.run(spec)
            }
        }
        let table = BenchmarkReport.table(results)
        print((json ? .json : format).render(table), terminator: "")
    }
}

func parseKernel(_ text: String) throws -> KernelSpec {
    do { return try KernelSpec(parsing: text) } catch { throw ValidationError(error.message) }
}
