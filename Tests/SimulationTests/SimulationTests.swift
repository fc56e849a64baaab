import Testing
import FloatFormats
@testable import Simulation
import FloatLabTestSupport

enum E3M4: SimulatedFormat { static let format = FloatFormat.float8_e3m4 }

@Suite("Documented examples of Simulation")
struct SimulationDocumentedExamples {
    @Test func exactAccumulator() {
        var sum = ExactAccumulator(values: [.float32])
        sum.add(0x3F80_0000, in: .float32)
        sum.add(0x3380_0000, in: .float32)
        sum.add(0xBF80_0000, in: .float32)
        #expect(sum.doubleValue == 0x1p-24)
        #expect(sum.doubleValue == 5.960464477539063e-08)
    }

    @Test func floatContext() {
        var bf16 = FloatContext(format: .bfloat16)
        let one = bf16.round(1.0), tiny = bf16.round(0.001)
        #expect(bf16.value(bf16.add(one, tiny)) == 1.0)
        var sr = FloatContext(format: .bfloat16, rounding: RoundingOptions(mode: .stochastic(bits: 16)), seed: 7)
        let r = sr.value(sr.add(one, tiny))
        #expect(r == 1.0 || r == 1.0078125)
    }

    @Test func readmeLibraryExample() throws {
        let setup = SimulationSetup(kind: .dot, inputFormat: .float8_e4m3fn, accumulator: .float32)
        let r = try setup.run(.random(kind: .dot, format: .float8_e4m3fn, n: 4096, distribution: .normal, seed: 1))
        #expect(r.relativeError <= r.bound!)
        #expect(r.absoluteError <= r.absoluteBound!)
    }

    @Test func errorBound() {
        #expect(ErrorBound.unitRoundoff(.bfloat16, mode: .nearestEven) == 0.00390625)
        #expect(ErrorBound.gamma(255, unitRoundoff: 0.00390625) == 255.0)
        #expect(ErrorBound.gamma(256, unitRoundoff: 0.00390625) == nil)
    }

    @Test func simulatedFloat() {
        typealias BF16 = SimulatedFloat<Simulated.BFloat16>
        let third = BF16(1) / BF16(3)
        #expect(third.bitPattern == 16043 && third.bitPattern == 0x3EAB)
        #expect(third.doubleValue == 0.333984375)
        #expect((BF16(256) + BF16(1)).doubleValue == 256.0)
        func mean<T: SimulatedFormat>(_ xs: [SimulatedFloat<T>]) -> SimulatedFloat<T> { xs.reduce(.zero, +) / SimulatedFloat<T>(xs.count) }
        #expect(mean([BF16(1), BF16(2), BF16(4)]).doubleValue == 2.328125)
        // The same generic code in another format: 7/3 in e3m4 (5 bits) is 2.375.
        #expect(mean([SimulatedFloat<E3M4>(1), 2, 4]).doubleValue == 2.375)
    }
}

@Suite("Simulation")
struct SimulationTests {
    static func codes(_ values: [Double], _ f: FloatFormat) -> [UInt64] { values.map { f.round($0).code } }

    @Test("a bfloat16 running sum of ones stagnates at 256 = 2^p; float32 accumulation does not; stochastic rounding stays near n on average")
    func stagnation() throws {
        for n in [100, 256, 257, 1000, 5000] {
            let ones = try SimulationOperands(kind: .sum, format: .bfloat16, n: n, a: Array(repeating: 1.0, count: n))
            let bf16 = try SimulationSetup(kind: .sum, inputFormat: .bfloat16).run(ones)
            #expect(bf16.values == [Double(min(n, 256))])
            #expect(bf16.exact == [Double(n)])
            #expect(bf16.absoluteError == Double(max(0, n - 256)))
            let fp32 = try SimulationSetup(kind: .sum, inputFormat: .bfloat16, accumulator: .float32).run(ones)
            #expect(fp32.values == [Double(n)] && fp32.absoluteError == 0)
        }
        // Stochastic rounding: the expected value of each step is exact, so the mean over seeds tracks n.
        let n = 4096
        let ones = try SimulationOperands(kind: .sum, format: .bfloat16, n: n, a: Array(repeating: 1.0, count: n))
        let runs = try (0..<20).map { seed in
            try SimulationSetup(kind: .sum, inputFormat: .bfloat16, options: ArithmeticOptions(rounding: RoundingOptions(mode: .stochastic(bits: 16))),
                                seed: UInt64(seed)).run(ones).values[0]
        }
        let mean = runs.reduce(0, +) / Double(runs.count)
        #expect(abs(mean - Double(n)) < 0.1 * Double(n), "mean \(mean) of \(runs)")
        #expect(Set(runs).count > 1, "different seeds, different roundings")
    }

