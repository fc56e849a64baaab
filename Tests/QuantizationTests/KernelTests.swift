import Testing
import FloatFormats
import FloatLabTestSupport
@testable import Quantization

/// The fast inner loops against the element-by-element exact path, on data
/// made to hit ties, integers and element-format midpoints exactly and nearly.
@Suite("Quantization kernels against the exact reference")
struct KernelTests {
    /// Values that are exact and near multiples of s/2, and random ones.
    func adversarial(scale s: Double, count: Int, seed: UInt64) -> [Float] {
        var g = SplitMix64(seed: seed)
        return (0..<count).map { i in
            let k = Double(Int(g.next() % 400) - 200) / 2
            switch i % 4 {
            case 0: return Float(k * s)
            case 1: return Float(k * s).nextUp
            case 2: return Float(k * s).nextDown
            default: return Float(Double(Int64(bitPattern: g.next() >> 8)) * 0x1p-56 * 100 * s)
            }
        }
    }

    @Test("IntegerKernel equals IntegerRounding element by element, in every mode, with offsets and the floor rule")
    func integerKernel() {
        let modes: [RoundingMode] = RoundingMode.deterministic + [.stochastic(bits: 8)]
        for (trial, s) in [1.0 / 127, 0.25, 3.0 / 7, 0.01, 1e-30, 1e20].enumerated() {
            let x = adversarial(scale: s, count: 4000, seed: UInt64(trial))
            for mode in modes {
                for (offset, floorMode) in [(0.0, false), (128.0, false), (8.5, true)] {
                    let k = IntegerKernel(mode: mode, offset: offset, floorMode: floorMode, lower: -127, upper: 255, seed: 5)
                    var codes = [Int32](repeating: 0, count: x.count)
                    x.withUnsafeBufferPointer { xb in
                        codes.withUnsafeMutableBufferPointer { c in k.run(xb.baseAddress!, 0..<x.count, scale: s, into: c.baseAddress!) }
                    }
                    for i in x.indices {
                        let want = k.exact(Double(x[i]), s, index: i)
                        #expect(Double(codes[i]) == want, "s=\(s) \(mode) offset=\(offset) x=\(x[i])")
                        if Double(codes[i]) != want { return }
                    }
                }
            }
        }
    }

    @Test("ScaledElementKernel equals the core's round(_:dividedBy:) for every element format ≤ 8 bits and mode")
    func scaledKernel() {
        let formats: [FloatFormat] = [.float4_e2m1fn, .float6_e2m3fn, .float6_e3m2fn, .float8_e4m3fn, .float8_e5m2, .float8_e4m3fnuz]
        let modes: [RoundingMode] = [.nearestEven, .nearestAway, .towardZero, .up, .down, .odd, .stochastic(bits: 4)]
        var g = SplitMix64(seed: 77)
        for f in formats {
            let values = (0..<(1 << f.bitWidth)).compactMap { f.decodeUnchecked(UInt64($0)).value?.doubleValue }
            for mode in modes {
                let codec = ElementCodec(format: f, mode: mode, seed: 3)
                let kernel = ScaledElementKernel(codec: codec)
                for S in [1.0 / 3, 0.75, 2.5e-3, 7.0, 0x1p-20 * 5] {
                    // Element values and midpoints times S, exactly and one float32 ulp off, plus random values.
                    var x: [Float] = []
                    for v in values {
                        let mid = v + (f.ulp(at: ScaleRounding.dyadic(v)).doubleValue / 2)
                        for t in [v * S, mid * S] { x += [Float(t), Float(t).nextUp, Float(t).nextDown] }
                    }
                    for _ in 0..<500 { x.append(Float(Double(Int64(bitPattern: g.next()) >> 11) * 0x1p-52 * f.maxFinite.doubleValue * S)) }
                    var codes = [UInt16](repeating: 0, count: x.count)
                    x.withUnsafeBufferPointer { xb in
                        codes.withUnsafeMutableBufferPointer { c in kernel.run(xb.baseAddress!, 0..<x.count, scale: S, powerOfTwo: nil, into: c.baseAddress!) }
                    }
                    for i in x.indices {
                        let want = codec.code(x[i], dividedBy: S, index: i)
                        #expect(UInt64(codes[i]) == want, "\(f) \(mode) S=\(S) x=\(x[i])")
                        if UInt64(codes[i]) != want { return }
                    }
                    // Powers of two: x · 2^-k exactly, also into float32's subnormal range.
                    for k in [-3, 0, 5, 130] {
                        var p = [UInt16](repeating: 0, count: x.count)
                        x.withUnsafeBufferPointer { xb in
                            p.withUnsafeMutableBufferPointer { c in kernel.run(xb.baseAddress!, 0..<x.count, scale: 0, powerOfTwo: k, into: c.baseAddress!) }
                        }
                        for i in x.indices {
                            let want = codec.code(x[i], timesPowerOfTwo: -k, index: i)
                            #expect(UInt64(p[i]) == want, "\(f) \(mode) 2^\(k) x=\(x[i])")
                            if UInt64(p[i]) != want { return }
                        }
                    }
                }
            }
        }
    }

