import FloatFormats
import FloatTypes

/// A floating-point type the checks can read: its format and the encoding of
/// a value. Float, Double, Float16 and every FloatLab type conform, so a
/// check reads the same for the standard types and the small ones.
///
/// ```swift
/// Float.testFormat.name                  // "float32"
/// BFloat16(1.5).testCode                 // 16320: 0x3FC0
/// Float8E4M3FN(testCode: 0x38) == 1      // true
/// ```
public protocol TestableFloat: Sendable {
    static var testFormat: FloatFormat { get }
    var testCode: UInt64 { get }
    init(testCode: UInt64)
}

extension Float: TestableFloat {
    public static var testFormat: FloatFormat { .float32 }
    public var testCode: UInt64 { UInt64(bitPattern) }
    public init(testCode: UInt64) { self.init(bitPattern: UInt32(truncatingIfNeeded: testCode)) }
}

extension Double: TestableFloat {
    public static var testFormat: FloatFormat { .float64 }
    public var testCode: UInt64 { bitPattern }
    public init(testCode: UInt64) { self.init(bitPattern: testCode) }
}

#if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
extension Float16: TestableFloat {
    public static var testFormat: FloatFormat { .float16 }
    public var testCode: UInt64 { UInt64(bitPattern) }
    public init(testCode: UInt64) { self.init(bitPattern: UInt16(truncatingIfNeeded: testCode)) }
}
#endif

/// The FloatLab types, through their protocol.
public protocol SmallTestableFloat: TestableFloat, SmallBinaryFloat {}
extension SmallTestableFloat {
    public static var testFormat: FloatFormat { format }
    public var testCode: UInt64 { UInt64(truncatingIfNeeded: bitPattern) }
    public init(testCode: UInt64) { self.init(bitPattern: Storage(truncatingIfNeeded: testCode & Self.format.encodingMask)) }
}

extension BFloat16: SmallTestableFloat {}
extension TFloat32: SmallTestableFloat {}
extension Float8E5M2: SmallTestableFloat {}
extension Float8E4M3: SmallTestableFloat {}
extension Float8E4M3FN: SmallTestableFloat {}
extension Float8E4M3FNUZ: SmallTestableFloat {}
extension Float8E5M2FNUZ: SmallTestableFloat {}
extension Float8E4M3B11FNUZ: SmallTestableFloat {}
extension Float8E3M4: SmallTestableFloat {}
extension Float8E8M0FNU: SmallTestableFloat {}
extension Float6E2M3FN: SmallTestableFloat {}
extension Float6E3M2FN: SmallTestableFloat {}
extension Float4E2M1FN: SmallTestableFloat {}
