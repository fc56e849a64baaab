/// How the lane kernel puts the sign on a result, chosen per target so that
/// the common case costs two instructions.
@usableFromInline protocol SignPlacement {
    /// The target's sign bit for source `u` and magnitude code `r`.
    static func sign(of u: UInt32, result r: UInt32, shift: UInt32) -> UInt32
}

/// Every result of a negative value is negative, zero included (IEEE formats,
/// OCP E4M3, fp6, fp4).
@usableFromInline enum KeepsNegativeZero: SignPlacement {
    @inlinable @inline(__always)
    static func sign(of u: UInt32, result r: UInt32, shift: UInt32) -> UInt32 { (u & 0x8000_0000) &>> shift }
}

/// A negative value that rounds to zero gives +0 (FNUZ, P3109).
@usableFromInline enum NoNegativeZero: SignPlacement {
    @inlinable @inline(__always)
    static func sign(of u: UInt32, result r: UInt32, shift: UInt32) -> UInt32 { r == 0 ? 0 : (u & 0x8000_0000) &>> shift }
}
