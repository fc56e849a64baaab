/// IEEE 754-2019's minimum and maximum operations (§9.6): the result is one of the operands, exactly.
public enum MinMaxOperation: String, CaseIterable, Hashable, Sendable {
    /// NaN if either operand is a NaN; −0 < +0.
    case minimum, maximum
    /// The number if one operand is a NaN (a quiet or signalling NaN alike, signalling raising invalid).
    case minimumNumber, maximumNumber
    /// Ordered by magnitude, ties by value; NaN-propagating.
    case minimumMagnitude, maximumMagnitude
    /// Ordered by magnitude, ties by value; the number if one operand is a NaN.
    case minimumMagnitudeNumber, maximumMagnitudeNumber

    var prefersNumbers: Bool {
        switch self {
        case .minimumNumber, .maximumNumber, .minimumMagnitudeNumber, .maximumMagnitudeNumber: return true
        default: return false
        }
    }

    var byMagnitude: Bool {
        switch self {
        case .minimumMagnitude, .maximumMagnitude, .minimumMagnitudeNumber, .maximumMagnitudeNumber: return true
        default: return false
        }
    }

    var isMinimum: Bool {
        switch self {
        case .minimum, .minimumNumber, .minimumMagnitude, .minimumMagnitudeNumber: return true
        default: return false
        }
    }
}

extension FloatFormat {
    /// One of IEEE 754-2019's minimum/maximum operations.
    ///
    /// ```swift
    /// let e4m3 = FloatFormat.float8_e4m3fn
    /// e4m3.minMax(.minimum, 0x00, 0x80).code        // 0x80: −0 < +0
    /// e4m3.minMax(.maximum, 0x38, 0x7F).code        // 0x7F: a NaN wins
    /// e4m3.minMax(.maximumNumber, 0x38, 0x7F).code  // 0x38: the number wins
    /// e4m3.minMax(.maximumMagnitude, 0x40, 0xC4).code   // 0xC4: |−3| > |2|
    /// ```
    public func minMax(_ op: MinMaxOperation, _ a: UInt64, _ b: UInt64, options: ArithmeticOptions = .default) -> RoundedResult {
        let r = options.rounding
        let a = a & encodingMask, b = b & encodingMask
        let x = operand(a, options: r), y = operand(b, options: r)
        if x.isNaN || y.isNaN {
            if op.prefersNumbers && !(x.isNaN && y.isNaN) {
                let signaling = [a, b].contains { isNaN($0) && nanPayload(of: $0).signaling }
                return RoundedResult(code: x.isNaN ? b : a, flags: signaling ? .invalid : ExceptionFlags())
            }
            return operationNaN([a, b], options: options)
        }
        var order = op.byMagnitude ? Self.compareMagnitudes(x, y) : 0
        if order == 0 { order = Self.compareValues(x, y) }
        if order == 0 { return RoundedResult(code: a, flags: ExceptionFlags()) }   // equal values, same sign
        let aIsSmaller = order < 0
        return RoundedResult(code: aIsSmaller == op.isMinimum ? a : b, flags: ExceptionFlags())
    }

    /// −1, 0, 1 as |x| <, =, > |y| (no NaNs).
    static func compareMagnitudes(_ x: Operand, _ y: Operand) -> Int {
        func rank(_ o: Operand) -> (Int, UInt64, Int) {   // (class, significand, exponent)
            switch o {
            case .zero: return (0, 0, 0)
            case .finite(_, let s, let e): return (1, s, e)
            case .infinity: return (2, 0, 0)
            case .nan: preconditionFailure("no NaNs")
            }
        }
        let (cx, s, e) = rank(x), (cy, t, f) = rank(y)
        if cx != cy || cx != 1 { return cx < cy ? -1 : (cx > cy ? 1 : 0) }
        // s · 2^e against t · 2^f: by the top bit's place, then aligned.
        let topX = e + 64 - s.leadingZeroBitCount, topY = f + 64 - t.leadingZeroBitCount
        if topX != topY { return topX < topY ? -1 : 1 }
        let low = Swift.min(e, f)
        let u = UInt128(s) << UInt128(e - low), v = UInt128(t) << UInt128(f - low)
        return u < v ? -1 : (u > v ? 1 : 0)
    }

    /// −1, 0, 1 as x <, =, > y, with −0 < +0 (no NaNs).
    static func compareValues(_ x: Operand, _ y: Operand) -> Int {
        let nx = x.isNegative, ny = y.isNegative
        if nx != ny { return nx ? -1 : 1 }
        let m = compareMagnitudes(x, y)
        return nx ? -m : m
    }
}
