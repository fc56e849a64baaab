import FloatFormats

/// The simulator's recursive sums and dot products with the accumulator
/// carried in a float64 register: bit for bit what `FloatContext` computes,
/// flags included, several times faster.
///
/// Why it is exact. Every input value and every product of two is a
/// float64 (2p ≤ 53, in range). A value of the accumulator plus a rounded
/// term is exact in float64 when their exponents differ by at most
/// 52 − p′; each rounding into the accumulator is then done on the float64's
/// bits: nearest-even by adding half an ulp less one plus the last kept bit,
/// toward zero by clearing, stochastic by adding the top `bits` bits of the
/// discarded fraction to the random integer, as the core does. That is only
/// taken where the result is a normal number below the accumulator's top
/// binade; everything else (a sum that float64 would round, zeros that
/// cancel, subnormal, overflowing or special values) is handed to the
/// core's bit-level operation with the same random integer, so the two
/// paths cannot disagree. Inexact is raised when discarded bits are not
/// zero; every other flag can only come from the bit-level operations.
///
/// With nearest-even rounding into float32, the additions run on hardware
/// float32 instead, a block of 1024 terms at a time: float32's own addition
/// is the operation, the error of each step is found by TwoSum off the
/// critical path for the inexact flag (until it is raised), and a block in
/// which anything leaves the normal range (a subnormal, an overflow, an
/// infinity or NaN) is redone on the float64 carrier above from its starting
/// value. With nearest-even into any other accumulator (bfloat16, float16,
/// tf32, …), the running value is kept biased in float64 so that float64's
/// own addition rounds it (`biasedNearestEven`, RecursiveBlocks.swift).
public struct RecursiveKernel: Sendable {
    let input: FloatFormat, accumulator: FloatFormat
    let options: ArithmeticOptions
    let stream: RandomStream
    let table: [Double]
    private let floatTable: [Float]?          // the input values as float32, when they all are
    enum Rule { case nearestEven, towardZero, stochastic(Int) }
    let rule: Rule
    private enum Native { case float32 }
    private let native: Native?
    let discarded: Int                // float64 fraction bits below the accumulator's precision
    let lowest: UInt64, highest: UInt64   // biased float64 exponents of normal, below-top-binade results
    let exactSumSpan: Int
    let convertsTerms: Bool                   // sum: terms are rounded into the accumulator (false when the formats agree)

    /// The kernel for a setup, or nil where it does not apply: recursive
    /// summation, inputs of up to 16 bits, an IEEE-style accumulator of up to
    /// 51 bits of precision in float64's range, nearest-even, toward-zero or
    /// stochastic rounding, inputs not flushed.
    public init?(_ setup: SimulationSetup) {
        let f = setup.inputFormat, a = setup.accumulator, r = setup.options.rounding
        guard case .recursive = setup.algorithm, f.bitWidth <= 16, a.specials == .ieee, a.isSigned,
              !r.flushSubnormalInputs, a.precision <= 51,
              2 * f.precision <= 53, 2 * (f.emin - f.fractionBits) >= -1022, 2 * (f.emax + 1) <= 1023,
              a.emin - a.fractionBits >= -1022, a.emax + 1 <= 1023 else { return nil }
        switch r.mode {
        case .nearestEven: rule = .nearestEven
        case .towardZero: rule = .towardZero
        case .stochastic(let bits) where bits <= 52 - a.fractionBits: rule = .stochastic(bits)
        default: return nil
        }
        input = f
        accumulator = a
        options = setup.options
        stream = RandomStream(seed: setup.seed)
        table = (0...f.encodingMask).map { f.doubleValue($0) }
        let inFloat32 = f.precision <= 24 && f.emax <= 127 && f.emin - f.fractionBits >= -149
        floatTable = inFloat32 ? table.map { Float($0) } : nil
        let float32Range = a.emin == -126 && a.emax == 127
        if inFloat32, case .nearestEven = rule, float32Range {
            native = a.precision == 24 ? .float32 : nil
        } else {
            native = nil
        }
        discarded = 52 - a.fractionBits
        lowest = UInt64(1023 + a.emin)
        highest = UInt64(1023 + a.emax - 1)
        exactSumSpan = 52 - a.precision
        convertsTerms = setup.inputFormat != setup.accumulator
    }

    /// Σ x[k·sx]·y[k·sy] for k < n (or Σ x[k·sx] when `y` is nil), products
    /// and additions rounded into the accumulator in recursive order; the
    /// random integers from `drawBase` on, as `FloatContext` draws them
    /// (terms first, then additions). Returns the accumulator's encoding.
    public func reduce(_ x: UnsafePointer<UInt8>, stride sx: Int, _ y: UnsafePointer<UInt8>?, stride sy: Int,
                       count n: Int, drawBase: UInt64, flags: inout ExceptionFlags) -> UInt64 {
        y.map { dispatch(x, sx, $0, sy, dot: true, n, drawBase, &flags) } ?? dispatch(x, sx, x, 0, dot: false, n, drawBase, &flags)
    }