    @Test("E2M1Kernel (comparison with scaled midpoints) equals the core's round(_:dividedBy:) to nearest-even and nearest-away, at and beside every midpoint")
    func e2m1Kernel() throws {
        var g = SplitMix64(seed: 9)
        // Powers of two over E8M0's range, NVFP4 scales (E4M3 × a float32), and arbitrary float32 scales.
        var scales: [Double] = [-127, -126, -100, -3, 0, 1, 7, 100, 126, 127].map { Double(sign: .plus, exponent: $0, significand: 1) }
        scales += [0.375 * Double(Float(0.0123)), 448 * Double(Float(1e-3)), 0x1p-9 * Double(Float(3.3e-7)), Double(Float(1.0 / 3)), Double(Float(1e30)), Double(Float(1e-40))]
        for _ in 0..<20 { scales.append(Double(Float(bitPattern: UInt32(truncatingIfNeeded: g.next() % 0x7F00_0000) + 0x0080_0000))) }
        for mode in [RoundingMode.nearestEven, .nearestAway] {
            let kernel = try #require(E2M1Kernel(mode: mode))
            let codec = ElementCodec(format: .float4_e2m1fn, mode: mode, seed: 0)
            for S in scales {
                guard let t = kernel.thresholds(scale: S) else { Issue.record("no thresholds for S=\(S)"); continue }
                #expect(kernel.thresholds(scale: 1.0 / 3) == nil, "t · S is not exact for a 53-bit S: the caller must take another path")
                var x: [Float] = [0, -0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude]
                for v in E2M1Kernel.midpoints + [0.5, 1, 1.5, 2, 3, 4, 6, 7, 12] {
                    let f = Float(v * S)
                    for y in [f, f.nextUp, f.nextDown] where y.isFinite { x += [y, -y] }
                }
                for _ in 0..<64 { x.append(Float(Double(Int64(bitPattern: g.next()) >> 11) * 0x1p-52 * 8 * S)) }
                var codes = [UInt8](repeating: 0xFF, count: x.count)
                x.withUnsafeBufferPointer { xb in
                    codes.withUnsafeMutableBufferPointer { c in kernel.run(xb.baseAddress!, 0..<x.count, thresholds: t, into: c.baseAddress!) }
                }
                for i in x.indices {
                    let want = codec.code(x[i], dividedBy: S, index: i)
                    #expect(UInt64(codes[i]) == want, "\(mode) S=\(S) x=\(x[i])")
                    if UInt64(codes[i]) != want { return }
                }
            }
        }
    }

    @Test("IntegerKernel's float32 floor loop (ggml's ⌊(x − m)/d + c⌋ with small ranges) equals IntegerRounding, negated and with minimums")
    func floorKernel() {
        for (trial, d) in [1.0 / 7, 0.013, 3.0, 1e-20, 2.5e15].enumerated() {
            let x = adversarial(scale: d, count: 4000, seed: UInt64(100 + trial))
            for (offset, upper, minimum, negated) in [(8.5, 15.0, Float(0), false), (8.5, 15.0, 0, true), (16.5, 31.0, 0, true),
                                                      (0.5, 15.0, Float(-3 * d), false), (0.5, 31.0, Float(-50 * d), false)] {
                let k = IntegerKernel(mode: .down, offset: offset, floorMode: true, lower: 0, upper: upper, seed: 0)
                var codes = [UInt8](repeating: 0xFF, count: x.count)
                x.withUnsafeBufferPointer { xb in
                    codes.withUnsafeMutableBufferPointer { c in
                        k.run(xb.baseAddress!, 0..<x.count, scale: d, minimum: minimum, negated: negated, into: c.baseAddress!)
                    }
                }
                for i in x.indices {
                    let sign = negated ? -1.0 : 1.0
                    let want = k.exact(sign * Double(x[i]) - Double(minimum), d, index: i)
                    #expect(Double(codes[i]) == want, "d=\(d) c=\(offset) m=\(minimum) negated=\(negated) x=\(x[i])")
                    if Double(codes[i]) != want { return }
                }
            }
        }
    }

