import FloatFormats

/// Exact rounding of x / s to an integer with 128-bit integer arithmetic: the
/// independent reference for IntegerRounding (no floating-point step at all).
/// Both operands are finite, s > 0, and |x / s| < 2^40.
func exactIntegerQuotient(_ x: Double, _ s: Double, mode: RoundingMode) -> Double {
    if x == 0 { return 0 }
    let (mx, ex) = parts(x.magnitude), (ms, es) = parts(s)
    // |x| / s = mx · 2^ex / (ms · 2^es)
    var num = UInt128(mx), den = UInt128(ms)
    let a = ex - es
    if a >= 0 { num <<= UInt128(a) } else { den <<= UInt128(-a) }
    let q = num / den, r = num % den
    let twice = 2 * r
    var up: Bool
    let negative = x < 0
    switch mode {
    case .nearestEven: up = twice > den || (twice == den && q % 2 == 1)
    case .nearestAway: up = twice >= den
    case .towardZero: up = false
    case .up: up = !negative && r != 0
    case .down: up = negative && r != 0
    case .odd: up = r != 0 && q % 2 == 0
    case .stochastic: fatalError("not here")
    }
    let m = Double(q + (up ? 1 : 0))
    return negative ? -m : m
}

/// ⌊x / s + c⌋ exactly, c a multiple of 1/2.
func exactFloorPlus(_ x: Double, _ s: Double, _ c: Double) -> Double {
    // ⌊x/s + c⌋ = ⌊(x + c·s) / s⌋ = ⌊(2x + 2c·s) / (2s)⌋: with integers.
    let (mx, ex) = parts(x.magnitude), (ms, es) = parts(s)
    let lo = min(ex, es - 1)
    var nx = Int128(mx) << Int128(ex - lo); if x < 0 { nx = -nx }
    let ns = Int128(ms) << Int128(es - lo)       // s · 2^-lo
    let twoC = Int128(c * 2)
    let num = 2 * nx + twoC * ns, den = 2 * ns
    var q = num / den
    if num % den != 0 && num < 0 { q -= 1 }
    return Double(q)
}

/// An odd-free decomposition |d| = m · 2^e with integer m.
func parts(_ d: Double) -> (UInt64, Int) {
    let m = d.significandBitPattern | (d.isNormal ? 1 << 52 : 0)
    let e = d.isNormal ? Int(d.exponentBitPattern) - 1075 : -1074
    return (m, e)
}
