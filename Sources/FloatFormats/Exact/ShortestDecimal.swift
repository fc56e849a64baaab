/// The shortest decimal that identifies a value among the values of its format:
/// read back with round-to-nearest, it gives the same encoding.
///
/// ```swift
/// // bfloat16 holds 0.1 as 0.100097656…; "0.1" is enough to get it back.
/// FloatFormat.bfloat16.shortestDecimal(of: 0x3DCD)?.plain()   // "0.1"
/// FloatFormat.float8_e4m3fn.shortestDecimal(of: 0x7E)?.plain() // "448"
/// ```
///
/// All arithmetic is exact (big integers); no `Double` is involved.
extension FloatFormat {
    /// The digits of the shortest round-tripping decimal of a finite encoding's
    /// magnitude, or `nil` for zero, infinities and NaNs.
    public func shortestDecimal(of code: UInt64) -> DecimalDigits? {
        guard code & ~encodingMask == 0 else { return nil }
        let decoded = decodeUnchecked(code)
        guard let value = decoded.value, !value.isZero else { return nil }
        let v = value.magnitude
        let magnitudeCode = code & magnitudeMask
        let lower: Dyadic
        if magnitudeCode == 0 {
            lower = Dyadic(significand: v.significand, exponent: v.exponent - 1)   // no zero: pretend v/2
        } else {
            lower = decodeUnchecked(magnitudeCode - 1).value!.magnitude
        }
        let upper: Dyadic
        if magnitudeCode == largestFiniteMagnitude {
            upper = Dyadic.sum(v, ulp(at: v))
        } else {
            upper = decodeUnchecked(magnitudeCode + 1).value!
        }
        // Ties go to the even fraction under round-to-nearest-even; with no fraction
        // bits "even" is not defined the same everywhere, so stay strictly inside.
        let inclusive = fractionBits > 0 && decoded.fields.fraction & 1 == 0
        return Self.shortest(value: v, lower: lower, upper: upper, inclusive: inclusive)
    }

    /// The shortest decimal for a value held exactly by the format, by value.
    public func shortestDecimal(ofValue value: Dyadic) -> DecimalDigits? {
        guard let code = exactCode(of: value) else { return nil }
        return shortestDecimal(of: code)
    }

    /// Shortest digits d with (v+lower)/2 < d < (v+upper)/2 (≤ at the ends when `inclusive`),
    /// nearest to v among those of the same length.
    static func shortest(value v: Dyadic, lower: Dyadic, upper: Dyadic, inclusive: Bool) -> DecimalDigits {
        let k = min(v.exponent, lower.isZero ? v.exponent : lower.exponent, upper.exponent) - 1
        func scaled(_ d: Dyadic) -> BigUInt { d.isZero ? BigUInt() : BigUInt(d.significand) << (d.exponent - k) }
        let vi = scaled(v)
        let lo = (vi + scaled(lower)) >> 1
        let hi = (vi + scaled(upper)) >> 1
        let (digits, point) = v.exactDigits()

        func inRange(_ c: BigUInt, _ q: Int) -> Bool {
            let cl = compareScaled(c, q, lo, k), ch = compareScaled(c, q, hi, k)
            return inclusive ? (cl >= 0 && ch <= 0) : (cl > 0 && ch < 0)
        }

        for n in 1...digits.count {
            if n == digits.count { break }
            let q = point - n
            var down = BigUInt()
            for i in 0..<n { down = down * BigUInt(10) + BigUInt(UInt64(digits[i])) }
            let up = down + BigUInt(1)
            let downOK = !down.isZero && inRange(down, q)
            let upOK = inRange(up, q)
            if !downOK && !upOK { continue }
            // Which is nearer to v: compare the dropped digits with one half.
            let rest = digits[n...]
            let first = rest.first ?? 0
            let upIsNearer = first > 5 || (first == 5 && rest.count > 1)
            let tie = first == 5 && rest.count == 1
            let chooseUp: Bool
            if downOK && upOK {
                chooseUp = upIsNearer || (tie && down.low64 & 1 == 1)
            } else {
                chooseUp = upOK
            }
            return makeDigits(chooseUp ? up : down, q)
        }
        return DecimalDigits(digits: digits, pointPosition: point)
    }

    private static func makeDigits(_ c: BigUInt, _ q: Int) -> DecimalDigits {
        var d = Array(c.description.utf8.map { $0 - 48 })
        let point = q + d.count
        while d.last == 0 { d.removeLast() }
        return DecimalDigits(digits: d, pointPosition: point)
    }

    /// Compares c × 10^q with x × 2^k.
    static func compareScaled(_ c: BigUInt, _ q: Int, _ x: BigUInt, _ k: Int) -> Int {
        var lhs = c, rhs = x
        if q >= 0 { lhs = lhs * BigUInt.power(10, q) } else { rhs = rhs * BigUInt.power(10, -q) }
        if k >= 0 { rhs = rhs << k } else { lhs = lhs << -k }
        return lhs == rhs ? 0 : (lhs < rhs ? -1 : 1)
    }
}

extension Dyadic {
    /// The exact sum of two non-negative dyadics whose significands fit after alignment
    /// (used for neighbours in one format, where they always do).
    static func sum(_ a: Dyadic, _ b: Dyadic) -> Dyadic {
        let e = min(a.exponent, b.exponent)
        let sa = a.significand << UInt64(a.exponent - e)
        let sb = b.significand << UInt64(b.exponent - e)
        let (s, overflow) = sa.addingReportingOverflow(sb)
        if overflow {
            return Dyadic(significand: (sa >> 1) + (sb >> 1) + ((sa & 1) + (sb & 1)) / 2, exponent: e + 1)
        }
        return Dyadic(significand: s, exponent: e)
    }
}
