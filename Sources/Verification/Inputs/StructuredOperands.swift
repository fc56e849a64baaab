import FloatFormats

/// Operand tuples built to hit what breaks arithmetic implementations, in
/// the manner of Berkeley TestFloat, for formats too wide to enumerate:
/// every pair of special and boundary operands, exact ties and values one
/// unit beside them, massive cancellation, huge exponent differences, and
/// results just inside and outside the overflow and underflow thresholds,
/// each family built for the operation at hand (sums, products, quotients,
/// square roots, fused multiply-adds). Seeded: tuple i depends on the seed,
/// the operation and i only.
///
/// ```swift
/// let tuples = StructuredOperands.tuples(.add, in: .float32, seed: 1)
/// tuples.count > 2000                                   // true
/// tuples.contains([0x3F80_0000, 0x3380_0000])           // true: 1 + 2^-24, a tie
/// ```
public enum StructuredOperands {
    public static func tuples(_ op: ArithmeticOperation, in f: FloatFormat, seed: UInt64) -> [[UInt64]] {
        var b = Builder(format: f, seed: seed &+ UInt64(ArithmeticOperation.allCases.firstIndex(of: op)!) &* 0x9E37_79B9_7F4A_7C15)
        let specials = OperandPairs.specialOperands(of: f)
        var out: [[UInt64]] = []
        switch op.arity {
        case 1:
            out = specials.map { [$0] }
        case 2:
            out = specials.flatMap { a in specials.map { [a, $0] } }
        default:
            let few = [b.value(1, 0), b.value(1, 0, negative: true), f.round(0.0).code, f.round(-0.0).code,
                       specials.first { f.isNaN($0) }, b.smallestSubnormal, f.largestFiniteMagnitude, f.round(Double.infinity).code]
                .compactMap { $0 }
            out = specials.flatMap { a in specials.flatMap { x in few.map { [a, x, $0] } } }
        }
        let p = f.precision
        if [.add, .sub].contains(op) && f.isSigned {
            // 1 + 2^-p: the first tie above 1, and its neighbours.
            out += [[b.value(1, 0), b.value(1, -p)], [b.value(1, 0), b.value(3, -p - 1)], [b.value(1, 0), b.value(1, -p, negative: true)]]
        }
        for _ in 0..<500 {
            let e = b.exponent(), n1 = b.coin(), n2 = b.coin()
            let a = b.value(b.significand(bits: p), e - p + 1, negative: n1)
            switch op {
            case .add, .sub, .rem, .min, .max:
                let s = op == .sub ? !n1 : n1   // the sign for which the operation adds magnitudes
                // Exact ties at half an ulp of a, and one unit of the tie's precision beside them, both ways.
                for k in [0, 1, 2] {
                    let half = e - p
                    out.append([a, b.value(1, half, negative: s)])
                    out.append([a, b.value(1, half, negative: !s)])
                    if k > 0 && k < p {
                        out.append([a, b.value((UInt64(1) << UInt64(k)) + 1, half - k, negative: s)])
                        out.append([a, b.value((UInt64(1) << UInt64(k)) - 1, half - k, negative: !s)])
                    }
                }
                // Massive cancellation: a against itself and its neighbours, opposite signs.
                for j: Int64 in -2...2 {
                    let m = Int64(bitPattern: a & f.magnitudeMask) + j
                    if m > 0 && UInt64(m) <= f.largestFiniteMagnitude {
                        out.append([a, (UInt64(m) | (a & f.signMask)) ^ (op == .sub ? 0 : f.signMask)])
                    }
                }
                // Huge exponent differences, both signs, down to the smallest subnormal.
                for d in [p - 1, p, p + 1, p + 2, 2 * p, 3 * p, f.emax - f.emin] {
                    out.append([a, b.value(b.significand(bits: p), e - d - p + 1, negative: b.coin())])
                }
                if let tiny = b.smallestSubnormal { out.append([a, tiny ^ (b.coin() ? f.signMask : 0)]) }
                // Near overflow: the largest values and half an ulp of them.
                let top = f.largestFiniteMagnitude
                out.append([top, b.value(1, f.emax - p, negative: false)])
                out.append([top ^ (n1 ? f.signMask : 0), top ^ (n2 ? f.signMask : 0)])
                out.append([top - 1, b.value(3, f.emax - p - 1, negative: false)])
                // Near the smallest normal: differences that land in the subnormals.
                let low = b.value(b.significand(bits: p), f.emin - p + 1 + Int(b.below(2)), negative: false)
                out.append([low, b.value(b.significand(bits: p), f.emin - p + 1, negative: true)])
            case .mul, .div:
                // Results at and beside the overflow and underflow thresholds, and ties.
                let c = b.value(b.significand(bits: p), -p + 1, negative: n2)   // in [1, 2)
                for shift in -1...1 {
                    let big = op == .mul ? f.emax - e + shift : e - f.emax + shift
                    out.append([a, b.value(b.significand(bits: p), big - p + 1, negative: n2)])
                    let small = op == .mul ? f.emin - e + shift - Int(b.below(UInt64(p + 2))) : e - f.emin + shift + Int(b.below(UInt64(p + 2)))
                    out.append([a, b.value(b.significand(bits: p), small - p + 1, negative: n2)])
                }
                if op == .mul {
                    // Ties: odd significands of k and p + 2 − k bits multiply to p + 1 (a tie) or p + 2 bits.
                    let k = 1 + Int(b.below(UInt64(p)))
                    let x = b.value(b.significand(bits: k) | 1, b.exponent(range: 8) - k + 1, negative: n1)
                    let y = b.value(b.significand(bits: max(1, p + 2 - k)) | 1, b.exponent(range: 8) - (p + 2 - k) + 1, negative: n2)
                    out.append([x, y])
                    out.append([a, c])
                } else {
                    // Exact quotients (a = c·q with few bits), quotients beside 1.
                    let k = max(1, p / 2)
                    let q = b.value(b.significand(bits: k), b.exponent(range: 8) - k + 1, negative: n1)
                    let d = b.value(b.significand(bits: p - k), b.exponent(range: 8) - (p - k) + 1, negative: n2)
                    out.append([f.multiply(q, d).code, d])
                    for j: Int64 in -1...1 {
                        let m = Int64(bitPattern: a & f.magnitudeMask) + j
                        if m > 0 && UInt64(m) <= f.largestFiniteMagnitude { out.append([a, UInt64(m) | (a & f.signMask)]) }
                    }
                }
            case .sqrt:
                // Perfect squares and their neighbours, even and odd exponents, subnormals.
                let r = b.value(b.significand(bits: max(1, p / 2)), b.exponent(range: f.emax / 2) - p / 2 + 1, negative: false)
                let square = f.multiply(r, r).code
                out.append([square])
                if square & f.magnitudeMask > 0 && square & f.magnitudeMask < f.largestFiniteMagnitude { out.append([square + 1]); out.append([square - 1]) }
                out.append([a & f.magnitudeMask])
                out.append([b.value(b.significand(bits: p), f.emin - p + 1 - Int(b.below(UInt64(p))), negative: false)])
            case .fma:
                let x = a, y = b.value(b.significand(bits: p), b.exponent(range: 8) - p + 1, negative: n2)
                let product = f.multiply(x, y).code
                // Massive cancellation: c = −RN(x·y) and beside it; c tiny against the product; products at the thresholds.
                out.append([x, y, f.negate(product)])
                if product & f.magnitudeMask > 1 && product & f.magnitudeMask < f.largestFiniteMagnitude {
                    out.append([x, y, f.negate(product + 1)])
                    out.append([x, y, f.negate(product - 1)])
                }
                if let tiny = b.smallestSubnormal { out.append([x, y, tiny ^ (b.coin() ? f.signMask : 0)]) }
                let under = b.value(b.significand(bits: p), f.emin - e - Int(b.below(UInt64(p + 2))) - p + 1, negative: n2)
                out.append([a, under, b.value(b.significand(bits: p), f.emin - p + 1 - Int(b.below(3)), negative: b.coin())])
                let over = b.value(b.significand(bits: p), f.emax - e - p + 1, negative: n2)
                out.append([a, over, f.largestFiniteMagnitude ^ (b.coin() ? f.signMask : 0)])
            }
        }
        return out.map { $0.map { $0 & f.encodingMask } }
    }