    public func reduce(_ x: UnsafePointer<UInt16>, stride sx: Int, _ y: UnsafePointer<UInt16>?, stride sy: Int,
                       count n: Int, drawBase: UInt64, flags: inout ExceptionFlags) -> UInt64 {
        y.map { dispatch(x, sx, $0, sy, dot: true, n, drawBase, &flags) } ?? dispatch(x, sx, x, 0, dot: false, n, drawBase, &flags)
    }

    public func reduce(_ x: UnsafePointer<UInt64>, stride sx: Int, _ y: UnsafePointer<UInt64>?, stride sy: Int,
                       count n: Int, drawBase: UInt64, flags: inout ExceptionFlags) -> UInt64 {
        y.map { dispatch(x, sx, $0, sy, dot: true, n, drawBase, &flags) } ?? dispatch(x, sx, x, 0, dot: false, n, drawBase, &flags)
    }

    /// The running state: the accumulator's value, or its encoding when it is not finite; whether a term came yet.
    struct State {
        var acc = 0.0
        var code: UInt64? = nil
        var started = false
        var inexact: UInt64 = 0
    }

    @inline(__always)
    private func dispatch<T: FixedWidthInteger>(_ x: UnsafePointer<T>, _ sx: Int, _ y: UnsafePointer<T>, _ sy: Int, dot: Bool,
                                                _ n: Int, _ drawBase: UInt64, _ flags: inout ExceptionFlags) -> UInt64 {
        var state = State()
        table.withUnsafeBufferPointer { t in
            if native != nil, let floatTable {
                floatTable.withUnsafeBufferPointer { ft in
                    var k = 0
                    while k < n {
                        let end = min(k + 1024, n)
                        let saved = state
                        let ok = nativeBlock(x, sx, y, sy, dot, k..<end, ft, &state)
                        if !ok {
                            state = saved
                            careful(x, sx, y, sy, dot, k..<end, n, drawBase, t, &state, &flags, NearestEvenBits(discarded: discarded))
                        }
                        k = end
                    }
                }
                return
            }
            switch rule {
            case .nearestEven: biasedNearestEven(x, sx, y, sy, dot, 0..<n, n, drawBase, t, &state, &flags)
            case .towardZero: careful(x, sx, y, sy, dot, 0..<n, n, drawBase, t, &state, &flags, TowardZeroBits(discarded: discarded))
            case .stochastic(let b): careful(x, sx, y, sy, dot, 0..<n, n, drawBase, t, &state, &flags, StochasticBits(discarded: discarded, bits: b))
            }
        }
        if state.inexact != 0 { flags.formUnion(.inexact) }
        if !state.started { return accumulator.hasZero ? 0 : accumulator.round(0.0).code }
        return state.code ?? code(state.acc)
    }

    @inline(__always) private func code(_ v: Double) -> UInt64 { accumulator.round(v).code }

    // MARK: The float64 carrier

    /// The constants of the float64 carrier, in registers for the loop.
    struct Carrier {
        let lowest: UInt64, highest: UInt64, span: Int

        /// Rounds a float64 into the accumulator on its bits, or nil where the
        /// bit-level path must decide. `inexact` collects discarded bits.
        @inline(__always) func round<R: BitRounding>(_ s: Double, random: UInt64, inexact: inout UInt64, _ r: R) -> Double? {
            let bits = s.bitPattern
            let e = (bits &>> 52) & 0x7FF
            guard e &- lowest <= highest &- lowest else { return nil }   // lowest ≤ e ≤ highest, one comparison
            inexact |= bits & r.mask
            return Double(bitPattern: r.round(bits, random: random))
        }

        /// Whether a float64 is a normal value of the accumulator below its top binade.
        @inline(__always) func inRange(_ s: Double) -> Bool {
            let e = (s.bitPattern &>> 52) & 0x7FF
            return e &- lowest <= highest &- lowest
        }
    }

