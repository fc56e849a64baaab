import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import FloatFormats
import Verification

/// The bulk kernels against the bit-level rounding core, element by element.
@Suite struct BulkKernelTests {
    static let modes: [RoundingMode] = RoundingMode.deterministic + [.stochastic(bits: 5), .stochastic(bits: 16), .stochastic(bits: 23), .stochastic(bits: 32)]
    static let optionSets: [RoundingOptions] = OverflowPolicy.allCases.map { RoundingOptions(overflow: $0) } + [
        RoundingOptions(flushSubnormalOutputs: true), RoundingOptions(flushSubnormalInputs: true),
    ]

    static func compare(_ source: FloatFormat, _ target: FloatFormat, _ codes: [UInt64]) -> Int {
        var mismatches = 0
        for base in optionSets {
            for mode in modes {
                var options = base
                options.mode = mode
                let bulk = BulkConverter(from: source, to: target, options: options, seed: 3)
                let got = convert(bulk, codes)
                for (i, code) in codes.enumerated() {
                    let expected = bulk.conversion.convert(code, index: UInt64(i)).code
                    if got[i] != expected {
                        mismatches += 1
                        if mismatches <= 3 {
                            Issue.record("\(source.name)→\(target.name) \(mode) \(options.overflow): 0x\(String(code, radix: 16)) gave 0x\(String(got[i], radix: 16)), core 0x\(String(expected, radix: 16))")
                        }
                    }
                }
            }
        }
        return mismatches
    }

    /// Converts through buffers of the formats' own widths, as `floatlab convert`
    /// does (the vector kernels read 32-bit and narrower elements).
    static func convert(_ bulk: BulkConverter, _ codes: [UInt64]) -> [UInt64] {
        struct Run: ElementTypesBody {
            let bulk: BulkConverter
            let codes: [UInt64]
            func callAsFunction<S: FixedWidthInteger & UnsignedInteger & Sendable, D: FixedWidthInteger & UnsignedInteger & Sendable>(
                _: S.Type, _: D.Type
            ) -> [UInt64] {
                let input = codes.map { S(truncatingIfNeeded: $0) }
                var out = [D](repeating: 0, count: input.count)
                input.withUnsafeBufferPointer { src in out.withUnsafeMutableBufferPointer { bulk.convert(src, into: $0) } }
                return out.map { UInt64($0) }
            }
        }
        return withElementTypes(sourceBytes: bulk.conversion.source.storageBytes,
                                destinationBytes: bulk.conversion.target.storageBytes, Run(bulk: bulk, codes: codes))
    }

    /// Every float32 rounding boundary of the target (each midpoint and value, ±2
    /// source ulps, both signs), the specials, and seeded random values, half
    /// bit patterns and half at the target's scales.
    static func float32Inputs(for target: FloatFormat) -> [UInt64] {
        Array(Set(ConversionInputs.codes(.boundaries, from: .float32, to: target, seed: 17)
                  + ConversionInputs.codes(.random(count: 40_000, seed: 17), from: .float32, to: target))).sorted()
    }

    @Test(arguments: Catalogue.formats.filter { $0.bitWidth <= 19 } + [
        try! FloatFormat.p3109(bits: 8, precision: 3, signed: false, extended: true),
        try! FloatFormat.p3109(bits: 8, precision: 4, signed: false, extended: false),
        try! FloatFormat.p3109(bits: 8, precision: 3, signed: true, extended: true),
    ])
    func float32Boundaries(_ target: FloatFormat) {
        #expect(Self.compare(.float32, target, Self.float32Inputs(for: target)) == 0)
    }

    @Test(arguments: [FloatFormat.float16, .bfloat16, .float8_e4m3fn, .float8_e5m2])
    func float64Random(_ target: FloatFormat) {
        var rng = SplitMix64(seed: 23)
        var codes: [UInt64] = (0..<20_000).map { _ in rng.next() }
        codes += (0..<20_000).map { _ in Double(Float(bitPattern: UInt32(truncatingIfNeeded: rng.next()))).bitPattern &+ (rng.next() % 5) }
        #expect(Self.compare(.float64, target, codes) == 0)
    }

    @Test(arguments: [FloatFormat.float16, .bfloat16, .float8_e4m3fn, .float8_e4m3fnuz, .float8_e5m2, .float6_e3m2fn, .float4_e2m1fn])
    func sixteenBitAndSmallerSourcesExhaustively(_ source: FloatFormat) {
        let codes = Array(0...source.encodingMask)
        for target in [FloatFormat.float32, .float16, .bfloat16, .float8_e4m3fn, .float8_e5m2, .float4_e2m1fn] where target != source {
            #expect(Self.compare(source, target, codes) == 0)
        }
    }

    @Test(arguments: [FloatFormat.float16, .bfloat16, .float8_e4m3fn, .float4_e2m1fn])
    func vectorKernelsCoverFloat32AndSmallSignedFormats(_ format: FloatFormat) {
        #expect(BulkConverter(from: .float32, to: format).kernelName == (format == .bfloat16 ? "same-exponent" : "lanes"))
        #expect(BulkConverter(from: .float32, to: format, options: RoundingOptions(mode: .up, overflow: .saturate)).kernelName == "lanes")
        #expect(BulkConverter(from: format, to: .float32).kernelName == "widening")
        #expect(BulkConverter(from: .float32, to: format, options: RoundingOptions(mode: .stochastic(bits: 16))).kernelName
                == "lanes")
    }

    #if canImport(Glibc) && arch(x86_64)
    /// The vector kernel uses the adder as a shifter; with another rounding
    /// direction set, results must still be the core's.
    @Test func vectorKernelOutsideTheDefaultRoundingDirection() {
        let codes = Self.float32Inputs(for: .float8_e4m3fn)
        let bulk = BulkConverter(from: .float32, to: .float8_e4m3fn)
        let expected = codes.map { bulk.conversion.convert($0, index: 0).code }
        // FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO on x86-64.
        for direction: Int32 in [0x800, 0x400, 0xC00] {
            let saved = fegetround()
            fesetround(direction)
            let got = Self.convert(bulk, codes)
            fesetround(saved)
            #expect(got == expected)
        }
    }
    #endif

    @Test func threadsSplitWithoutChangingResults() {
        var rng = SplitMix64(seed: 29)
        let codes: [UInt32] = (0..<300_000).map { _ in UInt32(truncatingIfNeeded: rng.next()) }
        let bulk = BulkConverter(from: .float32, to: .float8_e4m3fn, options: RoundingOptions(mode: .stochastic(bits: 8)), seed: 9)
        var one = [UInt8](repeating: 0, count: codes.count), two = one
        codes.withUnsafeBufferPointer { src in
            one.withUnsafeMutableBufferPointer { bulk.convert(src, into: $0, threads: 1) }
            two.withUnsafeMutableBufferPointer { bulk.convert(src, into: $0, threads: 2) }
        }
        #expect(one == two)
        #expect(bulk.kernelName == "lanes")
    }
}
