/// The largest magnitude of a run of finite float32 values, from their bit
/// patterns: with the sign bit cleared, finite floats order as their bits
/// do as integers, so four lanes of integer maxima find it.
enum BlockMaximum {
    @inline(__always)
    static func magnitude(_ x: UnsafePointer<Float>, _ range: Range<Int>) -> Float {
        let raw = UnsafeRawPointer(x)
        let clear = SIMD4<Int32>(repeating: 0x7FFF_FFFF)
        var m4 = SIMD4<Int32>(repeating: 0)
        var i = range.lowerBound
        while i + 4 <= range.upperBound {
            let v = raw.loadUnaligned(fromByteOffset: 4 * i, as: SIMD4<Int32>.self) & clear
            m4.replace(with: v, where: v .> m4)
            i += 4
        }
        var m = Swift.max(Swift.max(m4[0], m4[1]), Swift.max(m4[2], m4[3]))
        while i < range.upperBound {
            m = Swift.max(m, Int32(bitPattern: x[i].bitPattern & 0x7FFF_FFFF))
            i += 1
        }
        return Float(bitPattern: UInt32(m))
    }
}