    @inline(__always)
    func careful<T: FixedWidthInteger, R: BitRounding>(
        _ x: UnsafePointer<T>, _ sx: Int, _ y: UnsafePointer<T>, _ sy: Int, _ dot: Bool, _ range: Range<Int>, _ n: Int,
        _ drawBase: UInt64, _ table: UnsafeBufferPointer<Double>, _ state: inout State, _ flags: inout ExceptionFlags, _ rule: R
    ) {
        let a = accumulator, f = input, o = options
        let mask = f.encodingMask
        let termDraws = (dot || convertsTerms) ? UInt64(n) : 0
        let stream = self.stream, convertsTerms = self.convertsTerms
        let carrier = Carrier(lowest: lowest, highest: highest, span: exactSumSpan)
        // Products (or converted inputs) that the accumulator holds exactly need only the range check.
        let exactTerms = dot ? 2 * f.precision <= a.precision : f.precision <= a.precision
        var acc = state.acc, accCode = state.code, started = state.started, inexact = state.inexact
        let gapScale = Double(sign: .plus, exponent: carrier.span - 1, significand: 1)
        var k = range.lowerBound
        while k < range.upperBound {
            // The common case, tight: an exact product in range, an exact float64 sum, rounded on the bits.
            if dot && started && accCode == nil {
                while k < range.upperBound {
                    let raw = table[Int(UInt64(truncatingIfNeeded: x[k &* sx]) & mask)] * table[Int(UInt64(truncatingIfNeeded: y[k &* sy]) & mask)]
                    guard carrier.inRange(raw) else { break }
                    var term = raw
                    if !exactTerms {
                        inexact |= raw.bitPattern & rule.mask
                        term = Double(bitPattern: rule.round(raw.bitPattern, random: R.isStochastic ? stream[drawBase &+ UInt64(k)] : 0))
                    }
                    guard abs(term) * gapScale >= abs(acc), abs(acc) * gapScale >= abs(term) else { break }
                    let sum = acc + term
                    guard carrier.inRange(sum) else { break }
                    let bits = sum.bitPattern
                    inexact |= bits & rule.mask
                    acc = Double(bitPattern: rule.round(bits, random: R.isStochastic ? stream[drawBase &+ termDraws &+ UInt64(k &- 1)] : 0))
                    k += 1
                }
                if k == range.upperBound { break }
            }
            // One term the general way.
            repeat {
                let cx = UInt64(truncatingIfNeeded: x[k &* sx]) & mask
                let cy = dot ? UInt64(truncatingIfNeeded: y[k &* sy]) & mask : 0
                // The term: x·y (or x) rounded into the accumulator.
                let raw = dot ? table[Int(cx)] * table[Int(cy)] : table[Int(cx)]
                var term: Double
                var termCode: UInt64? = nil
                if raw == 0 {
                    term = raw
                } else if (!convertsTerms && !dot) || (exactTerms && carrier.inRange(raw)) {
                    term = raw
                    if !raw.isFinite { termCode = cx }
                } else if let t = carrier.round(raw, random: R.isStochastic && termDraws != 0 ? stream[drawBase &+ UInt64(k)] : 0,
                                                inexact: &inexact, rule) {
                    term = t
                } else {
                    let termRandom = R.isStochastic && termDraws != 0 ? stream[drawBase &+ UInt64(k)] : 0
                    let r = !dot ? ((try? a.convert(cx, from: f, options: o.rounding, random: termRandom))
                                    ?? RoundedResult(code: a.canonicalNaN ?? 0, flags: .invalid))
                                 : a.multiply(cx, cy, from: f, options: o, random: termRandom)
                    flags.formUnion(r.flags)
                    term = a.doubleValue(r.code)
                    if !term.isFinite { termCode = r.code }
                }
                if !started {
                    acc = term
                    accCode = termCode
                    started = true
                    continue
                }
                let addRandom = R.isStochastic ? stream[drawBase &+ termDraws &+ UInt64(k &- 1)] : 0
                // The addition: exact in float64 when the exponents are close; then rounded on the bits.
                if accCode == nil && termCode == nil {
                    if term == 0 && acc != 0 { continue }               // x + 0 = x exactly
                    if acc == 0 && term != 0 { acc = term; continue }   // 0 + t = t exactly
                    let ea = Int(truncatingIfNeeded: (acc.bitPattern &>> 52) & 0x7FF), et = Int(truncatingIfNeeded: (term.bitPattern &>> 52) & 0x7FF)
                    let gap = ea &- et
                    if acc != 0 && term != 0 && gap <= carrier.span && gap >= -carrier.span,
                       let s = carrier.round(acc + term, random: addRandom, inexact: &inexact, rule) {
                        acc = s
                        continue
                    }
                }
                let r = a.add(accCode ?? code(acc), termCode ?? code(term), options: o, random: addRandom)
                flags.formUnion(r.flags)
                let v = a.doubleValue(r.code)
                acc = v
                accCode = v.isFinite ? nil : r.code
        
            } while false
            k += 1
        }
        state = State(acc: acc, code: accCode, started: started, inexact: inexact)
    }

    // MARK: Hardware float32

