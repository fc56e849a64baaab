#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

/// Sixteen 32-bit lanes to their low bytes, as `SIMD16<UInt8>(truncatingIfNeeded:)`
/// gives them, in three instructions on x86 (mask, two saturating packs
/// that cannot saturate once the lanes are masked to 0…255); the generic
/// conversion is not always inlined and then goes lane by lane.
enum SIMDNarrowing {
    @inline(__always)
    static func lowBytes(_ v: SIMD16<Int32>) -> SIMD16<UInt8> {
        #if arch(x86_64)
        let m = v & SIMD16<Int32>(repeating: 0xFF)
        let q = unsafeBitCast(m, to: (__m128i, __m128i, __m128i, __m128i).self)
        return unsafeBitCast(_mm_packus_epi16(_mm_packs_epi32(q.0, q.1), _mm_packs_epi32(q.2, q.3)), to: SIMD16<UInt8>.self)
        #else
        return SIMD16<UInt8>(truncatingIfNeeded: v)
        #endif
    }
}
