import Foundation
import FloatFormats

/// One stored tensor, read: dtype, shape and little-endian C-order bytes.
public struct StoredTensor: Sendable, Equatable {
    public let name: String
    public let dtype: TensorDType
    public let shape: [Int]
    public let data: Data

    public init(name: String, dtype: TensorDType, shape: [Int], data: Data) {
        self.name = name
        self.dtype = dtype
        self.shape = shape
        self.data = data
    }

    public var count: Int { shape.reduce(1, *) }

    /// The values as float32, for float dtypes: float16, bfloat16 and every
    /// format of up to 16 bits widen exactly; float64 rounds to nearest even.
    /// nil for integer and boolean tensors.
    public func floatValues() -> [Float]? {
        guard case .float(let format) = dtype else { return nil }
        return Self.widen(data, format: format)
    }

    /// The values as float64: exact for every float dtype of up to 64 bits
    /// whose values float64 holds (all of the catalogue), and for integers
    /// below 2^53; booleans as 0 and 1.
    public func doubleValues() -> [Double] {
        let width = dtype.size
        let n = data.count / max(width, 1)
        return data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> [Double] in
            (0..<n).map { i -> Double in
                var code: UInt64 = 0
                for b in 0..<width { code |= UInt64(raw[i * width + b]) << UInt64(8 * b) }
                switch dtype {
                case .float(let format): return format.doubleValue(code)
                case .signed(let bytes):
                    let shift = UInt64(64 - 8 * bytes)
                    return Double(Int64(bitPattern: code << shift) >> Int64(shift))
                case .unsigned: return Double(code)
                case .bool: return code == 0 ? 0 : 1
                }
            }
        }
    }

    static func widen(_ data: Data, format: FloatFormat) -> [Float] {
        let n = data.count / format.storageBytes
        var out = [Float](repeating: 0, count: n)
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            if format == .float32 {
                for i in 0..<n { out[i] = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))) }
            } else if format == .float64 {
                for i in 0..<n { out[i] = Float(Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)))) }
            } else if format == .bfloat16 {
                for i in 0..<n { out[i] = Float(bitPattern: UInt32(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))) << 16) }
            } else if format.bitWidth <= 16 {
                let table = (0..<(1 << format.bitWidth)).map { code -> Float in
                    let d = format.decodeUnchecked(UInt64(code))
                    if let v = d.value { return Float(v.doubleValue) }
                    return d.floatClass == .infinity ? (d.isNegative ? -.infinity : .infinity) : .nan
                }
                let mask = (1 << format.bitWidth) - 1
                if format.storageBytes == 1 {
                    for i in 0..<n { out[i] = table[Int(raw[i]) & mask] }
                } else {
                    for i in 0..<n { out[i] = table[Int(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))) & mask] }
                }
            } else {
                // Other widths (tf32, custom formats over 16 bits): through the rounding core.
                let width = format.storageBytes
                for i in 0..<n {
                    var code: UInt64 = 0
                    for b in 0..<width { code |= UInt64(raw[i * width + b]) << UInt64(8 * b) }
                    out[i] = Float(bitPattern: UInt32((try? FloatFormat.float32.convert(code & format.encodingMask, from: format))?.code ?? 0x7FC0_0000))
                }
            }
        }
        return out
    }

    /// A float32 tensor.
    public init(name: String, shape: [Int], float32 values: [Float]) {
        var data = Data(count: values.count * 4)
        data.withUnsafeMutableBytes { (raw: UnsafeMutableRawBufferPointer) in
            for (i, v) in values.enumerated() { raw.storeBytes(of: v.bitPattern.littleEndian, toByteOffset: 4 * i, as: UInt32.self) }
        }
        self.init(name: name, dtype: .float(.float32), shape: shape, data: data)
    }
}

/// A file of tensors opened for reading, tensor by tensor: `.safetensors`
/// (many tensors, read one at a time from disk), `.npy` (one, named by the
/// file's stem) or text (one value per line, or CSV columns with an optional
/// header row; each column a 1-D tensor).
public final class TensorFile: @unchecked Sendable {
    public enum Kind: String, Sendable { case safetensors, npy, text }

    public let path: String
    public let kind: Kind
    /// Names, dtypes and shapes, in file order.
    public let entries: [(name: String, dtype: TensorDType, shape: [Int])]
    /// `__metadata__` of a safetensors file.
    public let metadata: [String: String]
    private let header: SafetensorsHeader?
    private let handle: FileHandle?
    private var loaded: [StoredTensor]

    /// The kind a path's extension says.
    public static func kind(of path: String) -> Kind {
        let ext = (path as NSString).pathExtension.lowercased()
        switch ext {
        case "safetensors": return .safetensors
        case "npy": return .npy
        default: return .text
        }
    }

