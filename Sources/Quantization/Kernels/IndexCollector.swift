/// Indices gathered one at a time into a buffer the collector owns, without
/// the uniqueness and capacity checks of `Array.append` (which an array
/// captured by a closure pays on every call), and moved to an array a
/// buffer-full at a time.
///
/// ```swift
/// var c = IndexCollector()
/// c.append(3); c.append(7)
/// c.finish()   // [3, 7]
/// ```
struct IndexCollector {
    private var buffer: UnsafeMutableBufferPointer<Int>?
    private var count = 0
    private var indices: [Int] = []
    static let bufferSize = 4096

    init() {}

    @inline(__always)
    mutating func append(_ i: Int) {
        if count == Self.bufferSize || buffer == nil { spill() }
        buffer.unsafelyUnwrapped[count] = i
        count += 1
    }

    private mutating func spill() {
        if let b = buffer {
            indices.append(contentsOf: b.prefix(count))
        } else {
            buffer = .allocate(capacity: Self.bufferSize)
        }
        count = 0
    }

    /// Every index appended, in order; the buffer is released.
    mutating func finish() -> [Int] {
        if let b = buffer {
            indices.append(contentsOf: b.prefix(count))
            b.deallocate()
            buffer = nil
            count = 0
        }
        return indices
    }
}