    @Test("IntegerKernel with a magnitude bound (the clamp-free loop when the bound allows) equals IntegerRounding; canClip never misses a clipped element")
    func boundedIntegerKernel() throws {
        for (trial, amax) in [Float(1), 0.3, 1000, 3e-5].enumerated() {
            for (bits, signed, mode) in [(8, true, IntegerMode.symmetric), (4, true, .symmetric), (8, false, .symmetric), (4, true, .affine)] {
                for rounding in [RoundingMode.nearestEven, .nearestAway, .towardZero, .up, .down] {
                    var o = QuantizationOptions()
                    o.mode = mode
                    o.rounding = rounding
                    let iq = try IntegerQuantizer(bits: bits, signed: signed, options: o)
                    let p = iq.parameters(min: -amax, max: amax)
                    // Multiples of s/2 (ties for the nearest modes, integers for the others) up to the bound, and ±amax.
                    var x = adversarial(scale: p.scale, count: 3000, seed: UInt64(trial)).map { Swift.min(Swift.max($0, -amax), amax) }
                    x += [amax, -amax, amax.nextDown, -amax.nextDown]
                    let k = IntegerKernel(mode: rounding, offset: p.zeroPoint, floorMode: false, lower: p.qmin, upper: p.qmax, seed: 1)
                    var codes = [Int8](repeating: 0, count: x.count)
                    var wide = [Int16](repeating: 0, count: x.count)
                    x.withUnsafeBufferPointer { xb in
                        codes.withUnsafeMutableBufferPointer { c in k.run(xb.baseAddress!, 0..<x.count, scale: p.scale, bound: amax, into: c.baseAddress!) }
                        wide.withUnsafeMutableBufferPointer { c in k.run(xb.baseAddress!, 0..<x.count, scale: p.scale, bound: amax, into: c.baseAddress!) }
                    }
                    let clippable = iq.canClip(bound: amax, p)
                    for i in x.indices {
                        let want = k.exact(Double(x[i]), p.scale, index: i)
                        let code = signed || bits < 8 ? Double(codes[i]) : Double(UInt8(bitPattern: codes[i]))
                        #expect(code == want && Double(wide[i]) == want, "amax=\(amax) \(bits) \(mode) \(rounding) x=\(x[i])")
                        let r = iq.dequantized(x[i], p, index: i)
                        #expect(clippable || r.inRange, "canClip said no, but x=\(x[i]) clips (\(bits) \(mode) \(rounding))")
                        if code != want { return }
                    }
                }
            }
        }
    }

    @Test("the integer quantizer's kernel path and its element-by-element path agree on codes, values and the clipping mask")
    func integerQuantizerPaths() throws {
        var g = SplitMix64(seed: 31)
        let values = (0..<8192).map { _ in Float(Double(Int64(bitPattern: g.next()) >> 11) * 0x1p-52) * (g.next() % 7 == 0 ? 8 : 1) }
        let t = Tensor(name: "w", shape: [64, 128], values: values)
        for bits in [4, 8] {
            for mode in [IntegerMode.symmetric, .affine] {
                var o = QuantizationOptions()
                o.mode = mode
                o.calibration = .percentile(99)
                let iq = try IntegerQuantizer(bits: bits, signed: true, options: o)
                let layout = try GroupLayout(shape: t.shape, granularity: .channel(axis: 0))
                let q = try iq.quantize(t, layout: layout, scheme: .integer(bits: bits, signed: true))
                let dequantized = q.dequantized, inRange = q.inRange
                let ranges = try GroupRanges(t, layout: layout, calibration: o.calibration) { _, _, _ in 0 }
                for i in values.indices {
                    let g = i / 128
                    let p = iq.parameters(min: ranges.min[g], max: ranges.max[g])
                    let r = iq.dequantized(values[i], p, index: i)
                    #expect(Double(q.codes[i]) == r.code && dequantized[i] == r.value && inRange[i] == r.inRange)
                }
            }
        }
    }
}

