import ArgumentParser
import Foundation
import TensorIO
#if canImport(Glibc)
import Glibc
#endif

@main
struct FloatLab: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "floatlab",
        abstract: "A floating-point format lab: ranges, spacing and exact values of low-precision formats.",
        discussion: "Formats are named as in ml_dtypes (float8_e4m3fn), by alias (bf16, e4m3), by spec (e5m10, e4m3fnuz, e3m2b2) or by P3109 name (binary8p3se). `floatlab formats` lists them.",
        version: "0.1.0",
        subcommands: [Formats.self, TableCommand.self, Decode.self, Values.self, Spacing.self, Memory.self, Inspect.self, Convert.self, Arith.self, Verify.self, VectorsCommand.self, Check.self, Conventions.self, Quantize.self, Simulate.self, Eval.self, Report.self, Experiment.self, Bench.self]
    )

    static func main() {
        #if canImport(Glibc)
        // Tensors are quantized one after another into arrays of similar sizes: keep freed memory in the
        // heap for the next one instead of returning it to the system and faulting it in again. By default
        // glibc maps every large block afresh (the mmap threshold cannot be raised above 32 MB) and trims
        // the heap top; M_MMAP_MAX = 0 serves every block from the heap, M_TRIM_THRESHOLD keeps it.
        // (mallopt is looked up at run time: <malloc.h> is not part of Swift's Glibc module.)
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") {
            typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
            let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
            let trimThreshold: Int32 = -1, mmapMax: Int32 = -4   // M_TRIM_THRESHOLD, M_MMAP_MAX
            _ = mallopt(mmapMax, 0)
            _ = mallopt(trimThreshold, Int32.max)
        }
        #endif
        // An interrupt (SIGINT, SIGTERM, SIGHUP) removes the temporary file of an output being written.
        TemporaryFiles.removeOnInterrupt()
        // Exit statuses: 0 success (and --help), 1 bad input (files, data, values) or a check that found
        // differences, 2 bad usage (unknown options, bad option values: ArgumentParser's 64).
        do {
            var command = try parseAsRoot(nil)
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
