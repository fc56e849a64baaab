import Foundation
import FloatFormats
import Quantization
import TensorIO

/// How quantized tensors are written with `--store codes`: the element codes
/// and every scale as separate tensors, named after the original.
///
/// | scheme | `NAME` | companions |
/// |--------|--------|------------|
/// | ggml | U8 blocks exactly as ggml-common.h lays them out, [rows, row bytes] | — |
/// | int | I8/U8 (≤ 8 bits) or I16/U16 codes | `NAME.scale` (the scale format), `NAME.zero_point` (I32, affine and unsigned) |
/// | float elements | U8/U16 bit patterns | `NAME.scale` (F32 unless another scale format) |
/// | MX | element bit patterns (MXINT8: I8) | `NAME.scale`: U8 E8M0 codes |
/// | NVFP4 | E2M1 bit patterns | `NAME.scale`: U8 E4M3 codes, `NAME.tensor_scale`: F32 [1] |
/// | NF4, FP4 | code indices | `NAME.absmax`: F32 |
///
/// Codes of 4 bits or fewer are packed two per byte along each row (a row of
/// odd length ends in a half-used byte): the first element in the low nibble
/// (`low-first`, PyTorch's float4_e2m1fn_x2 and torchao's packing), or in the
/// high nibble for the bitsandbytes code books (`high-first`, as bitsandbytes packs).
/// ggml's q4 and q5 have their own order (element j low, j + 16 high).
public enum CodeStorage {
    public enum NibbleOrder: String, Sendable { case lowFirst = "low-first", highFirst = "high-first" }

    /// The element code width in bits, whether the codes are signed, and the packing.
    static func codeLayout(_ scheme: QuantizationScheme) -> (bits: Int, signed: Bool, order: NibbleOrder) {
        switch scheme {
        case .integer(let b, let s): return (b, s, .lowFirst)
        case .float(let f): return (f.bitWidth, false, .lowFirst)
        case .mx(let e): return e == .int8 ? (8, true, .lowFirst) : (e.bits, false, .lowFirst)
        case .nvfp4: return (4, false, .lowFirst)
        case .codebook: return (4, false, .highFirst)
        case .ggml: return (8, false, .lowFirst)
        }
    }

    /// The stored tensors for one input tensor, known before it is quantized.
    public static func layout(name: String, shape: [Int], quantizer: Quantizer) throws(QuantizationError) -> [(name: String, dtype: TensorDType, shape: [Int])] {
        let scheme = quantizer.scheme
        let count = shape.reduce(1, *)
        let row = shape.last ?? 1
        let rows = row == 0 ? 0 : count / row
        if case .ggml(let g) = scheme {
            return [(name, .unsigned(bytes: 1), Array(shape.dropLast()) + [row / g.blockSize * g.blockBytes])]
        }
        let (bits, signed, _) = codeLayout(scheme)
        let codeShape: [Int]
        let codeType: TensorDType
        if bits <= 4 {
            codeShape = Array(shape.dropLast()) + [(row + 1) / 2]
            codeType = .unsigned(bytes: 1)
        } else {
            codeShape = shape
            codeType = signed ? .signed(bytes: bits <= 8 ? 1 : 2) : .unsigned(bytes: bits <= 8 ? 1 : 2)
        }
        var out: [(String, TensorDType, [Int])] = [(name, codeType, codeShape.isEmpty ? [] : codeShape)]
        let groups: Int
        switch scheme {
        case .integer, .float:
            groups = try GroupLayout(shape: shape, granularity: quantizer.granularity(for: shape)).groupCount
        default:
            let block = quantizer.options.blockSize ?? { if case .mx = scheme { return 32 } else if case .nvfp4 = scheme { return 16 } else { return 64 } }()
            groups = rows * ((row + block - 1) / block)
        }
        switch scheme {
        case .integer(_, let s):
            out.append((name + ".scale", scaleDType(quantizer.options.scaleFormat ?? .float64), [groups]))
            if quantizer.options.mode == .affine || !s { out.append((name + ".zero_point", .signed(bytes: 4), [groups])) }
        case .float:
            if quantizer.options.floatScale == .amax { out.append((name + ".scale", scaleDType(quantizer.options.scaleFormat ?? .float32), [groups])) }
        case .mx:
            out.append((name + ".scale", .unsigned(bytes: 1), [groups]))
        case .nvfp4:
            out.append((name + ".scale", .unsigned(bytes: 1), [groups]))
            out.append((name + ".tensor_scale", .float(.float32), [1]))
        case .codebook:
            out.append((name + ".absmax", .float(.float32), [groups]))
        case .ggml: break
        }
        return out
    }

    /// A scale format's stored dtype: itself when safetensors has it, else float64 values.
    static func scaleDType(_ f: FloatFormat) -> TensorDType {
        let d = TensorDType.float(f)
        return d.safetensorsName != nil ? d : .float(.float64)
    }

    /// The bytes of each stored tensor of `layout`, in order.
    public static func encode(_ q: QuantizedTensor, layout: [(name: String, dtype: TensorDType, shape: [Int])]) -> [Data] {
        if let blocks = q.ggmlBlocks { return [Data(blocks)] }
        let (bits, _, order) = codeLayout(q.scheme)
        var out: [Data] = []
        let row = q.shape.last ?? 1
        if bits <= 4 {
            let bytesPerRow = (row + 1) / 2
            var data = Data(count: layout[0].shape.reduce(1, *))
            data.withUnsafeMutableBytes { (raw: UnsafeMutableRawBufferPointer) in
                for i in 0..<q.count {
                    let r = i / row, c = i % row
                    let nibble = UInt8(truncatingIfNeeded: q.codes[i]) & 0xF
                    let high = (c % 2 == 1) == (order == .lowFirst)
                    raw[r * bytesPerRow + c / 2] |= high ? nibble << 4 : nibble
                }
            }
            out.append(data)
        } else {
            out.append(integers(q.codes.map(Int64.init), bytes: layout[0].dtype.size))
        }
        for t in layout.dropFirst() {
            let key = t.name.split(separator: ".").last.map(String.init) ?? ""
            switch (q.scheme, key) {
            case (.mx, "scale"), (.nvfp4, "scale"):
                out.append(Data((q.scaleCodes ?? []).map { UInt8(truncatingIfNeeded: $0) }))
            case (.nvfp4, "tensor_scale"):
                out.append(floats([q.tensorScale ?? 1], as: .float32))
            case (_, "zero_point"):
                out.append(integers(q.offsets.map { Int64($0) }, bytes: 4))
            case (_, "scale"), (_, "absmax"):
                guard case .float(let f) = t.dtype else { out.append(Data()); continue }
                out.append(floats(q.scales, as: f))
            default:
                out.append(Data(count: t.shape.reduce(1, *) * t.dtype.size))
            }
        }
        return out
    }

    static func integers(_ values: [Int64], bytes: Int) -> Data {
        var data = Data(count: values.count * bytes)
        data.withUnsafeMutableBytes { (raw: UnsafeMutableRawBufferPointer) in
            for (i, v) in values.enumerated() {
                for b in 0..<bytes { raw[i * bytes + b] = UInt8(truncatingIfNeeded: v >> Int64(8 * b)) }
            }
        }
        return data
    }

    /// Values exactly representable in `format`, as its little-endian encodings.
    static func floats(_ values: [Double], as format: FloatFormat) -> Data {
        integers(values.map { Int64(bitPattern: format.round($0).code) }, bytes: format.storageBytes)
    }
}
