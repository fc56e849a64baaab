import FloatFormats
import Foundation

/// Whole arrays to and from float32 through the bulk kernels (vector code,
/// bit for bit the core's nearest-even with the IEEE overflow policy).
///
/// ```swift
/// let b = [BFloat16](converting: [1.0, 0.1, 1e39] as [Float])
/// b.map(\.bitPattern)            // [16256, 15821, 32640]: 0x3F80, 0x3DCD, +∞
/// [Float](converting: b)         // [1.0, 0.10009765625, inf]
/// ```
extension Array where Element: SmallBinaryFloat {
    public init(converting floats: [Float]) {
        let converter = ConverterCache.shared.converter(from: .float32, to: Element.format)
        self = [Element](unsafeUninitializedCapacity: floats.count) { out, count in
            floats.withUnsafeBytes { raw in
                let source = raw.bindMemory(to: UInt32.self)
                let destination = UnsafeMutableRawBufferPointer(out)
                // The storage width chosen here, so that the kernel is specialized for it.
                switch MemoryLayout<Element.Storage>.size {
                case 1: converter.convert(source, into: destination.bindMemory(to: UInt8.self))
                case 2: converter.convert(source, into: destination.bindMemory(to: UInt16.self))
                default: converter.convert(source, into: destination.bindMemory(to: UInt32.self))
                }
            }
            count = floats.count
        }
    }
}

extension Array where Element == Float {
    public init<T: SmallBinaryFloat>(converting values: [T]) {
        let converter = ConverterCache.shared.converter(from: T.format, to: .float32)
        self = [Float](unsafeUninitializedCapacity: values.count) { out, count in
            values.withUnsafeBytes { raw in
                let destination = UnsafeMutableRawBufferPointer(out).bindMemory(to: UInt32.self)
                switch MemoryLayout<T.Storage>.size {
                case 1: converter.convert(raw.bindMemory(to: UInt8.self), into: destination)
                case 2: converter.convert(raw.bindMemory(to: UInt16.self), into: destination)
                default: converter.convert(raw.bindMemory(to: UInt32.self), into: destination)
                }
            }
            count = values.count
        }
    }
}

/// One bulk converter per pair of formats, built once (their plans and tables take a while).
final class ConverterCache: @unchecked Sendable {
    static let shared = ConverterCache()
    private let lock = NSLock()
    private var converters: [String: BulkConverter] = [:]

    func converter(from source: FloatFormat, to target: FloatFormat) -> BulkConverter {
        let key = source.name + "->" + target.name
        lock.lock()
        defer { lock.unlock() }
        if let c = converters[key] { return c }
        let c = BulkConverter(from: source, to: target)
        converters[key] = c
        return c
    }
}
