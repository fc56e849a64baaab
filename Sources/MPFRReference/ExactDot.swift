import CMPFR
import FloatFormats

extension Referee {
    /// Σ aᵢ (b empty) or Σ aᵢ·bᵢ of finite encodings of `f`, exact: each
    /// product by `mpfr_mul` and each addition by `mpfr_add` at a precision
    /// that holds every bit the sum can have, so no step rounds. The
    /// reference for the simulator's exact accumulator.
    public static func exactSum(_ a: [UInt64], times b: [UInt64] = [], in f: FloatFormat) -> Input {
        precondition(b.isEmpty || b.count == a.count, "one factor per term")
        let lowest = (b.isEmpty ? 1 : 2) * (f.emin - f.fractionBits)
        let highest = (b.isEmpty ? 1 : 2) * (f.emax + 1)
        let precision = highest - lowest + 2 * (Int.bitWidth - a.count.leadingZeroBitCount) + 8
        let sum = BigFloat(precision: precision)
        sum.withMPFR { mpfr_set_zero($0, 1) }
        let product = BigFloat(precision: 2 * f.precision + 2)
        for i in a.indices {
            guard case .finite(let x) = decode(a[i], in: f) else { preconditionFailure("finite terms only") }
            var term = x
            if !b.isEmpty {
                guard case .finite(let y) = decode(b[i], in: f) else { preconditionFailure("finite terms only") }
                let t = BigFloat.withMPFR(product, x) { p, xr in y.withMPFR { mpfr_mul(p, xr, $0, floatlab_rndz()) } }
                precondition(t == 0, "a product of two p-bit values is exact in 2p bits")
                term = product
            }
            let t = BigFloat.withMPFR(sum, term) { s, v in mpfr_add(s, s, v, floatlab_rndz()) }
            precondition(t == 0, "the sum's precision holds every bit")
        }
        if sum.isZero { return .zero(negative: false) }
        return .finite(sum, sticky: false)
    }
}
