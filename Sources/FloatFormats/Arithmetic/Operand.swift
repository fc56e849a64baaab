/// An operand of an arithmetic operation, unpacked from its encoding
/// (SoftFloat's "unpack"): its class, sign, and for finite non-zero values
/// ±significand × 2^exponent, the significand not necessarily normalized.
enum Operand {
    case nan
    case infinity(negative: Bool)
    case zero(negative: Bool)
    case finite(negative: Bool, significand: UInt64, exponent: Int)

    var isNaN: Bool { if case .nan = self { return true } else { return false } }

    var isNegative: Bool {
        switch self {
        case .nan: return false
        case .infinity(let n), .zero(let n), .finite(let n, _, _): return n
        }
    }
}

extension FloatFormat {
    /// The operand an encoding stands for; subnormals are zeros under
    /// `flushSubnormalInputs`.
    @inline(__always)
    func operand(_ code: UInt64, options: RoundingOptions) -> Operand {
        let c = code & encodingMask
        if isSpecial(c) {
            if isNaN(c) { return .nan }
            return .infinity(negative: isSigned && c & signMask != 0)
        }
        let f = unpackFinite(c, flushSubnormals: options.flushSubnormalInputs)
        return f.significand == 0 ? .zero(negative: f.negative) : .finite(negative: f.negative, significand: f.significand, exponent: f.exponent)
    }

    /// The NaN result of an operation with NaN operands: the propagation
    /// policy's choice, or the canonical NaN when the rounding options ask
    /// for canonical NaNs (`--nan canonical`); invalid for a signalling one.
    @inline(__always)
    func operationNaN(_ operands: [UInt64], options: ArithmeticOptions) -> RoundedResult {
        propagateNaN(operands, policy: options.rounding.nan == .canonical ? .canonical : options.nanPropagation)
    }

    /// The exact zero of an operation whose exact result is 0 from operands of
    /// opposite signs (x + (−x), and fma's cancellations): +0, or −0 when
    /// rounding down (IEEE 754 §6.3).
    @inline(__always)
    func cancellationZero(options: RoundingOptions) -> RoundedResult {
        zeroResult(negative: options.mode == .down)
    }
}
