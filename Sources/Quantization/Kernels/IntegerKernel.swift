import FloatFormats

/// The inner loop of integer quantization: q = clamp(R((x − m) / s + c), lo, hi)
/// over a run of float32 values, R a rounding mode, exact.
///
/// It computes y = (x − m) · (1/s) + c in float64, within 2^-31 of the exact
/// value for |y| < 2^20 (three roundings of relative error 2^-53 each), and
/// rounds y with the magic-number trick. Only a y within 2^-24 of a
/// critical point (a half-integer for the nearest modes, an integer for
/// the directed ones) can round differently from the exact quotient, and
/// those few go to `IntegerRounding`, which decides exactly. |y| ≥ 2^20
/// is beyond every clamp. Odd and stochastic rounding take the exact path
/// for every element.
struct IntegerKernel {
    let mode: RoundingMode
    /// Added before rounding (ggml's 8.5 for q4_0 is c = 8 with ⌊· + ½⌋ = the floor mode with c = 8.5).
    let offset: Double
    /// ⌊·⌋ instead of `mode` (ggml's `(int)(x/d + c)`).
    let floorMode: Bool
    let lower: Double, upper: Double
    let seed: UInt64

    /// Whether the loop handles the mode without the exact path for every element.
    var isFast: Bool {
        if floorMode { return true }
        switch mode {
        case .nearestEven, .nearestAway, .towardZero, .up, .down: return true
        default: return false
        }
    }

    /// The exact result for one element.
    @inline(__always)
    func exact(_ numerator: Double, _ s: Double, index: Int) -> Double {
        if floorMode {
            return IntegerRounding.floor(numerator, dividedBy: s, plus: offset, lower: lower, upper: upper)
        }
        let random: UInt64
        if case .stochastic = mode { random = UInt64(RoundingNoise(seed: seed)[UInt64(index)]) } else { random = 0 }
        let r = IntegerRounding.round(numerator, dividedBy: s, mode: mode, random: random, limit: 0x1p40)
        return Swift.min(Swift.max(r + offset, lower), upper)
    }

    /// Codes for x[run] with scale s, minimum m subtracted first (0 for most schemes).
    @inline(__always)
    func run(_ x: UnsafePointer<Float>, _ range: Range<Int>, scale s: Double, minimum m: Float = 0,
             into codes: UnsafeMutablePointer<Int32>) {
        guard isFast else {
            for i in range { codes[i] = Int32(exact(Double(x[i]) - Double(m), s, index: i)) }
            return
        }
        let inv = 1 / s
        let magic = 6_755_399_441_055_744.0        // 1.5 · 2^52: (y + magic) − magic rounds to nearest even
        let eps = 0x1p-24
        let md = Double(m)
        let c = offset
        for i in range {
            let numerator = Double(x[i]) - md
            let y = numerator * inv + (floorMode ? c : 0)
            let r = (y + magic) - magic
            let d = y - r                          // in [−½, ½]
            var q: Double
            var critical: Bool
            if floorMode {
                q = d < 0 ? r - 1 : r
                critical = d.magnitude < eps
            } else {
                switch mode {
                case .nearestEven, .nearestAway:
                    q = r
                    critical = d.magnitude > 0.5 - eps
                case .towardZero:
                    q = y < 0 ? (d > 0 ? r + 1 : r) : (d < 0 ? r - 1 : r)
                    critical = d.magnitude < eps
                case .up:
                    q = d > 0 ? r + 1 : r
                    critical = d.magnitude < eps
                default: // .down
                    q = d < 0 ? r - 1 : r
                    critical = d.magnitude < eps
                }
                q += c
            }
            if critical && y.magnitude < 0x1p20 {
                q = exact(numerator, s, index: i)
            }
            codes[i] = Int32(Swift.min(Swift.max(q, lower), upper))
        }
    }
}
