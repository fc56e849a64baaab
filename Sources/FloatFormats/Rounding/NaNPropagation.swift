/// Which NaN an operation with several operands returns when some of them
/// are NaNs: IEEE 754 leaves the choice to the implementation, and machines
/// differ (SoftFloat isolates the same choice in its "specialize" unit).
/// Every policy raises invalid when any operand is a signalling NaN, and
/// every NaN result is quiet.
///
/// | policy | result | machines |
/// |---|---|---|
/// | `firstOperand` | the first NaN operand, quietened | x86 SSE/AVX |
/// | `signalingFirst` | the first signalling NaN, else the first NaN, quietened | ARM (default-NaN off), PowerPC |
/// | `largerPayload` | of two NaNs the larger significand (then the positive one); a quiet NaN before a signalling one | x87 |
/// | `canonical` | the format's canonical NaN | RISC-V, ARM default-NaN mode |
///
/// Formats with no signalling NaNs and no payloads (`fn`, FNUZ, P3109) return
/// the chosen operand's NaN as it is: its sign is all it carries.
public enum NaNPropagation: String, Hashable, Sendable, CaseIterable {
    case firstOperand = "first-operand"
    case signalingFirst = "signaling-first"
    case largerPayload = "larger-payload"
    case canonical
}

extension FloatFormat {
    /// The NaN result of an operation on `operands` (encodings of this
    /// format, at least one a NaN), with its flags.
    ///
    /// ```swift
    /// let f = FloatFormat.float32
    /// let quiet: UInt64 = 0x7FC0_0001, signaling: UInt64 = 0xFF80_0002, one: UInt64 = 0x3F80_0000
    /// f.propagateNaN([one, quiet], policy: .firstOperand).code          // 0x7FC0_0001
    /// f.propagateNaN([quiet, signaling], policy: .firstOperand).code    // 0x7FC0_0001, flags "v"
    /// f.propagateNaN([quiet, signaling], policy: .signalingFirst).code  // 0xFFC0_0002: quietened
    /// f.propagateNaN([quiet, signaling], policy: .largerPayload).code   // 0x7FC0_0001: quiet before signalling
    /// f.propagateNaN([quiet, signaling], policy: .canonical).code       // 0x7FC0_0000
    /// ```
    public func propagateNaN(_ operands: [UInt64], policy: NaNPropagation) -> RoundedResult {
        let nans = operands.map { $0 & encodingMask }.filter { isNaN($0) }
        precondition(!nans.isEmpty, "propagateNaN needs a NaN operand")
        let signaling = nans.filter { nanPayload(of: $0).signaling }
        let flags: ExceptionFlags = signaling.isEmpty ? ExceptionFlags() : .invalid
        let chosen: UInt64
        switch policy {
        case .canonical: return RoundedResult(code: canonicalNaN!, flags: flags)
        case .firstOperand: chosen = nans[0]
        case .signalingFirst: chosen = signaling.first ?? nans[0]
        case .largerPayload: chosen = nans.dropFirst().reduce(nans[0]) { preferred($0, $1) }
        }
        return RoundedResult(code: quietened(chosen), flags: flags)
    }

    /// Of two NaNs, the x87 choice: a quiet NaN before a signalling one, then
    /// the larger magnitude, then the smaller code (the positive sign).
    private func preferred(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let sa = nanPayload(of: a).signaling, sb = nanPayload(of: b).signaling
        if sa != sb { return sa ? b : a }
        let ma = a & magnitudeMask, mb = b & magnitudeMask
        if ma != mb { return ma > mb ? a : b }
        return quietened(a) <= quietened(b) ? a : b
    }

    /// A NaN with the IEEE quiet bit set (other formats' NaNs as they are).
    private func quietened(_ nan: UInt64) -> UInt64 {
        specials == .ieee ? nan | (UInt64(1) << UInt64(fractionBits - 1)) : nan
    }
}
