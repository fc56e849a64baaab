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
struct RecursiveKernel: Sendable {
    let input: FloatFormat, accumulator: FloatFormat
    let options: ArithmeticOptions
    let stream: RandomStream
    private let table: [Double]
    private enum Rule { case nearestEven, towardZero, stochastic(Int) }
    private let rule: Rule
    private let discarded: Int            // float64 fraction bits below the accumulator's precision
    private let lowest: UInt64, highest: UInt64   // biased float64 exponents of normal, below-top-binade results
    private let exactSumSpan: Int
    let convertsTerms: Bool               // sum: terms are rounded into the accumulator (false when the formats agree)

    init?(_ setup: SimulationSetup) {
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
        discarded = 52 - a.fractionBits
        lowest = UInt64(1023 + a.emin)
        highest = UInt64(1023 + a.emax - 1)
        exactSumSpan = 52 - a.precision
        convertsTerms = setup.inputFormat != setup.accumulator
    }

    /// Rounds a float64 into the accumulator on its bits, or nil where the
    /// bit-level path must decide. `inexact` collects discarded bits.
    @inline(__always) private func round(_ s: Double, random: UInt64, inexact: inout UInt64) -> Double? {
        let bits = s.bitPattern
        let e = (bits >> 52) & 0x7FF
        guard e >= lowest && e <= highest else { return nil }
        let mask = (UInt64(1) << UInt64(discarded)) &- 1
        let dropped = bits & mask
        inexact |= dropped
        switch rule {
        case .nearestEven:
            let lsb = (bits >> UInt64(discarded)) & 1
            return Double(bitPattern: (bits &+ (mask >> 1) &+ lsb) & ~mask)
        case .towardZero:
            return Double(bitPattern: bits & ~mask)
        case .stochastic(let b):
            let top = dropped >> UInt64(discarded - b)
            let carry = (top &+ (random & ((UInt64(1) << UInt64(b)) &- 1))) >> UInt64(b)
            return Double(bitPattern: (bits & ~mask) &+ (carry << UInt64(discarded)))
        }
    }

    @inline(__always) private func code(_ v: Double) -> UInt64 { accumulator.round(v).code }

    /// Σ x[k·sx]·y[k·sy] for k < n (or Σ x[k·sx] when `y` is nil), products
    /// and additions rounded into the accumulator in recursive order; the
    /// random integers from `drawBase` on, as `FloatContext` draws them
    /// (terms first, then additions). Returns the accumulator's encoding.
    func reduce<T: FixedWidthInteger>(_ x: UnsafePointer<T>, stride sx: Int, _ y: UnsafePointer<T>?, stride sy: Int,
                                      count n: Int, drawBase: UInt64, flags: inout ExceptionFlags) -> UInt64 {
        let a = accumulator, f = input, o = options
        let stochastic: Bool = { if case .stochastic = rule { return true } else { return false } }()
        let termDraws = (y != nil || convertsTerms) ? UInt64(n) : 0
        var inexact: UInt64 = 0
        var acc = 0.0, accCode: UInt64? = nil   // accCode: the encoding when acc is not a finite float64 of the accumulator
        for k in 0..<n {
            let cx = UInt64(truncatingIfNeeded: x[k * sx])
            let cy = y.map { UInt64(truncatingIfNeeded: $0[k * sy]) } ?? 0
            let termRandom = stochastic && termDraws != 0 ? stream[drawBase &+ UInt64(k)] : 0
            // The term: x·y (or x) rounded into the accumulator.
            let raw = y == nil ? table[Int(cx & f.encodingMask)] : table[Int(cx & f.encodingMask)] * table[Int(cy & f.encodingMask)]
            var term: Double
            var termCode: UInt64? = nil
            if raw == 0 && raw.isFinite {
                term = raw
            } else if !convertsTerms && y == nil {
                term = raw
                if !raw.isFinite { termCode = cx & f.encodingMask }
            } else if let t = round(raw, random: termRandom, inexact: &inexact) {
                term = t
            } else {
                let r = y == nil ? ((try? a.convert(cx & f.encodingMask, from: f, options: o.rounding, random: termRandom))
                                    ?? RoundedResult(code: a.canonicalNaN ?? 0, flags: .invalid))
                                 : a.multiply(cx, cy, from: f, options: o, random: termRandom)
                flags.formUnion(r.flags)
                term = a.doubleValue(r.code)
                if !term.isFinite { termCode = r.code }
            }
            if k == 0 {
                acc = term
                accCode = termCode
                continue
            }
            let addRandom = stochastic ? stream[drawBase &+ termDraws &+ UInt64(k - 1)] : 0
            // The addition: exact in float64 when the exponents are close; then rounded on the bits.
            if accCode == nil && termCode == nil {
                let ea = Int((acc.bitPattern >> 52) & 0x7FF), et = Int((term.bitPattern >> 52) & 0x7FF)
                if term == 0 && acc != 0 { continue }   // x + 0 = x exactly
                if acc == 0 && term != 0 { acc = term; continue }   // 0 + t = t exactly
                if acc != 0 && term != 0 && abs(ea - et) <= exactSumSpan, let s = round(acc + term, random: addRandom, inexact: &inexact) {
                    acc = s
                    continue
                }
            }
            let r = a.add(accCode ?? code(acc), termCode ?? code(term), options: o, random: addRandom)
            flags.formUnion(r.flags)
            let v = a.doubleValue(r.code)
            acc = v
            accCode = v.isFinite ? nil : r.code
        }
        if inexact != 0 { flags.formUnion(.inexact) }
        return accCode ?? code(acc)
    }
}
