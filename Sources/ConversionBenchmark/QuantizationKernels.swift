import Dispatch
import FloatFormats
import Foundation
import Quantization

/// A quantization kernel to time: `quantize:SCHEME[/GRANULARITY]` (float32
/// matrix → codes and scales, the dequantized values and clipping mask
/// with them) or `dequantize:SCHEME[/GRANULARITY]` (codes and scales →
/// float32, written by `reconstruct(into:)` into one preallocated buffer
/// reused by every repetition, as the memory-copy baseline reuses its
/// destination), on a rows × 4096 float32 matrix of normal values.
public struct QuantizationKernelSpec: Sendable, Hashable, CustomStringConvertible {
    public enum Direction: String, Sendable { case quantize, dequantize }
    public let direction: Direction
    public let scheme: QuantizationScheme
    public let granularity: Granularity?

    public init(_ direction: Direction, _ scheme: QuantizationScheme, granularity: Granularity? = nil) {
        self.direction = direction
        self.scheme = scheme
        self.granularity = granularity
    }

    public var description: String {
        "\(direction.rawValue):\(scheme.name)" + (granularity.map { "/\($0)" } ?? "")
    }

    /// Whether a kernel name is a quantization kernel's.
    public static func isQuantizationKernel(_ text: String) -> Bool {
        text.hasPrefix("quantize:") || text.hasPrefix("dequantize:")
    }

    /// Parses `quantize:SCHEME[/GRANULARITY]` or `dequantize:SCHEME[/GRANULARITY]`.
    public init(parsing text: String) throws(QuantizationError) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let d = Direction(rawValue: parts[0]) else {
            throw QuantizationError("'\(text)' is not a quantization kernel; write quantize:SCHEME[/GRANULARITY] or dequantize:SCHEME, e.g. quantize:int8/channel.")
        }
        let rest = parts[1].split(separator: "/", maxSplits: 1).map(String.init)
        direction = d
        scheme = try QuantizationScheme(name: rest[0])
        granularity = rest.count == 2 ? try Granularity(name: rest[1]) : nil
    }

    /// The kernels of the performance goals.
    public static let defaults: [QuantizationKernelSpec] = [
        .init(.quantize, .integer(bits: 8, signed: true), granularity: .channel(axis: 0)),
        .init(.quantize, .integer(bits: 4, signed: true), granularity: .group(size: 128)),
        .init(.quantize, .mx(.fp4)), .init(.quantize, .mx(.fp8E4M3)), .init(.quantize, .nvfp4),
        .init(.quantize, .ggml(.q8_0)), .init(.quantize, .ggml(.q4_0)),
        .init(.dequantize, .mx(.fp4)), .init(.dequantize, .integer(bits: 8, signed: true), granularity: .channel(axis: 0)),
        .init(.dequantize, .nvfp4), .init(.dequantize, .ggml(.q4_0)),
    ]
}

extension ConversionBenchmark {
    /// Times a quantization kernel against a copy of the float32 matrix, alternately, medians.
    public func run(_ spec: QuantizationKernelSpec) throws(QuantizationError) -> BenchmarkResult {
        let columns = 4096
        let rows = Swift.max(1, elements / columns)
        let n = rows * columns
        let floats = normalFloat32().prefix(n).map { Float(bitPattern: $0) }
        let tensor = Tensor(name: "bench", shape: [rows, columns], values: floats)
        var o = QuantizationOptions()
        o.granularity = spec.granularity
        let quantizer = try Quantizer(scheme: spec.scheme, options: o)
        var sink = 0
        let t: Timing
        switch spec.direction {
        case .quantize:
            t = try timeAgainstCopyThrowing(copyBytesPerElement: 4, count: n) { () throws(QuantizationError) in
                let q = try quantizer.quantize(tensor)
                sink &+= Int(q.codes[q.count / 2])
            }
        case .dequantize:
            // Into a buffer the kernel reuses, as the copy does.
            let q = try quantizer.quantize(tensor)
            var out = [Float](repeating: 0, count: n)
            t = out.withUnsafeMutableBufferPointer { r in
                timeAgainstCopyThrowing(copyBytesPerElement: 4, count: n) { () throws(Never) in
                    q.reconstruct(into: r)
                    sink &+= Int(r[r.count / 2].bitPattern)
                }
            }
        }
        if sink == 42 { print("") }   // keeps the results alive
        return BenchmarkResult(kernel: spec.description, elements: n, threads: 1, nsPerElement: t.kernel,
                               copyNsPerElement: t.copy, ratioToCopy: t.ratio, implementation: "quantizer",
                               inputBytesPerElement: spec.direction == .quantize ? 4 : 1, copyBytesPerElement: 4)
    }
}