@Suite("The one-pass integer path")
struct FusedIntegerTests {
    @Test("equals the multi-pass path (calibration, kernel, clipping) for every granularity it takes, and declines non-finite tensors")
    func fusedEqualsMultiPass() throws {
        var g = SplitMix64(seed: 44)
        let values = (0..<(32 * 96)).map { _ in Float(Double(Int64(bitPattern: g.next()) >> 11) * 0x1p-52) * (g.next() % 9 == 0 ? 10 : 1) }
        let t = Tensor(name: "w", shape: [32, 96], values: values)
        for granularity in [Granularity.tensor, .channel(axis: 0), .group(size: 40), .group(size: 32)] {
            for (bits, signed, mode) in [(8, true, IntegerMode.symmetric), (4, true, .affine), (8, false, .symmetric), (3, false, .affine)] {
                var o = QuantizationOptions()
                o.mode = mode
                o.granularity = granularity
                let iq = try IntegerQuantizer(bits: bits, signed: signed, options: o)
                let layout = try GroupLayout(shape: t.shape, granularity: granularity)
                let fused = try #require(iq.quantizeFused(t, layout: layout, scheme: .integer(bits: bits, signed: signed)))
                let multi = try iq.quantize(t, layout: layout, scheme: .integer(bits: bits, signed: signed))
                #expect(fused.codes == multi.codes && fused.scales == multi.scales && fused.offsets == multi.offsets, "\(granularity) \(bits) \(mode)")
                #expect(fused.clippedIndices == multi.clippedIndices && fused.storedBits == multi.storedBits)
            }
        }
        var o = QuantizationOptions()
        o.granularity = .channel(axis: 1)
        let layout = try GroupLayout(shape: t.shape, granularity: .channel(axis: 1))
        #expect(try IntegerQuantizer(bits: 8, signed: true, options: o).quantizeFused(t, layout: layout, scheme: .integer(bits: 8, signed: true)) == nil)
        var bad = t
        bad.values[5] = .infinity
        #expect(try IntegerQuantizer(bits: 8, signed: true, options: QuantizationOptions())
            .quantizeFused(bad, layout: GroupLayout(shape: t.shape, granularity: .channel(axis: 0)), scheme: .integer(bits: 8, signed: true)) == nil)
    }
}

@Suite("float16 scales from the bits")
struct HalfBitsTests {
    @Test("decode equals the core's decoding of every one of the 65 536 float16 encodings")
    func decodeEveryEncoding() {
        for h in 0...UInt16.max {
            let d = FloatFormat.float16.decodeUnchecked(UInt64(h))
            let want = d.value?.doubleValue ?? (d.floatClass == .nan ? .nan : (d.isNegative ? -.infinity : .infinity))
            let got = HalfBits.decode(h)
            #expect(got.bitPattern == want.bitPattern || (got.isNaN && want.isNaN), "\(h)")
        }
    }

    @Test("encode equals the core's rounding to float16 at every float16 value, midpoint and neighbour, and on random floats")
    func encodeAgainstTheCore() {
        var xs: [Float] = [.infinity, -.infinity, 65520, Float(65520).nextDown, -65520, 0x1p-25, Float(0x1p-25).nextUp, 0x1p-24 * 1.5]
        for h in UInt16(0)..<0x7C00 {
            let v = Float(HalfBits.decode(h)), next = Float(HalfBits.decode(h + 1))
            let mid = (v + next) / 2   // exact in float32
            for x in [v, v.nextUp, v.nextDown, mid, mid.nextUp, mid.nextDown] where x >= 0 { xs += [x, -x] }
        }
        var g = SplitMix64(seed: 5)
        for _ in 0..<200_000 { xs.append(Float(bitPattern: UInt32(truncatingIfNeeded: g.next()) & 0xFF7F_FFFF)) }
        var checked = 0
        for x in xs where !x.isNaN {
            let want = FloatFormat.float16.round(x).code
            #expect(UInt64(HalfBits.encode(x)) == want, "\(x)")
            checked += 1
        }
        #expect(checked > 500_000)
        #expect(HalfBits.encode(.nan) == 0x7E00 && HalfBits.encode(-.nan) == 0xFE00)
    }
}
