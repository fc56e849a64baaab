import FloatFormats

/// Operand pairs for checking a two-operand operation in one format: every
/// pair of a small format, or every special and boundary operand against
/// seeded random ones at every scale of the format.
///
/// ```swift
/// OperandPairs.exhaustive(.float4_e2m1fn).count                    // 256: 16 × 16
/// OperandPairs.exhaustive(.float4_e2m1fn)[17] == (1, 1)            // true: pairs in code order
/// OperandPairs.random(count: 100, in: .float16, seed: 1).count     // 100
/// ```
public enum OperandPairs {
    /// The widest format whose pairs `exhaustive` lists (2^24 pairs).
    public static let maximumExhaustiveBits = 12

    /// Every (a, b) of the format, a-major in code order: 2^(2·bits) pairs.
    public static func exhaustive(_ format: FloatFormat) -> [(UInt64, UInt64)] {
        precondition(format.bitWidth <= maximumExhaustiveBits,
                     "\(format.name) has \(format.bitWidth) bits: too many pairs to list; use random(count:in:seed:)")
        let codes = Array(0...format.encodingMask)
        return codes.flatMap { a in codes.map { b in (a, b) } }
    }

    /// The operands every operation check should meet: zeros, infinities, NaNs,
    /// the extremes, the smallest subnormals and normals, one and the
    /// neighbours of each, both signs.
    public static func specialOperands(of format: FloatFormat) -> [UInt64] {
        var set = Set(ConversionInputs.specials(of: format))
        let one = format.round(Dyadic.powerOfTwo(0)).code
        let smallestNormal = UInt64(1) << UInt64(format.fractionBits)
        for c in [one, smallestNormal, format.largestFiniteMagnitude, 1] {
            for delta: Int64 in [-1, 0, 1] {
                let m = Int64(bitPattern: c) + delta
                guard m >= 0, UInt64(m) <= format.magnitudeMask else { continue }
                set.insert(UInt64(m))
                if format.isSigned { set.insert(UInt64(m) | format.signMask) }
            }
        }
        return set.sorted()
    }

    /// `count` seeded pairs: the first of every four pairs pairs a special
    /// operand with a random one (alternating sides), the rest are random
    /// encodings, half uniform bit patterns and half values drawn at every
    /// scale of the format (`ConversionInputs.random`). Pair i depends only on
    /// seed and i.
    public static func random(count: Int, in format: FloatFormat, seed: UInt64) -> [(UInt64, UInt64)] {
        let specials = specialOperands(of: format)
        let draws = ConversionInputs.random(count: 2 * count, from: format, to: format, seed: seed)
        let pick = RandomStream(seed: seed ^ 0x9A1E)
        return (0..<count).map { i in
            let a = draws[2 * i], b = draws[2 * i + 1]
            guard i % 4 == 0 else { return (a, b) }
            let s = specials[Int(pick[UInt64(i)] % UInt64(specials.count))]
            return i % 8 == 0 ? (s, b) : (a, s)
        }
    }
}