    /// One block on hardware float32 with nearest-even; false (and the state
    /// untouched for the caller to restore) when anything left the normal range.
    @inline(__always)
    private func nativeBlock<T: FixedWidthInteger>(
        _ x: UnsafePointer<T>, _ sx: Int, _ y: UnsafePointer<T>, _ sy: Int, _ dot: Bool, _ range: Range<Int>,
        _ table: UnsafeBufferPointer<Float>, _ state: inout State
    ) -> Bool {
        guard state.code == nil else { return false }
        let mask = input.encodingMask
        var acc = Float(state.acc)
        var started = state.started
        var k = range.lowerBound
        // Every value below is kept as a float32 of the accumulator; "odd" collects anything outside the normal range.
        var odd = false
        var inexact: UInt32 = state.inexact == 0 ? 0 : 1
        @inline(__always) func term(_ k: Int) -> (Float, UInt32) {
            let fx = table[Int(UInt64(truncatingIfNeeded: x[k &* sx]) & mask)]
            guard dot else { return (fx, 0) }
            let fy = table[Int(UInt64(truncatingIfNeeded: y[k &* sy]) & mask)]
            let p = fx * fy
            // Inexact when float32 rounded the product.
            return (p, Double(fx) * Double(fy) != Double(p) ? 1 : 0)
        }
        @inline(__always) func normal(_ v: Float) -> Bool {
            let e = (v.bitPattern &>> 23) & 0xFF
            return (e != 0 && e != 0xFF) || v == 0
        }
        if !started && k < range.upperBound {
            let (t, lost) = term(k)
            inexact |= lost
            odd = odd || !normal(t)
            acc = t
            started = true
            k += 1
        }
        if inexact != 0 {
            // The flag is raised already: nothing more to track but the range.
            while k < range.upperBound {
                let (t, _) = term(k)
                let s = acc + t
                odd = odd || !normal(t) || !normal(s)
                acc = s
                k += 1
            }
        } else {
            while k < range.upperBound {
                let (t, lost) = term(k)
                let s = acc + t
                // TwoSum: the exact error of the float32 addition.
                let bb = s - acc
                let e = (acc - (s - bb)) + (t - bb)
                inexact |= lost | (e.bitPattern & 0x7FFF_FFFF)
                odd = odd || !normal(t) || !normal(s)
                acc = s
                k += 1
            }
        }
        if odd { return false }
        state = State(acc: Double(acc), code: nil, started: started, inexact: inexact == 0 ? 0 : 1)
        return true
    }
}

/// A rounding of a float64's bits into the accumulator's precision (its
/// normal range): the low `discarded` fraction bits (`mask`) dropped.
protocol BitRounding {
    static var isStochastic: Bool { get }
    var mask: UInt64 { get }
    func round(_ bits: UInt64, random: UInt64) -> UInt64
}

struct NearestEvenBits: BitRounding {
    let mask: UInt64, discarded: UInt64
    init(discarded d: Int) { discarded = UInt64(d); mask = (UInt64(1) &<< UInt64(d)) &- 1 }
    static var isStochastic: Bool { false }
    @inline(__always) func round(_ bits: UInt64, random: UInt64) -> UInt64 {
        (bits &+ (mask &>> 1) &+ ((bits &>> discarded) & 1)) & ~mask
    }
}

struct TowardZeroBits: BitRounding {
    let mask: UInt64
    init(discarded d: Int) { mask = (UInt64(1) &<< UInt64(d)) &- 1 }
    static var isStochastic: Bool { false }
    @inline(__always) func round(_ bits: UInt64, random: UInt64) -> UInt64 { bits & ~mask }
}

/// The core's stochastic rounding: the top `bits` discarded bits plus a
/// random integer of `bits` bits, a carry rounding away from zero. On the
/// bits: add the random integer just below the last kept bit and clear the
/// discarded bits. The discarded bits under the top `bits` cannot carry
/// (zeros are added to them), so they are ignored as the core ignores them;
/// a carry out of the fraction moves into the exponent, which is the next
/// value up (the truncation that follows keeps it exact, the excess being
/// under an ulp).
struct StochasticBits: BitRounding {
    let mask: UInt64, randomMask: UInt64, randomShift: UInt64
    init(discarded d: Int, bits b: Int) {
        mask = (UInt64(1) &<< UInt64(d)) &- 1
        randomMask = (UInt64(1) &<< UInt64(b)) &- 1
        randomShift = UInt64(d - b)
    }
    static var isStochastic: Bool { true }
    @inline(__always) func round(_ v: UInt64, random: UInt64) -> UInt64 {
        (v &+ ((random & randomMask) &<< randomShift)) & ~mask
    }
}