    @Test("each algorithm adds in its documented order: the same result as FloatFormat.add applied by hand")
    func orders() throws {
        let f = FloatFormat.float8_e4m3fn
        let values = [1.0, 0.0625, 0.0625, 0.0625, 0.0625, 3.0, -1.5]
        let t = Self.codes(values, f)
        func add(_ a: UInt64, _ b: UInt64) -> UInt64 { f.add(a, b).code }
        let recursive = t.dropFirst().reduce(t[0], add)
        // Pairwise on 7 terms splits 4 + 3: ((t0 + t1) + (t2 + t3)) + ((t4 + t5) + t6).
        let pairwise = add(add(add(t[0], t[1]), add(t[2], t[3])), add(add(t[4], t[5]), t[6]))
        // Blocked with K = 3: (t0 + t1 + t2) + (t3 + t4 + t5) + t6, each in order.
        let blocked = add(add(add(add(t[0], t[1]), t[2]), add(add(t[3], t[4]), t[5])), t[6])
        var s = t[0], c: UInt64 = 0
        for x in t.dropFirst() {
            let y = f.subtract(x, c).code
            let u = add(s, y)
            c = f.subtract(f.subtract(u, s).code, y).code
            s = u
        }
        for (algorithm, want) in [(SummationAlgorithm.recursive, recursive), (.pairwise, pairwise), (.blocked(3), blocked), (.kahan, s)] {
            var context = FloatContext(format: f)
            #expect(algorithm.sum(t, in: &context) == want, "\(algorithm)")
        }
        // The exact sum is 2.75. In e4m3fn 1 + 1/16 is a tie that goes to 1, so the running sum loses every
        // sixteenth; pairwise and blocked end on the tie 2.625, which goes to 2.5; Kahan's correction keeps them.
        #expect([recursive, pairwise, blocked, s].map(f.doubleValue) == [2.5, 2.5, 2.5, 2.75])
    }

    @Test("depth: the most additions on one term's path, counted on the actual trees for n = 1…300")
    func depths() {
        func pairwiseDepth(_ n: Int) -> Int { n <= 1 ? 0 : 1 + max(pairwiseDepth((n + 1) / 2), pairwiseDepth(n - (n + 1) / 2)) }
        for n in 1...300 {
            #expect(SummationAlgorithm.pairwise.depth(n) == pairwiseDepth(n))
            #expect(SummationAlgorithm.recursive.depth(n) == max(n - 1, 0))
            for k in [1, 4, 32] {
                let blocks = (n + k - 1) / k
                // The first element of the first block: k − 1 additions in its block (fewer when n < k), then blocks − 1.
                #expect(SummationAlgorithm.blocked(k).depth(n) == max(0, min(k, n) - 1 + blocks - 1))
            }
        }
    }

