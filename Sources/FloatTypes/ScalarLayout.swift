import FloatFormats

/// A type's encodings as bit literals: the masks that classify a code and the
/// codes of the protocol's constants. Each type writes its own as literals, so
/// that classification, comparison and the constants compile to a few integer
/// operations with no `FloatFormat` touched per call; a test checks every
/// type's literals against its format (`init(deriving:)`).
///
/// How a code is read:
/// - NaN: a magnitude of `nanFrom` or more (IEEE-style: above the infinity;
///   e4m3fn: 0x7F; E8M0: 0xFF), or, in FNUZ formats, the sign bit over a zero
///   magnitude (0x80). `nanFrom` is beyond every code in formats without NaN.
/// - Infinite: a magnitude equal to `infinityMagnitude` (beyond every code
///   without infinities).
/// - Zero: a zero magnitude that is not NaN, in formats with a zero (not E8M0).
/// - Subnormal: a nonzero magnitude below `leastNormal`, in formats with subnormals.
/// - Order: every value that is not NaN has the key ±magnitude (the sign bit's
///   sign), so −0 and +0 compare equal and the order is the values' order.
@frozen public struct ScalarLayout: Sendable, Equatable {
    public let signMask: UInt64, magnitudeMask: UInt64
    public let nanFrom: UInt64, infinityMagnitude: UInt64
    public let negativeZeroIsNaN: Bool, hasZero: Bool
    /// Codes of the constants: the largest finite, the smallest normal and the smallest nonzero magnitude,
    /// 1, what NaN, +∞ and 0 convert to, and π rounded toward zero.
    public let largest: UInt64, leastNormal: UInt64, leastNonzero: UInt64, one: UInt64
    public let nan: UInt64, infinity: UInt64, zero: UInt64, pi: UInt64

    @inlinable
    public init(signMask: UInt64, magnitudeMask: UInt64, nanFrom: UInt64, infinityMagnitude: UInt64, negativeZeroIsNaN: Bool, hasZero: Bool,
                largest: UInt64, leastNormal: UInt64, leastNonzero: UInt64, one: UInt64, nan: UInt64, infinity: UInt64, zero: UInt64, pi: UInt64) {
        self.signMask = signMask; self.magnitudeMask = magnitudeMask
        self.nanFrom = nanFrom; self.infinityMagnitude = infinityMagnitude
        self.negativeZeroIsNaN = negativeZeroIsNaN; self.hasZero = hasZero
        self.largest = largest; self.leastNormal = leastNormal; self.leastNonzero = leastNonzero; self.one = one
        self.nan = nan; self.infinity = infinity; self.zero = zero; self.pi = pi
    }

    /// The same constants computed from a format by the core (what the tests compare each type's literals with).
    public init(deriving f: FloatFormat) {
        let nanCodes = (0...f.magnitudeMask).filter { f.isNaN($0) }
        let infinities = (0...f.magnitudeMask).filter { f.isInfinite($0) }
        self.init(signMask: f.signMask, magnitudeMask: f.magnitudeMask,
                  nanFrom: nanCodes.first ?? (f.magnitudeMask + 1), infinityMagnitude: infinities.first ?? (f.magnitudeMask + 1),
                  negativeZeroIsNaN: f.isSigned && f.isNaN(f.signMask), hasZero: f.hasZero,
                  largest: f.largestFiniteMagnitude, leastNormal: f.round(f.smallestNormal).code, leastNonzero: f.round(f.smallestPositive).code,
                  one: f.round(1.0).code, nan: f.round(Double.nan).code, infinity: f.round(Double.infinity).code, zero: f.round(0.0).code,
                  pi: f.round(Double.pi, options: RoundingOptions(mode: .towardZero)).code)
    }

    @inlinable @inline(__always) func isNaN(_ code: UInt64) -> Bool {
        code & magnitudeMask >= nanFrom || (negativeZeroIsNaN && code == signMask)
    }
    @inlinable @inline(__always) func isInfinite(_ code: UInt64) -> Bool { code & magnitudeMask == infinityMagnitude }
    @inlinable @inline(__always) func isFinite(_ code: UInt64) -> Bool {
        code & magnitudeMask < min(nanFrom, infinityMagnitude) && !(negativeZeroIsNaN && code == signMask)
    }
    @inlinable @inline(__always) func isZero(_ code: UInt64) -> Bool { hasZero && code & magnitudeMask == 0 && !(negativeZeroIsNaN && code == signMask) }
    @inlinable @inline(__always) func isSubnormal(_ code: UInt64) -> Bool {
        let m = code & magnitudeMask
        return m != 0 && m < leastNormal && hasZero
    }

    /// ±magnitude: the order of the values that are not NaN.
    @inlinable @inline(__always) func key(_ code: UInt64) -> Int64 {
        let m = Int64(truncatingIfNeeded: code & magnitudeMask)
        return code & signMask != 0 ? -m : m
    }
    @inlinable @inline(__always) func equal(_ a: UInt64, _ b: UInt64) -> Bool { !isNaN(a) && !isNaN(b) && key(a) == key(b) }
    @inlinable @inline(__always) func less(_ a: UInt64, _ b: UInt64) -> Bool { !isNaN(a) && !isNaN(b) && key(a) < key(b) }
    @inlinable @inline(__always) func lessOrEqual(_ a: UInt64, _ b: UInt64) -> Bool { !isNaN(a) && !isNaN(b) && key(a) <= key(b) }
}
