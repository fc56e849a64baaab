import Foundation

/// One tensor of a `.safetensors` file: name, dtype, shape and where its
/// bytes lie (relative to the start of the data section).
public struct SafetensorsEntry: Sendable, Equatable {
    public let name: String
    public let dtype: TensorDType
    public let shape: [Int]
    public let byteRange: Range<Int>

    public var count: Int { shape.reduce(1, *) }
}

/// A `.safetensors` header, validated before anything is trusted: an
/// 8-byte little-endian length of at most 100 MB (the format's own limit), a
/// JSON object of tensors and an optional `__metadata__` of strings; every
/// dtype known, every shape of non-negative sizes, every byte size equal to
/// elements × dtype size, offsets inside the file, sorted without overlap
/// and covering the data section without holes.
public struct SafetensorsHeader: Sendable, Equatable {
    /// Entries in file order (by offset).
    public let entries: [SafetensorsEntry]
    /// The `__metadata__` strings, kept through a rewrite.
    public let metadata: [String: String]
    /// Bytes before the data section: 8 + header length.
    public let dataStart: Int

    public static let maximumHeaderLength = 100_000_000

    /// Parses and validates the header of a file of `fileSize` bytes, given its first bytes.
    public init(prefix: Data, fileSize: Int, place: String = "the file") throws(TensorIOError) {
        guard prefix.count >= 8 else { throw TensorIOError("\(place) is not a .safetensors file: shorter than its 8-byte header length.") }
        let p = [UInt8](prefix.prefix(8))
        var length: UInt64 = 0
        for k in 0..<8 { length |= UInt64(p[k]) << UInt64(8 * k) }
        guard length <= UInt64(Self.maximumHeaderLength) else {
            throw TensorIOError("\(place): the .safetensors header claims \(length) bytes, over the format's 100 MB limit; the file is damaged or not a .safetensors file.")
        }
        let n = Int(length)
        guard 8 + n <= fileSize else {
            throw TensorIOError("\(place): the .safetensors header claims \(n) bytes but the file has only \(fileSize - 8) after the length; it is truncated.")
        }
        guard prefix.count >= 8 + n else { throw TensorIOError("\(place): header not read in full.") }
        let json = prefix[(prefix.startIndex + 8)..<(prefix.startIndex + 8 + n)]
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: json) } catch {
            let start = String(decoding: json.prefix(40), as: UTF8.self).replacingOccurrences(of: "\n", with: " ")
            throw TensorIOError("\(place): the \(n)-byte .safetensors header is not valid JSON (it starts '\(start)\(n > 40 ? "…" : "")'); the file is damaged or not a .safetensors file.")
        }
        guard let top = object as? [String: Any] else { throw TensorIOError("\(place): the .safetensors header is not a JSON object.") }
        var entries: [SafetensorsEntry] = []
        var metadata: [String: String] = [:]
        let dataSize = fileSize - 8 - n
        for (name, value) in top {
            if name == "__metadata__" {
                guard let m = value as? [String: Any] else { throw TensorIOError("\(place): __metadata__ is not an object of strings.") }
                for (k, v) in m {
                    guard let s = v as? String else { throw TensorIOError("\(place): __metadata__ value '\(k)' is not a string.") }
                    metadata[k] = s
                }
                continue
            }
            guard let info = value as? [String: Any], let dtypeName = info["dtype"] as? String,
                  let shapeAny = info["shape"] as? [Any], let offsetsAny = info["data_offsets"] as? [Any], offsetsAny.count == 2 else {
                throw TensorIOError("\(place): tensor '\(name)' needs dtype, shape and data_offsets [begin, end].")
            }
            guard let dtype = TensorDType(safetensors: dtypeName) else {
                throw TensorIOError("\(place): tensor '\(name)' has dtype '\(dtypeName)', which FloatLab does not read (it reads \(TensorDType.safetensorsNames.map(\.0).joined(separator: ", "))).")
            }
            var shape: [Int] = []
            var elements = 1
            for s in shapeAny {
                guard let v = (s as? NSNumber)?.int64Value, v >= 0, v < 1 << 48 else {
                    throw TensorIOError("\(place): tensor '\(name)' has a shape that is not a list of sizes.")
                }
                shape.append(Int(v))
                let (e, overflow) = elements.multipliedReportingOverflow(by: Int(v))
                guard !overflow else { throw TensorIOError("\(place): tensor '\(name)' has a shape too large to address.") }
                elements = e
            }
            guard let begin = (offsetsAny[0] as? NSNumber)?.int64Value, let end = (offsetsAny[1] as? NSNumber)?.int64Value,
                  begin >= 0, end >= begin else {
                throw TensorIOError("\(place): tensor '\(name)' has data_offsets that are not [begin, end] with begin ≤ end.")
            }
            guard end <= dataSize else {
                throw TensorIOError("\(place): tensor '\(name)' ends at byte \(end) of the data, which has \(dataSize) bytes; the file is truncated or lies.")
            }
            let (bytes, overflow) = elements.multipliedReportingOverflow(by: dtype.size)
            guard !overflow, Int(end - begin) == bytes else {
                throw TensorIOError("\(place): tensor '\(name)' holds \(end - begin) bytes, but shape \(shape) of \(dtypeName) needs \(overflow ? "more than 2^63" : String(bytes)).")
            }
            entries.append(SafetensorsEntry(name: name, dtype: dtype, shape: shape, byteRange: Int(begin)..<Int(end)))
        }
        entries.sort { ($0.byteRange.lowerBound, $0.byteRange.upperBound, $0.name) < ($1.byteRange.lowerBound, $1.byteRange.upperBound, $1.name) }
        var position = 0
        for e in entries {
            if e.byteRange.lowerBound < position {
                throw TensorIOError("\(place): tensor '\(e.name)' overlaps the tensor before it (bytes \(e.byteRange.lowerBound)…); the header lies.")
            }
            if e.byteRange.lowerBound > position {
                throw TensorIOError("\(place): bytes \(position)..<\(e.byteRange.lowerBound) of the data belong to no tensor; the format allows no holes.")
            }
            position = e.byteRange.upperBound
        }
        if position < dataSize {
            throw TensorIOError("\(place): bytes \(position)..<\(dataSize) of the data follow the last tensor and belong to none; the format allows no trailing bytes, so the header lies or the file was appended to.")
        }
        self.entries = entries
        self.metadata = metadata
        dataStart = 8 + n
    }

    /// Encodes a header for tensors laid out in order, padded with spaces to
    /// a multiple of 8 bytes as the reference implementation does.
    public static func encode(_ tensors: [(name: String, dtype: TensorDType, shape: [Int])], metadata: [String: String]) throws(TensorIOError) -> (header: Data, ranges: [Range<Int>]) {
        var object: [String: Any] = [:]
        if !metadata.isEmpty { object["__metadata__"] = metadata }
        var offset = 0
        var ranges: [Range<Int>] = []
        for t in tensors {
            guard let name = t.dtype.safetensorsName else {
                throw TensorIOError("safetensors has no dtype for \(t.dtype); tensor '\(t.name)' cannot be written as such (store float32 values or unsigned bit patterns).")
            }
            guard object[t.name] == nil else { throw TensorIOError("two tensors are named '\(t.name)'.") }
            let size = t.shape.reduce(1, *) * t.dtype.size
            object[t.name] = ["dtype": name, "shape": t.shape, "data_offsets": [offset, offset + size]] as [String: Any]
            ranges.append(offset..<(offset + size))
            offset += size
        }
        var json: Data
        do { json = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) } catch {
            throw TensorIOError("could not encode the header: \(error.localizedDescription)")
        }
        json.append(contentsOf: [UInt8](repeating: 0x20, count: (8 - json.count % 8) % 8))
        var out = Data()
        var n = UInt64(json.count)
        for _ in 0..<8 { out.append(UInt8(n & 0xFF)); n >>= 8 }
        out.append(json)
        return (out, ranges)
    }
}
