import Foundation
import FloatFormats

/// Packed little-endian elements, one per 1, 2, 4 or 8 bytes: the smallest of
/// those that holds the format's bits (fp4 and fp6 take a byte each).
public enum RawElements {
    /// Bytes per element for a format.
    public static func width(of format: FloatFormat) -> Int {
        switch format.bitWidth {
        case ...8: return 1
        case ...16: return 2
        case ...32: return 4
        default: return 8
        }
    }

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