    @Test("the error never exceeds the a-priori bound: every algorithm, mode, kind and several formats on seeded data")
    func boundsHold() throws {
        let cases: [(FloatFormat, FloatFormat?)] = [(.bfloat16, nil), (.float16, nil), (.float8_e4m3fn, .float32), (.float8_e5m2, .bfloat16),
                                                    (.float32, .bfloat16), (.bfloat16, .float8_e5m2)]
        var checked = 0, withBound = 0
        for (f, acc) in cases {
            for kind in SimulationKind.allCases {
                for distribution in InputDistribution.allCases {
                    let n = kind == .gemm ? 64 : 600
                    let operands = try SimulationOperands.random(kind: kind, format: f, n: n, rows: 3, columns: 2, distribution: distribution, seed: 5)
                    for algorithm in [SummationAlgorithm.recursive, .pairwise, .kahan, .blocked(16)] {
                        for mode in [RoundingMode.nearestEven, .towardZero, .up, .stochastic(bits: 10)] {
                            let setup = SimulationSetup(kind: kind, inputFormat: f, accumulator: acc, algorithm: algorithm,
                                                        options: ArithmeticOptions(rounding: RoundingOptions(mode: mode)), seed: 9)
                            for length in [1, 2, 7, n] {
                                let r = try setup.run(operands.prefix(length))
                                checked += 1
                                guard let bound = r.absoluteBound, !r.flags.contains(.underflow), !r.flags.contains(.overflow) else { continue }
                                withBound += 1
                                #expect(r.absoluteError <= bound * (1 + 1e-12), "\(f.name)/\(acc?.name ?? "-") \(kind) \(distribution) \(algorithm) \(mode) n=\(length): \(r.absoluteError) > \(bound)")
                                if r.relativeError.isFinite, let relative = r.bound { #expect(r.relativeError <= relative * (1 + 1e-12)) }
                            }
                        }
                    }
                }
            }
        }
        #expect(checked == 6 * 4 * 3 * 4 * 4 * 4)
        #expect(withBound > checked / 2)
    }

    @Test("the errors are exact: |result − exact| from float64 arithmetic where every value is exact in float64")
    func exactErrors() throws {
        for kind in [SimulationKind.sum, .dot] {
            let operands = try SimulationOperands.random(kind: kind, format: .float8_e4m3fn, n: 500, distribution: .normal, seed: 3)
            let r = try SimulationSetup(kind: kind, inputFormat: .float8_e4m3fn, accumulator: .bfloat16).run(operands)
            // e4m3fn values are multiples of 2^-9 below 2^9, their products of 2^-18 below 2^18: 500 of them sum exactly in float64.
            let x = operands.a.map { FloatFormat.float8_e4m3fn.doubleValue($0) }
            let y = operands.b.map { FloatFormat.float8_e4m3fn.doubleValue($0) }
            let exact = kind == .sum ? x.reduce(0, +) : zip(x, y).map(*).reduce(0, +)
            #expect(r.exact == [exact])
            #expect(r.absoluteError == abs(r.values[0] - exact))
            #expect(r.relativeError == abs(r.values[0] - exact) / abs(exact))
        }
    }

    @Test("matvec and gemm are dot products of rows and columns, output by output")
    func matrices() throws {
        let f = FloatFormat.bfloat16
        let (m, n, p) = (3, 50, 4)
        let gemm = try SimulationOperands.random(kind: .gemm, format: f, n: n, rows: m, columns: p, distribution: .uniform, seed: 2)
        let setup = SimulationSetup(kind: .gemm, inputFormat: f, algorithm: .pairwise)
        let r = try setup.run(gemm)
        #expect(r.values.count == m * p)
        let A = gemm.a.map { f.doubleValue($0) }, B = gemm.b.map { f.doubleValue($0) }
        for i in 0..<m {
            for j in 0..<p {
                let row = Array(A[(i * n)..<(i * n + n)]), column = (0..<n).map { B[$0 * p + j] }
                let dot = try SimulationSetup(kind: .dot, inputFormat: f, algorithm: .pairwise)
                    .run(SimulationOperands(kind: .dot, format: f, n: n, a: row, b: column))
                #expect(dot.results == [r.results[i * p + j]])
                #expect(dot.exact == [r.exact[i * p + j]])
            }
        }
        let worst = zip(r.values, r.exact).map { abs($0 - $1) }.max()!
        #expect(r.absoluteError == worst)
        #expect(r.relativeError == worst / r.exact.map(abs).max()!)
    }

    @Test("a sweep's lengths, and its runs on the leading terms of the same operands")
    func sweeps() throws {
        #expect(try SimulationSetup.sweepLengths(from: 16, to: 100) == [16, 32, 64, 100])
        #expect(try SimulationSetup.sweepLengths(from: 4, to: 4) == [4])
        #expect(throws: SimulationError.self) { try SimulationSetup.sweepLengths(from: 5, to: 2) }
        let operands = try SimulationOperands.random(kind: .dot, format: .float16, n: 64, distribution: .normal, seed: 8)
        let setup = SimulationSetup(kind: .dot, inputFormat: .float16)
        let sweep = try setup.sweep(operands, lengths: [8, 64])
        let short = try SimulationOperands.random(kind: .dot, format: .float16, n: 8, distribution: .normal, seed: 8)
        #expect(sweep[0].results == (try setup.run(short)).results)
        #expect(sweep[1].n == 64)
        #expect(throws: SimulationError.self) { try setup.sweep(operands, lengths: [65]) }
    }

    @Test("operands from arrays: the shapes each kind takes, and clear refusals")
    func operandsFromArrays() throws {
        let f = FloatFormat.float32
        let two = try SimulationOperands(kind: .dot, format: f, arrays: [([1, 2, 3, 4, 5, 6], [2, 3])], names: ["xy.npy"])
        #expect(two.n == 3 && two.a == Self.codes([1, 2, 3], f) && two.b == Self.codes([4, 5, 6], f))
        let mv = try SimulationOperands(kind: .matvec, format: f, arrays: [([1, 2, 3, 4, 5, 6], [2, 3]), ([1, 1, 1], [3])], names: ["A", "x"])
        #expect(mv.rows == 2 && mv.n == 3)
        let r = try SimulationSetup(kind: .matvec, inputFormat: f).run(mv)
        #expect(r.values == [6, 15])
        func refusal(_ kind: SimulationKind, _ arrays: [([Double], [Int])]) -> String {
            do { _ = try SimulationOperands(kind: kind, format: f, arrays: arrays.map { (values: $0.0, shape: $0.1) }, names: ["a.npy", "b.npy"]); return "" }
            catch { return error.message }
        }
        #expect(refusal(.dot, [([1, 2, 3], [3])]).contains("shape (2, n)"))
        #expect(refusal(.dot, [([1, 2], [2]), ([1], [1])]).contains("one length"))
        #expect(refusal(.matvec, [([1, 2], [2]), ([1], [1])]).contains("a.npy must be an m×n matrix"))
        #expect(refusal(.gemm, [([1, 2], [1, 2]), ([1], [1, 1])]).contains("b.npy must be a matrix of 2 rows"))
        #expect(refusal(.sum, []).contains("one array"))
    }

    @Test("seeded distributions: in their ranges, reproducible, longer runs extend shorter ones")
    func distributions() {
        let u = InputDistribution.uniform.values(count: 10_000, seed: 4)
        #expect(u.allSatisfy { $0 >= -1 && $0 < 1 })
        #expect(InputDistribution.positive.values(count: 10_000, seed: 4).allSatisfy { $0 > 0 && $0 <= 1 })
        let z = InputDistribution.normal.values(count: 20_000, seed: 4)
        let mean = z.reduce(0, +) / Double(z.count), variance = z.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(z.count)
        #expect(abs(mean) < 0.03 && abs(variance - 1) < 0.05)
        #expect(Array(InputDistribution.normal.values(count: 100, seed: 4)) == Array(z.prefix(100)))
        #expect(InputDistribution.normal.values(count: 10, seed: 4, stream: 1) != Array(z.prefix(10)))
    }

    @Test("SimulatedFloat computes as the core does, bit for bit, and compares by value")
    func simulatedFloat() {
        typealias E5M2 = SimulatedFloat<Simulated.E5M2>
        let f = FloatFormat.float8_e5m2
        for a in 0...f.encodingMask { for b in stride(from: UInt64(0), through: f.encodingMask, by: 7) {
            let x = E5M2(bitPattern: a), y = E5M2(bitPattern: b)
            #expect((x + y).bitPattern == f.add(a, b).code)
            #expect((x - y).bitPattern == f.subtract(a, b).code)
            #expect((x * y).bitPattern == f.multiply(a, b).code)
            #expect((x / y).bitPattern == f.divide(a, b).code)
            #expect(x.addingProduct(y, y).bitPattern == f.fusedMultiplyAdd(b, b, a).code)
        } }
        #expect(E5M2(bitPattern: 0x80) == E5M2(bitPattern: 0x00))
        #expect(Set([E5M2(bitPattern: 0x80), E5M2(bitPattern: 0x00)]).count == 1)
        #expect(E5M2(bitPattern: 0x7E) != E5M2(bitPattern: 0x7E), "NaN is not equal to itself")
        #expect(-E5M2(1.5) < E5M2(1))
        #expect(E5M2(2).squareRoot().doubleValue == 1.5)   // √2 = 1.414… to 3 bits
        #expect(E5M2(exactly: 7) == E5M2(7) && E5M2(exactly: 9) == nil)   // 7 fits in 3 bits, 9 needs 4
    }

    @Test("negation: the sign flipped, except zero without −0 and NaNs whose flipped pattern is not a NaN")
    func negation() {
        #expect(FloatFormat.float8_e4m3fnuz.negate(0x00) == 0x00)
        #expect(FloatFormat.float8_e4m3fnuz.negate(0x80) == 0x80)
        #expect(FloatFormat.float8_e4m3fnuz.negate(0x38) == 0xB8)
        #expect(FloatFormat.float8_e4m3fn.negate(0x7F) == 0xFF)
        #expect(FloatFormat.float32.negate(0) == 0x8000_0000)
        #expect(FloatFormat.float8_e8m0fnu.negate(0x7F) == 0x7F)
    }
}

@Suite("Simulation fast paths")
struct SimulationFastPathTests {
    @Test("the fast paths (float64 carrier, recursive kernel) give the bit-level path's results and flags, bit for bit",
          arguments: [(FloatFormat.bfloat16, FloatFormat.float32), (.bfloat16, .bfloat16), (.float8_e4m3fn, .float32), (.float8_e4m3fn, .bfloat16),
                      (.float8_e5m2, .float16), (.float16, .float16), (.float4_e2m1fn, .bfloat16), (.float8_e4m3fnuz, .float8_e5m2)])
    func fastEqualsBits(input: FloatFormat, accumulator: FloatFormat) throws {
        for kind in SimulationKind.allCases {
            for distribution in InputDistribution.allCases {
                var operands = try SimulationOperands.random(kind: kind, format: input, n: kind == .gemm ? 40 : 700, rows: 3, columns: 2,
                                                             distribution: distribution, seed: 12)
                if distribution == .normal && kind == .dot {
                    // Specials and extremes in the data: zeros, the largest value, a NaN or an infinity where there is one.
                    var a = operands.a.map { input.doubleValue($0) }
                    a[3] = 0; a[4] = -0.0; a[5] = input.maxFinite.doubleValue; a[6] = input.maxFinite.doubleValue
                    if input.hasInfinity { a[9] = .infinity } else if input.hasNaN { a[9] = .nan }
                    operands = try SimulationOperands(kind: .dot, format: input, n: operands.n, a: a, b: operands.b.map { input.doubleValue($0) })
                }
                for algorithm in [SummationAlgorithm.recursive, .pairwise, .kahan] {
                    for mode in [RoundingMode.nearestEven, .towardZero, .up, .stochastic(bits: 8), .stochastic(bits: 16)] {
                        var setup = SimulationSetup(kind: kind, inputFormat: input, accumulator: accumulator, algorithm: algorithm,
                                                    options: ArithmeticOptions(rounding: RoundingOptions(mode: mode)), seed: 4)
                        let fast = try setup.run(operands)
                        setup.fastPaths = false
                        let bits = try setup.run(operands)
                        #expect(fast.results == bits.results && fast.flags == bits.flags,
                                "\(input.name)→\(accumulator.name) \(kind) \(distribution) \(algorithm) \(mode): \(fast.results.prefix(3)) \(fast.flags) vs \(bits.results.prefix(3)) \(bits.flags)")
                    }
                }
            }
        }
    }

