import FloatFormats
import FloatTypes

/// A Swift small-float type's conversion from Float to time: `type:BFloat16`
/// (one value at a time, `BFloat16(x)` in a loop) or `type:BFloat16/array`
/// (`[BFloat16](converting:)`, the bulk kernels), against a copy of the
/// float32 array, same data and run as the conversion kernels.
public struct TypeKernelSpec: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable { case scalar, array }
    public let typeName: String
    public let kind: Kind

    public static let types: [String: any SmallBinaryFloat.Type] = [
        "BFloat16": BFloat16.self, "Float8E4M3FN": Float8E4M3FN.self, "Float8E5M2": Float8E5M2.self,
        "Float4E2M1FN": Float4E2M1FN.self, "Float6E2M3FN": Float6E2M3FN.self,
        "Float8E4M3FNUZ": Float8E4M3FNUZ.self, "TFloat32": TFloat32.self,
    ]

    public init(typeName: String, kind: Kind) {
        self.typeName = typeName
        self.kind = kind
    }

    public var description: String { "type:\(typeName)" + (kind == .array ? "/array" : "") }

    public static func isTypeKernel(_ text: String) -> Bool { text.hasPrefix("type:") }

    public init(parsing text: String) throws(FormatError) {
        let parts = text.dropFirst("type:".count).split(separator: "/").map(String.init)
        guard (1...2).contains(parts.count), Self.types[parts[0]] != nil, parts.count == 1 || parts[1] == "array" else {
            throw FormatError("'\(text)' is not a type kernel; write type:NAME or type:NAME/array with NAME one of \(Self.types.keys.sorted().joined(separator: ", ")).")
        }
        typeName = parts[0]
        kind = parts.count == 2 ? .array : .scalar
    }

    /// The goal's kernels: Float → BFloat16 and Float8E4M3FN, scalar and array.
    public static let defaults: [TypeKernelSpec] = ["BFloat16", "Float8E4M3FN"].flatMap {
        [TypeKernelSpec(typeName: $0, kind: .scalar), TypeKernelSpec(typeName: $0, kind: .array)]
    }
}

extension ConversionBenchmark {
    public func run(_ spec: TypeKernelSpec) -> BenchmarkResult {
        let floats = normalFloat32().map { Float(bitPattern: $0) }
        func measure<T: SmallBinaryFloat>(_: T.Type) -> Timing {
            var out = [T](repeating: T(0.0), count: floats.count)
            var sink: UInt64 = 0
            let t = timeAgainstCopy(copyBytesPerElement: 4) {
                switch spec.kind {
                case .scalar:
                    floats.withUnsafeBufferPointer { src in
                        out.withUnsafeMutableBufferPointer { dst in
                            for i in 0..<src.count { dst[i] = T(src[i]) }
                        }
                    }
                case .array:
                    out = [T](converting: floats)
                }
                sink &+= UInt64(truncatingIfNeeded: out[out.count / 2].bitPattern)
            }
            if sink == 42 { print("") }
            return t
        }
        // Concrete types, so that the loop is specialized as a user's code with a known type would be.
        let t: Timing
        switch spec.typeName {
        case "BFloat16": t = measure(BFloat16.self)
        case "Float8E4M3FN": t = measure(Float8E4M3FN.self)
        case "Float8E5M2": t = measure(Float8E5M2.self)
        case "Float4E2M1FN": t = measure(Float4E2M1FN.self)
        case "Float6E2M3FN": t = measure(Float6E2M3FN.self)
        case "Float8E4M3FNUZ": t = measure(Float8E4M3FNUZ.self)
        default: t = measure(TFloat32.self)
        }
        return BenchmarkResult(kernel: spec.description, elements: elements, threads: 1, nsPerElement: t.kernel,
                               copyNsPerElement: t.copy, ratioToCopy: t.ratio,
                               implementation: spec.kind == .scalar ? "scalar init" : "bulk kernel",
                               inputBytesPerElement: 4, copyBytesPerElement: 4)
    }
}
