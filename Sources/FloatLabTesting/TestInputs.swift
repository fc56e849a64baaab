import FloatFormats
import Verification

/// Inputs for exhaustive and boundary tests, from FloatLab's verification
/// generators, as values of a type or as encodings of any format.
///
/// ```swift
/// TestInputs.every(Float8E4M3FN.self).count                        // 256
/// TestInputs.boundaries(from: Float.self, to: Float8E4M3FN.self).count > 1000   // true: ties, their neighbours, thresholds, specials
/// TestInputs.structured(.add, BFloat16.self).count > 1000          // true: TestFloat-style operand pairs
/// ```
public enum TestInputs {
    /// Every encoding of T (2^bits of them, in code order): for formats of up to 24 bits.
    public static func every<T: TestableFloat>(_: T.Type) -> [T] {
        let f = T.testFormat
        precondition(f.bitWidth <= 24, "\(f.name) has too many encodings to list (\(f.bitWidth) bits)")
        return (0...f.encodingMask).map { T(testCode: $0) }
    }

    /// Values of S that test a conversion into T: every rounding boundary (the ties and one and two
    /// source ulps either side), the overflow threshold, the subnormal and underflow edges, both
    /// zeros, infinities and NaNs; plus `random` seeded values.
    public static func boundaries<S: TestableFloat, T: TestableFloat>(from: S.Type, to: T.Type, random: Int = 0, seed: UInt64 = 1) -> [S] {
        codes(from: S.testFormat, to: T.testFormat, random: random, seed: seed).map { S(testCode: $0) }
    }

    /// The same as encodings of any two formats.
    public static func codes(from source: FloatFormat, to target: FloatFormat, random: Int = 0, seed: UInt64 = 1) -> [UInt64] {
        ConversionInputs.boundaries(from: source, to: target, seed: seed) + (random > 0 ? ConversionInputs.random(count: random, from: source, to: target, seed: seed) : [])
    }

    /// TestFloat-style operand tuples of an operation in T: every pair of special and boundary values, exact ties and
    /// their neighbours, cancellation, exponent gaps, overflow and underflow thresholds, perfect squares, fma near −a·b.
    public static func structured<T: TestableFloat>(_ op: ArithmeticOperation, _: T.Type, seed: UInt64 = 1) -> [[T]] {
        StructuredOperands.tuples(op, in: T.testFormat, seed: seed).map { $0.map { T(testCode: $0) } }
    }
}
