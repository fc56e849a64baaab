#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif
import Synchronization

/// Dequantize loops: every output element is a table entry picked by its
/// code, times a scale or not.
///
/// Large outputs are written with non-temporal (streaming) stores on x86:
/// they go to memory without first reading each cache line in, which a
/// plain store does, so writing n floats moves 4n bytes instead of 8n. The
/// caller says when (outputs far larger than the caches, which are not read
/// again at once) and calls `finishStreaming()` after the last one.
enum TableLookup {
    /// Outputs above this many floats (16 MiB) are streamed.
    static let streamingThreshold = 1 << 22

    /// o[i] = table[c[i]] for n elements (the table indexed by the code's
    /// value: point it at the entry of code 0, negative codes included).
    @inline(__always)
    static func lookUp<T: CodeElement>(_ c: UnsafePointer<T>, _ table: UnsafePointer<Float>,
                                       _ o: UnsafeMutablePointer<Float>, _ n: Int, streaming: Bool) {
        write(o, n, streaming: streaming) { table[Int(truncatingIfNeeded: c[$0])] }
    }

    /// o[i] = table[c[i]] · s in float32 for n elements.
    @inline(__always)
    static func scaledLookUp<T: CodeElement>(_ c: UnsafePointer<T>, _ table: UnsafePointer<Float>, _ s: Float,
                                             _ o: UnsafeMutablePointer<Float>, _ n: Int, streaming: Bool) {
        write(o, n, streaming: streaming) { table[Int(truncatingIfNeeded: c[$0])] * s }
    }

    /// o[i] = value(i) for i in 0..<n, four at a time.
    @inline(__always)
    static func write(_ o: UnsafeMutablePointer<Float>, _ n: Int, streaming: Bool, _ value: (Int) -> Float) {
        var i = 0
        #if arch(x86_64)
        if streaming {
            // (streaming stores need 16-byte alignment: plain stores up to it)
            while i < n && Int(bitPattern: o + i) & 15 != 0 { o[i] = value(i); i &+= 1 }
            while i &+ 4 <= n {
                _mm_stream_ps(o + i, _mm_set_ps(value(i &+ 3), value(i &+ 2), value(i &+ 1), value(i)))
                i &+= 4
            }
        }
        #endif
        while i &+ 4 <= n {
            o[i] = value(i); o[i &+ 1] = value(i &+ 1); o[i &+ 2] = value(i &+ 2); o[i &+ 3] = value(i &+ 3)
            i &+= 4
        }
        while i < n { o[i] = value(i); i &+= 1 }
    }

    /// Orders the streaming stores before any later load or store (a
    /// sequentially consistent fence is an mfence on x86, which orders
    /// non-temporal stores too; `_mm_sfence` is not an inline function
    /// Swift can call).
    static func finishStreaming() {
        atomicMemoryFence(ordering: .sequentiallyConsistent)
    }
}