    /// Values by significand and exponent, rounded into the format (to
    /// nearest even: out of range they become the format's extremes).
    struct Builder {
        let format: FloatFormat
        let stream: RandomStream
        var draws: UInt64 = 0

        init(format: FloatFormat, seed: UInt64) {
            self.format = format
            stream = RandomStream(seed: seed)
        }

        mutating func next() -> UInt64 { defer { draws += 1 }; return stream[draws] }
        mutating func coin() -> Bool { next() & 1 == 1 }
        mutating func below(_ n: UInt64) -> UInt64 { n == 0 ? 0 : next() % n }

        /// A significand of exactly `bits` bits (its top bit set).
        mutating func significand(bits: Int) -> UInt64 {
            let k = min(max(bits, 1), 63)
            return (UInt64(1) << UInt64(k - 1)) | (next() & ((UInt64(1) << UInt64(k - 1)) &- 1))
        }

        /// A binade exponent: anywhere in the normal range, or within ±range of 0.
        mutating func exponent(range: Int? = nil) -> Int {
            if let range { return Int(below(UInt64(2 * range + 1))) - range }
            return format.emin + Int(below(UInt64(format.emax - format.emin + 1)))
        }

        func value(_ m: UInt64, _ e: Int, negative: Bool = false) -> UInt64 {
            format.round(Dyadic(isNegative: negative && format.isSigned, significand: m, exponent: e)).code
        }

        var smallestSubnormal: UInt64? { format.hasSubnormals && format.fractionBits > 0 ? 1 : nil }
    }
}
