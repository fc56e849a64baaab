import Foundation
import FloatFormats

/// Why a tensor file could not be read or written.
public struct TensorIOError: Error, Hashable, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A NumPy `.npy` array (format versions 1.0, 2.0 and 3.0), held as
/// little-endian elements in C order whatever the file's byte order and order.
///
/// Element types: float16/32/64, bool, signed and unsigned integers of 1–8
/// bytes, and — by name — every float format ml_dtypes defines. ml_dtypes
/// itself saves bfloat16 and fp8 arrays with the opaque descriptors `'<V2'` and
/// `'<V1'`, which say nothing about the format: such files are read only when
/// the caller names the format (`assuming:`, the command line's `--dtype`).
/// Writing, formats NumPy has no code for are stored as unsigned bit patterns
/// (`np.load(f).view(ml_dtypes.bfloat16)` reads them back).
///
/// ```swift
/// let a = NPYArray(dtype: .unsigned(bytes: 1), shape: [3], data: Data([1, 2, 3]))
/// try NPYArray(decoding: a.encoded()) == a   // true
/// ```
public struct NPYArray: Sendable, Equatable {
    public var dtype: TensorDType
    public var shape: [Int]
    /// Little-endian element bytes, C order.
    public var data: Data

    public init(dtype: TensorDType, shape: [Int], data: Data) {
        self.dtype = dtype
        self.shape = shape
        self.data = data
    }

    public var count: Int { shape.reduce(1, *) }

