import FloatFormats

// The recursive kernel's nearest-even loop for the accumulators that
// hardware float32 does not serve (bfloat16, float16, tf32, …), built so that
// the running sum's dependency chain is one float64 addition. Whatever it
// cannot prove exact goes to the float64 carrier or the bit-level `careful`
// path, so the results and flags are the core's.

extension RecursiveKernel {
    /// Nearest-even into an accumulator of precision p′, on a biased float64.
    ///
    /// While the running value `acc` stays in one binade [2^E, 2^(E+1)), it is
    /// kept as A = acc + C with C = 1.5 · 2^(E+53−p′): A is exact (acc is a
    /// multiple of ulp(C) = 2^(E+1−p′), the accumulator's ulp in that binade,
    /// and |acc| is far below C), and float64's own addition A + t, rounding to
    /// the nearest multiple of ulp(C) with ties to an even multiple (C/ulp(C) =
    /// 1.5 · 2^52 is even), gives exactly C + RN(acc + t) — the accumulator's
    /// nearest-even sum — whenever acc + t stays in the binade. A step is
    /// accepted when r = A′ − C (exact) lies strictly inside (2^E, 2^(E+1)):
    /// if the true sum were below 2^E, its rounding could not exceed 2^E; if
    /// at or above 2^(E+1), neither could r be below. Any other step (a change
    /// of binade, a power of two, a term out of range, a zero) is done by
    /// `careful`, and the bias is set anew from its result. The error of each
    /// accepted addition is A′ − A − t (Fast2Sum, |A| ≥ |t|): inexact when not 0.
    @inline(__always)
    func biasedNearestEven<T: FixedWidthInteger>(
        _ x: UnsafePointer<T>, _ sx: Int, _ y: UnsafePointer<T>, _ sy: Int, _ dot: Bool, _ range: Range<Int>, _ n: Int,
        _ drawBase: UInt64, _ t: UnsafeBufferPointer<Double>, _ state: inout State, _ flags: inout ExceptionFlags
    ) {
        let mask = input.encodingMask
        let p = accumulator.precision
        let exactTerms = dot ? 2 * input.precision <= p : (!convertsTerms || input.precision <= p)
        let rne = NearestEvenBits(discarded: discarded)
        let carrier = Carrier(lowest: lowest, highest: highest, span: exactSumSpan)
        var k = range.lowerBound
        while k < range.upperBound {
            guard state.started, state.code == nil, carrier.inRange(state.acc) else {
                careful(x, sx, y, sy, dot, k..<(k + 1), n, drawBase, t, &state, &flags, rne)
                k += 1
                continue
            }
            let e = (state.acc.bitPattern &>> 52) & 0x7FF
            let c = Double(sign: .plus, exponent: Int(e) - 1023 + 53 - p, significand: 1.5)
            let quarterUlp = Double(sign: .plus, exponent: Int(e) - 1023 - 1 - p, significand: 1)
            let binadeLow = e &<< 52                       // the magnitude bits of 2^E
            var biased = state.acc + c
            var lost: UInt64 = 0, inexact = false
            var refused: Double? = nil                     // the term of the step the loop refused, when it was in range
            while k < range.upperBound {
                let raw = dot ? t[Int(UInt64(truncatingIfNeeded: x[k &* sx]) & mask)] * t[Int(UInt64(truncatingIfNeeded: y[k &* sy]) & mask)]
                              : t[Int(UInt64(truncatingIfNeeded: x[k &* sx]) & mask)]
                guard raw == 0 || carrier.inRange(raw) else { break }
                var term = raw
                if !exactTerms {
                    lost |= raw.bitPattern & rne.mask
                    term = Double(bitPattern: rne.round(raw.bitPattern, random: 0))
                }
                let next = biased + term
                let r = next - c
                let added = next - biased
                let magnitude = r.bitPattern & 0x7FFF_FFFF_FFFF_FFFF
                if magnitude &- binadeLow &- 1 >= (UInt64(1) << 52) &- 1 {
                    // r = ±2^E is right unless the true sum lies in the binade below and at least a quarter of
                    // the coarse ulp under 2^E in magnitude, where that binade's finer ulp rounds otherwise.
                    let error = term - added                // the exact error: (acc + term) − r
                    guard magnitude == binadeLow, (r < 0 ? -error : error) >= -quarterUlp else { refused = term; break }
                }
                inexact = inexact || (added != term)
                biased = next
                k += 1
            }
            state.acc = biased - c
            if lost != 0 || inexact { state.inexact = 1 }
            guard k < range.upperBound else { break }
            // The refused step (a change of binade, mostly): on the float64 carrier when the sum is exact there, else bit by bit.
            if let term = refused, term != 0 {
                let ea = Int(truncatingIfNeeded: (state.acc.bitPattern &>> 52) & 0x7FF), et = Int(truncatingIfNeeded: (term.bitPattern &>> 52) & 0x7FF)
                if abs(ea - et) <= exactSumSpan, let s = carrier.round(state.acc + term, random: 0, inexact: &state.inexact, rne) {
                    state.acc = s
                    k += 1
                    continue
                }
            }
            careful(x, sx, y, sy, dot, k..<(k + 1), n, drawBase, t, &state, &flags, rne)
            k += 1
        }
    }
}