    @Test("long recursive sums and dot products, across the kernel's blocks of 1024, equal the bit-level path: every distribution, four modes, specials and cancellation placed in later blocks",
          arguments: [(FloatFormat.bfloat16, FloatFormat.bfloat16), (.float8_e4m3fn, .bfloat16), (.bfloat16, .float32), (.float16, .float16), (.float8_e5m2, .float16), (.float8_e4m3fn, .tfloat32)])
    func longReductions(input: FloatFormat, accumulator: FloatFormat) throws {
        for kind in [SimulationKind.sum, .dot] {
            for distribution in InputDistribution.allCases {
                let n = 5000
                var operands = try SimulationOperands.random(kind: kind, format: input, n: n, distribution: distribution, seed: 3)
                var a = operands.a.map { input.doubleValue($0) }
                if distribution == .normal {
                    // A cancellation back to zero, zeros, the largest value and a NaN or infinity, all after the first block.
                    a[1500] = 0; a[1501] = -0.0
                    a[2500] = input.maxFinite.doubleValue
                    a[2501] = -input.maxFinite.doubleValue
                    if input.hasNaN { a[4000] = .nan }
                }
                operands = try SimulationOperands(kind: kind, format: input, n: n, a: a, b: operands.b.map { input.doubleValue($0) })
                for mode in [RoundingMode.nearestEven, .towardZero, .stochastic(bits: 8), .stochastic(bits: 16)] {
                    var setup = SimulationSetup(kind: kind, inputFormat: input, accumulator: accumulator,
                                                options: ArithmeticOptions(rounding: RoundingOptions(mode: mode)), seed: 9)
                    let fast = try setup.sweep(operands, lengths: [1024, 1025, 3000, n])
                    setup.fastPaths = false
                    let bits = try setup.sweep(operands, lengths: [1024, 1025, 3000, n])
                    #expect(fast.map(\.results) == bits.map(\.results) && fast.map(\.flags) == bits.map(\.flags),
                            "\(input.name)→\(accumulator.name) \(kind) \(distribution) \(mode): \(fast.map(\.results)) \(fast.map(\.flags)) vs \(bits.map(\.results)) \(bits.map(\.flags))")
                }
            }
        }
    }

    @Test("running values at a power of two with small terms of either sign: the biased nearest-even loop's edge, equal to the bit-level path")
    func powersOfTwo() throws {
        let small: [Double] = [0.25, 0.375, 0.5, 0.625, 0.75, 1, 1.5, 2, 3]
        var g = SplitMix64(seed: 8)
        for accumulator in [FloatFormat.bfloat16, .float16, .float32] {
            for e in [3, 12] {
                let top = Double(sign: .plus, exponent: e, significand: 1)
                for sign in [1.0, -1.0] {
                    for first in small {
                        // 2^e (or −2^e), one small term, then a walk of small terms scaled to the ulp near 2^e.
                        let scale = Double(sign: .plus, exponent: e - accumulator.precision + 1, significand: 1)
                        var values = [sign * top, -sign * first * scale]
                        for _ in 0..<30 { values.append((g.next() & 1 == 0 ? 1 : -1) * small[Int(g.next() % UInt64(small.count))] * scale) }
                        let operands = try SimulationOperands(kind: .sum, format: .float32, n: values.count, a: values)
                        var setup = SimulationSetup(kind: .sum, inputFormat: .float32, accumulator: accumulator)
                        setup.inputFormat = .bfloat16
                        let input = try SimulationOperands(kind: .sum, format: .bfloat16, n: values.count, a: operands.a.map { FloatFormat.float32.doubleValue($0) })
                        let fast = try setup.sweep(input, lengths: [2, 3, 10, values.count])
                        setup.fastPaths = false
                        let bits = try setup.sweep(input, lengths: [2, 3, 10, values.count])
                        #expect(fast.map(\.results) == bits.map(\.results) && fast.map(\.flags) == bits.map(\.flags), "\(accumulator.name) 2^\(e) \(sign) \(first)")
                    }
                }
            }
        }
    }

    @Test("the recursive kernel serves the benchmark's configurations: bfloat16 and e4m3fn inputs, float32 and bfloat16 accumulators, nearest-even and stochastic")
    func kernelCoverage() {
        for input in [FloatFormat.bfloat16, .float8_e4m3fn] { for accumulator in [FloatFormat.float32, .bfloat16] {
            for mode in [RoundingMode.nearestEven, .stochastic(bits: 16)] {
                #expect(RecursiveKernel(SimulationSetup(kind: .dot, inputFormat: input, accumulator: accumulator,
                                                        options: ArithmeticOptions(rounding: RoundingOptions(mode: mode)))) != nil)
            }
        } }
        #expect(RecursiveKernel(SimulationSetup(kind: .dot, inputFormat: .float32)) == nil, "inputs of up to 16 bits only")
        #expect(RecursiveKernel(SimulationSetup(kind: .dot, inputFormat: .bfloat16, algorithm: .pairwise)) == nil)
    }

    @Test("a running bfloat16 sum near the top of the range and in the subnormals: the kernel hands those to the bit path")
    func extremes() throws {
        for values in [Array(repeating: 1e38, count: 50), Array(repeating: 3e-39, count: 50) + [-1e-38, 2e-40]] {
            for (mode, accumulator) in [(RoundingMode.nearestEven, FloatFormat.bfloat16), (.stochastic(bits: 16), .bfloat16), (.towardZero, .bfloat16),
                                        (.nearestEven, .float32), (.stochastic(bits: 16), .float32)] {
                let operands = try SimulationOperands(kind: .sum, format: .bfloat16, n: values.count, a: values)
                var setup = SimulationSetup(kind: .sum, inputFormat: .bfloat16, accumulator: accumulator,
                                            options: ArithmeticOptions(rounding: RoundingOptions(mode: mode)), seed: 2)
                #expect(RecursiveKernel(setup) != nil)
                let fast = try setup.run(operands)
                setup.fastPaths = false
                let bits = try setup.run(operands)
                #expect(fast.results == bits.results && fast.flags == bits.flags, "\(mode) \(fast.flags) \(bits.flags)")
            }
        }
    }
}