    /// Opens a file read-only; `assuming` names the format of opaque `.npy` arrays.
    public init(path: String, assuming opaque: FloatFormat? = nil) throws(TensorIOError) {
        self.path = path
        kind = Self.kind(of: path)
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard let size = (attributes?[.size] as? NSNumber)?.intValue else {
            throw TensorIOError("cannot read '\(path)': no such file, or not readable.")
        }
        if (attributes?[.type] as? FileAttributeType) == .typeDirectory {
            throw TensorIOError("'\(path)' is a directory; give a .safetensors, .npy or text file.")
        }
        switch kind {
        case .safetensors:
            let h: FileHandle
            do { h = try FileHandle(forReadingFrom: URL(fileURLWithPath: path)) } catch { throw TensorIOError("cannot read '\(path)': \(ReadFailure.reason(error)).") }
            let first: Data
            do { first = try h.read(upToCount: 8) ?? Data() } catch { throw TensorIOError("cannot read '\(path)': \(ReadFailure.reason(error)).") }
            var length = 0
            if first.count == 8 {
                var v: UInt64 = 0
                for (k, b) in first.enumerated() { v |= UInt64(b) << UInt64(8 * k) }
                length = Int(min(v, UInt64(SafetensorsHeader.maximumHeaderLength + 1)))
            }
            var prefix = first
            if first.count == 8 && length <= SafetensorsHeader.maximumHeaderLength && 8 + length <= size {
                do { prefix.append(try h.read(upToCount: length) ?? Data()) } catch { throw TensorIOError("cannot read '\(path)': \(ReadFailure.reason(error)).") }
            }
            let parsed = try SafetensorsHeader(prefix: prefix, fileSize: size, place: "'\(path)'")
            header = parsed
            handle = h
            entries = parsed.entries.map { ($0.name, $0.dtype, $0.shape) }
            metadata = parsed.metadata
            loaded = []
        case .npy:
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) } catch {
                throw TensorIOError("cannot read '\(path)': \(ReadFailure.reason(error)).")
            }
            let array: NPYArray
            do { array = try NPYArray(decoding: data, assuming: opaque) } catch { throw TensorIOError("'\(path)': \(error.message)") }
            let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            loaded = [StoredTensor(name: name, dtype: array.dtype, shape: array.shape, data: array.data)]
            header = nil; handle = nil; metadata = [:]
            entries = loaded.map { ($0.name, $0.dtype, $0.shape) }
        case .text:
            guard size <= TextTensors.maximumBytes else {
                throw TensorIOError("'\(path)' is \(size) bytes of text, more than the \(TextTensors.maximumBytes >> 20) MiB FloatLab reads as text; save large tensors as .npy or .safetensors.")
            }
            let text: String
            do { text = try String(contentsOfFile: path, encoding: .utf8) } catch { throw TensorIOError("cannot read '\(path)' as text: \(ReadFailure.reason(error)).") }
            let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            loaded = try TextTensors.parse(text, name: stem, place: "'\(path)'")
            header = nil; handle = nil; metadata = [:]
            entries = loaded.map { ($0.name, $0.dtype, $0.shape) }
        }
    }

    deinit { try? handle?.close() }

    /// Reads one tensor (from disk for safetensors: only its bytes).
    public func read(_ index: Int) throws(TensorIOError) -> StoredTensor {
        guard let header, let handle else { return loaded[index] }
        let e = header.entries[index]
        do {
            try handle.seek(toOffset: UInt64(header.dataStart + e.byteRange.lowerBound))
            let data = try handle.read(upToCount: e.byteRange.count) ?? Data()
            guard data.count == e.byteRange.count else { throw TensorIOError("'\(path)': tensor '\(e.name)' is cut short.") }
            return StoredTensor(name: e.name, dtype: e.dtype, shape: e.shape, data: data)
        } catch let error as TensorIOError {
            throw error
        } catch {
            throw TensorIOError("cannot read tensor '\(e.name)' of '\(path)': \(ReadFailure.reason(error)).")
        }
    }
}

/// Writers of whole tensor files.
public enum TensorWriter {
    /// A `.safetensors` file, tensor by tensor: `produce(i)` is called once
    /// per tensor, in order, and must return exactly its bytes.
    public static func writeSafetensors(path: String, tensors: [(name: String, dtype: TensorDType, shape: [Int])],
                                        metadata: [String: String],
                                        produce: (Int) throws -> Data) throws {
        let (header, ranges) = try SafetensorsHeader.encode(tensors, metadata: metadata)
        let out = try AtomicFileWriter(path: path)
        do {
            try out.write(header)
            for i in tensors.indices {
                let data = try produce(i)
                guard data.count == ranges[i].count else {
                    throw TensorIOError("tensor '\(tensors[i].name)' produced \(data.count) bytes, not \(ranges[i].count).")
                }
                try out.write(data)
            }
            try out.commit()
        } catch {
            out.abandon()
            throw error
        }
    }

    /// A `.npy` file.
    public static func writeNPY(path: String, _ array: NPYArray) throws(TensorIOError) {
        let out = try AtomicFileWriter(path: path)
        try out.write(array.encoded())
        try out.commit()
    }

    /// Text: one value per line, shortest round-trip decimal.
    public static func writeText(path: String, values: [Float]) throws(TensorIOError) {
        let out = try AtomicFileWriter(path: path)
        try out.write(Data(values.map { "\($0)\n" }.joined().utf8))
        try out.commit()
    }
}
