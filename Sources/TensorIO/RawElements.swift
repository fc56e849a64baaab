import Foundation
import FloatFormats

/// Packed little-endian elements, one per 1, 2, 4 or 8 bytes: the smallest of
/// those that holds the format's bits (fp4 and fp6 take a byte each).
public enum RawElements {
    /// Reads elements of `width` bytes; the byte count must be a multiple of it.
    public static func decode(_ data: Data, width: Int) throws(TensorIOError) -> [UInt64] {
        guard data.count % width == 0 else {
            throw TensorIOError("\(data.count) bytes is not a whole number of \(width)-byte elements.")
        }
        var out = [UInt64](repeating: 0, count: data.count / width)
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            for i in 0..<out.count {
                var v: UInt64 = 0
                for j in 0..<width { v |= UInt64(raw[i * width + j]) << UInt64(8 * j) }
                out[i] = v
            }
        }
        return out
    }

    /// Writes elements as `width`-byte little-endian integers.
    public static func encode(_ codes: [UInt64], width: Int) -> Data {
        var out = Data(count: codes.count * width)
        out.withUnsafeMutableBytes { (raw: UnsafeMutableRawBufferPointer) in
            for (i, c) in codes.enumerated() {
                for j in 0..<width { raw[i * width + j] = UInt8(truncatingIfNeeded: c >> UInt64(8 * j)) }
            }
        }
        return out
    }
}

extension RawElements {
    /// Converts packed little-endian elements straight from bytes to bytes with
    /// the bulk kernels: one copy into an aligned typed buffer, one pass, one
    /// copy out. The byte count must be a multiple of the source width.
    public static func convert(_ data: Data, with converter: BulkConverter, threads: Int = 1) throws(TensorIOError) -> Data {
        let source = converter.conversion.source, target = converter.conversion.target
        guard data.count % source.storageBytes == 0 else {
            throw TensorIOError("\(data.count) bytes is not a whole number of \(source.storageBytes)-byte \(source.name) elements.")
        }
        return withElementTypes(sourceBytes: source.storageBytes, destinationBytes: target.storageBytes,
                                Run(data: data, converter: converter, threads: threads))
    }

    private struct Run: ElementTypesBody {
        let data: Data
        let converter: BulkConverter
        let threads: Int

        func callAsFunction<S: FixedWidthInteger & UnsignedInteger & Sendable, D: FixedWidthInteger & UnsignedInteger & Sendable>(
            _: S.Type, _: D.Type
        ) -> Data {
            let n = data.count / MemoryLayout<S>.size
            var source = [S](repeating: 0, count: n)
            source.withUnsafeMutableBytes { dst in _ = data.copyBytes(to: dst) }
            if S.self != UInt8.self {
                // Little-endian on disk; a no-op on little-endian machines.
                for i in 0..<n where S(littleEndian: source[i]) != source[i] { source[i] = S(littleEndian: source[i]) }
            }
            let mask = S(truncatingIfNeeded: converter.conversion.source.encodingMask)
            if mask != S.max { for i in 0..<n { source[i] &= mask } }
            var out = [D](repeating: 0, count: n)
            source.withUnsafeBufferPointer { s in
                out.withUnsafeMutableBufferPointer { d in converter.convert(s, into: d, threads: threads) }
            }
            if D.self != UInt8.self { for i in 0..<n { out[i] = out[i].littleEndian } }
            return out.withUnsafeBytes { Data($0) }
        }
    }
}