@Suite("Expressions")
struct ExpressionTests {
    @Test("documented example")
    func documented() throws {
        let e = try Expression(parsing: "(0.1 + 0.2) * x")
        #expect(e.description == "((0.1 + 0.2) × x)")
        #expect(e.variables == ["x"])
    }

    @Test("precedence, associativity, signs, exponents and functions")
    func grammar() throws {
        #expect(try Expression(parsing: "1 + 2 * 3").description == "(1 + (2 × 3))")
        #expect(try Expression(parsing: "8 / 4 / 2").description == "((8 ÷ 4) ÷ 2)")
        #expect(try Expression(parsing: "1 - 2 - 3").description == "((1 − 2) − 3)")
        #expect(try Expression(parsing: "-0.1 × 2").description == "(-0.1 × 2)")
        #expect(try Expression(parsing: "-(x)").description == "−x")
        #expect(try Expression(parsing: "1e-3 + 0x1.8p-3 - 0x1e-3").description == "(((1e-3 + 0x1.8p-3) − 0x1e) − 3)")
        #expect(try Expression(parsing: "sqrt(fma(a, b, c)) ÷ inf").description == "(sqrt(fma(a, b, c)) ÷ inf)")
    }

    @Test("syntax errors name the place and the grammar")
    func errors() {
        func message(_ text: String) -> String {
            do { _ = try Expression(parsing: text); return "" } catch { return error.message }
        }
        #expect(message("(1 + 2").contains("closing parenthesis"))
        #expect(message("1 +").contains("at the end"))
        #expect(message("1 $ 2").contains("character 3"))
        #expect(message("pow(2, 3)").contains("unknown function 'pow'"))
        #expect(message("sqrt(1, 2)").contains("one argument"))
        #expect(message("").contains("empty"))
    }
}