    private static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]   // \x93NUMPY

    /// The largest header FloatLab reads (NumPy itself writes a few hundred bytes).
    public static let maximumHeaderLength = 1 << 20

    /// Parses `.npy` bytes; errors say what is wrong and what is supported.
    /// `assuming` names the float format of `'V1'`/`'V2'` (opaque) arrays.
    public init(decoding bytes: Data, assuming opaque: FloatFormat? = nil) throws(TensorIOError) {
        let b = [UInt8](bytes.prefix(12))
        guard b.count >= 10, Array(b[0..<6]) == NPYArray.magic else {
            throw TensorIOError("not a .npy file (it does not start with \\x93NUMPY).")
        }
        let major = b[6]
        let headerLength: Int, headerStart: Int
        switch major {
        case 1:
            headerLength = Int(b[8]) | Int(b[9]) << 8
            headerStart = 10
        case 2, 3:
            guard b.count >= 12 else { throw TensorIOError("truncated .npy header.") }
            headerLength = Int(b[8]) | Int(b[9]) << 8 | Int(b[10]) << 16 | Int(b[11]) << 24
            headerStart = 12
        default:
            throw TensorIOError(".npy format version \(major) is not supported (1, 2 and 3 are).")
        }
        guard headerLength <= NPYArray.maximumHeaderLength else {
            throw TensorIOError(".npy header claims \(headerLength) bytes, more than the \(NPYArray.maximumHeaderLength) FloatLab reads; the file is damaged.")
        }
        guard bytes.count >= headerStart + headerLength else { throw TensorIOError("truncated .npy header.") }
        let start = bytes.startIndex
        let header = String(decoding: bytes[(start + headerStart)..<(start + headerStart + headerLength)], as: UTF8.self)
        let parsed = try NPYHeader(parsing: header)
        let descr = parsed.descr
        var code = descr
        var bigEndian = false
        if let mark = code.first, "<>|=".contains(mark) {
            bigEndian = mark == ">"
            code.removeFirst()
        }
        let dtype: TensorDType
        if let d = TensorDType(npyCode: code) ?? TensorDType(npyName: code) {
            dtype = d
        } else if code == "V1" || code == "V2" {
            let width = code == "V1" ? 1 : 2
            guard let opaque else {
                throw TensorIOError(".npy dtype '\(descr)' is opaque: ml_dtypes saves bfloat16 and fp8 arrays this way. Say which format it holds with --dtype (bfloat16, float8_e4m3fn, float8_e5m2, …).")
            }
            guard opaque.storageBytes == width else {
                throw TensorIOError("--dtype \(opaque.name) takes \(opaque.storageBytes) bytes per element, but this array's '\(descr)' elements take \(width).")
            }
            dtype = .float(opaque)
        } else {
            throw TensorIOError(".npy dtype '\(descr)' is not supported; use float16/32/64, bfloat16 or an fp8 format (ml_dtypes' '<V2'/'<V1' with --dtype), bool, or integers.")
        }
        let fortran = parsed.fortranOrder, shape = parsed.shape
        let (count, overflow) = shape.reduce((1, false)) { acc, n in
            let (p, o) = acc.0.multipliedReportingOverflow(by: n)
            return (p, acc.1 || o)
        }
        let available = bytes.count - headerStart - headerLength
        guard !overflow, count <= available / dtype.size else {
            throw TensorIOError(".npy data is truncated: shape \(shape) of \(dtype) needs \(overflow ? "more than 2^63" : String(count * dtype.size)) bytes, the file has \(available).")
        }
        let dataStart = start + headerStart + headerLength
        var data = Data(bytes[dataStart..<(dataStart + count * dtype.size)])
        if bigEndian && dtype.size > 1 { NPYArray.swapBytes(&data, width: dtype.size) }
        if fortran && shape.count > 1 { data = NPYArray.fortranToC(data, shape: shape, width: dtype.size) }
        self.init(dtype: dtype, shape: shape, data: data)
    }

    /// The `.npy` bytes (version 1.0, or 2.0 for a header over 64 KiB; header padded to 64 bytes).
    public func encoded() -> Data {
        var out = Data(headerBytes())
        out.append(data)
        return out
    }

    /// The magic, version, length and header of the encoding.
    public func headerBytes() -> [UInt8] {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        let code = dtype.npyCode ?? "u\(dtype.size)"
        var header = "{'descr': '\(dtype.size == 1 ? "|" : "<")\(code)', 'fortran_order': False, 'shape': \(shapeText), }"
        let long = header.utf8.count + 12 > 65_535
        let prefix = long ? 12 : 10
        let unpadded = prefix + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        let n = header.utf8.count
        var out = NPYArray.magic + (long ? [2, 0] : [1, 0])
        out += [UInt8(n & 0xFF), UInt8((n >> 8) & 0xFF)]
        if long { out += [UInt8((n >> 16) & 0xFF), UInt8(n >> 24)] }
        return out + Array(header.utf8)
    }

    static func swapBytes(_ data: inout Data, width: Int) {
        data.withUnsafeMutableBytes { (raw: UnsafeMutableRawBufferPointer) in
            var i = 0
            while i + width <= raw.count {
                var lo = i, hi = i + width - 1
                while lo < hi { raw.swapAt(lo, hi); lo += 1; hi -= 1 }
                i += width
            }
        }
    }

    /// Fortran-order (first axis fastest) elements rearranged into C order.
    static func fortranToC(_ data: Data, shape: [Int], width: Int) -> Data {
        let count = shape.reduce(1, *)
        var out = Data(count: data.count)
        // C strides of the output; the input index of C position p is Σ index_k · fstride_k.
        var fstride = [Int](repeating: 1, count: shape.count)
        for k in 1..<shape.count { fstride[k] = fstride[k - 1] * shape[k - 1] }
        data.withUnsafeBytes { (src: UnsafeRawBufferPointer) in
            out.withUnsafeMutableBytes { (dst: UnsafeMutableRawBufferPointer) in
                var index = [Int](repeating: 0, count: shape.count)
                var source = 0
                for p in 0..<count {
                    for b in 0..<width { dst[p * width + b] = src[source * width + b] }
                    // Advance the C-order multi-index (last axis fastest).
                    var k = shape.count - 1
                    while k >= 0 {
                        index[k] += 1
                        source += fstride[k]
                        if index[k] < shape[k] { break }
                        source -= fstride[k] * shape[k]
                        index[k] = 0
                        k -= 1
                    }
                }
            }
        }
        return out
    }
}
