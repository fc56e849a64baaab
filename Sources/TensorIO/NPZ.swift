import Foundation

/// The arrays of an `.npz` file as `np.savez` writes it: a zip archive of
/// `.npy` members stored without compression (`np.savez_compressed`'s
/// deflated members are refused with a message). Read through the archive's
/// central directory; every size and offset is checked against the file.
///
/// ```swift
/// // let arrays = try NPZ.read(path: "digits.npz")   // ["x": NPYArray, "y": NPYArray]
/// ```
public enum NPZ {
    static func u16(_ d: Data, _ at: Int) -> Int { Int(d[d.startIndex + at]) | Int(d[d.startIndex + at + 1]) << 8 }
    static func u32(_ d: Data, _ at: Int) -> Int { u16(d, at) | u16(d, at + 2) << 16 }

    public static func read(path: String) throws(TensorIOError) -> [String: NPYArray] {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe) } catch {
            throw TensorIOError("cannot read \(path): \(ReadFailure.reason(error)).")
        }
        return try arrays(in: data, place: path)
    }

    /// The arrays of an archive's bytes; `place` names it in errors.
    public static func arrays(in data: Data, place path: String = "the archive") throws(TensorIOError) -> [String: NPYArray] {
        func fail(_ what: String) -> TensorIOError { TensorIOError("\(path) is not an .npz file np.savez wrote: \(what).") }
        // The end-of-central-directory record: the last 22 bytes, or earlier if the archive has a comment.
        guard data.count >= 22 else { throw fail("too short") }
        var end = -1
        for at in stride(from: data.count - 22, through: max(0, data.count - 22 - 65535), by: -1) where u32(data, at) == 0x0605_4B50 {
            end = at
            break
        }
        guard end >= 0 else { throw fail("no zip end-of-central-directory record") }
        let entries = u16(data, end + 10), directorySize = u32(data, end + 12), directoryOffset = u32(data, end + 16)
        guard directoryOffset + directorySize <= end else { throw fail("the central directory lies outside the file") }
        var out: [String: NPYArray] = [:]
        var at = directoryOffset
        for _ in 0..<entries {
            guard at + 46 <= end, u32(data, at) == 0x0201_4B50 else { throw fail("a damaged central directory") }
            let method = u16(data, at + 10), compressed = u32(data, at + 20), size = u32(data, at + 24)
            let nameLength = u16(data, at + 28), extraLength = u16(data, at + 30), commentLength = u16(data, at + 32)
            let local = u32(data, at + 42)
            guard at + 46 + nameLength <= end else { throw fail("a damaged central directory") }
            let name = String(decoding: data[(data.startIndex + at + 46)..<(data.startIndex + at + 46 + nameLength)], as: UTF8.self)
            guard method == 0 else {
                throw TensorIOError("\(path): member '\(name)' is compressed (np.savez_compressed); save it with np.savez, or as .safetensors.")
            }
            guard compressed == size, size != 0xFFFF_FFFF, local + 30 <= data.count, u32(data, local) == 0x0403_4B50 else {
                throw fail("member '\(name)' has a damaged or ZIP64 header")
            }
            let start = local + 30 + u16(data, local + 26) + u16(data, local + 28)
            guard start + size <= data.count else { throw fail("member '\(name)' runs past the end of the file") }
            let array = try NPYArray(decoding: data.subdata(in: (data.startIndex + start)..<(data.startIndex + start + size)))
            out[name.hasSuffix(".npy") ? String(name.dropLast(4)) : name] = array
            at += 46 + nameLength + extraLength + commentLength
        }
        return out
    }
}
