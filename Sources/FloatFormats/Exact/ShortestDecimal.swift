/// The shortest decimal that identifies a value among the values of its format:
/// read back with round-to-nearest, it gives the same encoding.
///
/// ```swift
/// // bfloat16 holds 0.1 as 0.100097656…; "0.1" is enough to get it back.
/// FloatFormat.bfloat16.shortestDecimal(of: 0x3DCD)?.plain()   // "0.1"
/// FloatFormat.float8_e4m3fn.shortestDecimal(of: 0x7E)?.plain() // "450": it rounds to 448
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

    /// Shortest digits d with (v+lower)/2 < d < (v+upper)/2 (≤ at the ends when
    /// `inclusive`), nearest to v among those of that length: Steele and White's
    /// free-format digit generation ("Dragon4") on exact big integers.
    static func shortest(value v: Dyadic, lower: Dyadic, upper: Dyadic, inclusive: Bool) -> DecimalDigits {
        let k = min(v.exponent, lower.isZero ? v.exponent : lower.exponent, upper.exponent) - 1
        func scaled(_ d: Dyadic) -> BigUInt { d.isZero ? BigUInt() : BigUInt(d.significand) << (d.exponent - k) }
        let vi = scaled(v)
        let lo = (vi + scaled(lower)) >> 1
        let hi = (vi + scaled(upper)) >> 1
        // v = r / s; the rounding interval is [r − mMinus, r + mPlus] / s.
        var r = vi, mMinus = vi - lo, mPlus = hi - vi, s = BigUInt(1)
        if k >= 0 {
            r = r << k; mMinus = mMinus << k; mPlus = mPlus << k
        } else {
            s = s << -k
        }
        // Scale so that v = 0.d1 d2 ... × 10^point with the interval's top below 10^point.
        var point = Int((Double(v.binade! + 1) * 0.30102999566398119521).rounded(.up))
        if point >= 0 {
            s = s * BigUInt.power(10, point)
        } else {
            let t = BigUInt.power(10, -point)
            r = r * t; mMinus = mMinus * t; mPlus = mPlus * t
        }
        let ten = BigUInt(10)
        func highReached(_ r: BigUInt, _ mPlus: BigUInt) -> Bool {
            let sum = r + mPlus
            return inclusive ? sum >= s : sum > s
        }
        while highReached(r, mPlus) { s = s * ten; point += 1 }
        while !highReached(r * ten, mPlus * ten) {
            r = r * ten; mMinus = mMinus * ten; mPlus = mPlus * ten; point -= 1
        }
        var digits: [UInt8] = []
        while true {
            r = r * ten; mMinus = mMinus * ten; mPlus = mPlus * ten
            var digit: UInt8 = 0
            while r >= s { r = r - s; digit += 1 }
            let low = inclusive ? r <= mMinus : r < mMinus
            let high = highReached(r, mPlus)
            if !low && !high { digits.append(digit); continue }
            if low && high {
                let twice = r << 1
                if twice > s || (twice == s && digit & 1 == 1) { digit += 1 }
            } else if high {
                digit += 1
            }
            digits.append(digit)
            break
        }
        // A last digit of 9 + 1 carries.
        var i = digits.count - 1
        while i > 0 && digits[i] == 10 { digits[i] = 0; digits[i - 1] += 1; i -= 1 }
        if digits[0] == 10 { digits[0] = 1; point += 1 }
        while digits.last == 0 { digits.removeLast() }
        return DecimalDigits(digits: digits, pointPosition: point)
    }
}
