/// A conversion from one format to another with fixed options: what batch
/// conversion applies to every element. Element i uses the random integer
/// `RoundingNoise(seed)[i]` for stochastic rounding, so results do not depend on
/// how the work is split.
///
/// ```swift
/// let c = Conversion(from: .float32, to: .bfloat16)
/// c.convert([0x3DCC_CCCD, 0x7F80_0000]).codes   // [0x3DCD, 0x7F80]
/// ```
public struct Conversion: Sendable, Hashable {
    public let source: FloatFormat
    public let target: FloatFormat
    public let options: RoundingOptions
    public let seed: UInt64

    public init(from source: FloatFormat, to target: FloatFormat, options: RoundingOptions = .default, seed: UInt64 = 0) {
        self.source = source
        self.target = target
        self.options = options
        self.seed = seed
    }

    /// Converts the element at `index` (which picks its stochastic random integer).
    /// The code must fit the source format.
    @inlinable public func convert(_ code: UInt64, index: UInt64) -> RoundedResult {
        let random: UInt64
        if case .stochastic = options.mode { random = UInt64(RoundingNoise(seed: seed)[index]) } else { random = 0 }
        return target.round(source.sourceValue(of: code, flushSubnormals: options.flushSubnormalInputs),
                            options: options, random: random)
    }

    /// Converts a batch; also returns every flag raised by any element.
    public func convert(_ codes: [UInt64], startIndex: UInt64 = 0) -> (codes: [UInt64], flags: ExceptionFlags) {
        var out = [UInt64](repeating: 0, count: codes.count)
        let flags = codes.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { convert(src, into: $0, startIndex: startIndex) }
        }
        return (out, flags)
    }

    /// Converts a buffer of source codes (bits above the source's width are
    /// ignored) element by element, element i with index `startIndex + i`;
    /// returns every flag raised. The formats are read once per call, not
    /// once per element.
    ///
    /// ```swift
    /// let c = Conversion(from: .float32, to: .float8_e4m3fn)
    /// let input: [UInt32] = [0x3F80_0000, 0x4400_0000]
    /// var out = [UInt64](repeating: 0, count: 2)
    /// let flags = input.withUnsafeBufferPointer { src in out.withUnsafeMutableBufferPointer { c.convert(src, into: $0) } }
    /// out     // [0x38, 0x7F]: 1.0, and 512 overflows to NaN
    /// flags   // [.overflow, .inexact]
    /// ```
    @_specialize(exported: true, where S == UInt8)
    @_specialize(exported: true, where S == UInt16)
    @_specialize(exported: true, where S == UInt32)
    @_specialize(exported: true, where S == UInt64)
    public func convert<S: FixedWidthInteger & UnsignedInteger>(
        _ codes: UnsafeBufferPointer<S>, into out: UnsafeMutableBufferPointer<UInt64>, startIndex: UInt64 = 0
    ) -> ExceptionFlags {
        convert(codes, into: out, startIndex: startIndex, collectingFlags: true, each: nil)
    }

    /// `convert(_:into:startIndex:)` that also writes each element's flags
    /// into `flags` (as long as the input), for test vectors and checkers.
    ///
    /// ```swift
    /// let c = Conversion(from: .float32, to: .float8_e4m3fn)
    /// let input: [UInt32] = [0x3F80_0000, 0x4400_0000, 0x3F81_0000]
    /// var out = [UInt64](repeating: 0, count: 3)
    /// var each = [ExceptionFlags](repeating: [], count: 3)
    /// input.withUnsafeBufferPointer { src in out.withUnsafeMutableBufferPointer { dst in
    ///     each.withUnsafeMutableBufferPointer { _ = c.convert(src, into: dst, flags: $0) } } }
    /// each    // [[], [.overflow, .inexact], [.inexact]]
    /// ```
    @_specialize(exported: true, where S == UInt8)
    @_specialize(exported: true, where S == UInt16)
    @_specialize(exported: true, where S == UInt32)
    @_specialize(exported: true, where S == UInt64)
    public func convert<S: FixedWidthInteger & UnsignedInteger>(
        _ codes: UnsafeBufferPointer<S>, into out: UnsafeMutableBufferPointer<UInt64>,
        flags: UnsafeMutableBufferPointer<ExceptionFlags>, startIndex: UInt64 = 0
    ) -> ExceptionFlags {
        precondition(flags.count >= codes.count, "the flags buffer is shorter than the input")
        return convert(codes, into: out, startIndex: startIndex, collectingFlags: true, each: flags.baseAddress)
    }

    /// Every element's result with its own flags.
    ///
    /// ```swift
    /// Conversion(from: .float32, to: .bfloat16).results([0x3F80_0000, 0x3F80_8000]).map(\.flags)   // [[], [.inexact]]
    /// ```
    public func results(_ codes: [UInt64], startIndex: UInt64 = 0) -> [RoundedResult] {
        var out = [UInt64](repeating: 0, count: codes.count)
        var flags = [ExceptionFlags](repeating: [], count: codes.count)
        codes.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                flags.withUnsafeMutableBufferPointer { _ = convert(src, into: dst, flags: $0, startIndex: startIndex) }
            }
        }
        return zip(out, flags).map { RoundedResult(code: $0, flags: $1) }
    }

    /// Converts a buffer of source codes each divided by a positive scale,
    /// rounding once (`FloatFormat.round(_:dividedBy:)`), element i with index
    /// `startIndex + i`; returns every flag raised.
    ///
    /// ```swift
    /// // x / 3 into bfloat16, one rounding (no float32 quotient in between).
    /// let c = Conversion(from: .float32, to: .bfloat16)
    /// let input: [UInt32] = [0x3F80_0000]          // 1.0
    /// var out = [UInt64](repeating: 0, count: 1)
    /// _ = input.withUnsafeBufferPointer { src in out.withUnsafeMutableBufferPointer { c.convert(src, into: $0, dividedBy: 3) } }
    /// out     // [0x3EAB]: 1/3 in bfloat16
    /// ```
    @_specialize(exported: true, where S == UInt8)
    @_specialize(exported: true, where S == UInt16)
    @_specialize(exported: true, where S == UInt32)
    @_specialize(exported: true, where S == UInt64)
    public func convert<S: FixedWidthInteger & UnsignedInteger>(
        _ codes: UnsafeBufferPointer<S>, into out: UnsafeMutableBufferPointer<UInt64>, dividedBy scale: Double,
        startIndex: UInt64 = 0
    ) -> ExceptionFlags {
        precondition(out.count >= codes.count, "the output buffer is shorter than the input")
        precondition(scale > 0 && scale.isFinite, "the scale must be positive and finite")
        let s = FloatFormat.float64.decodeUnchecked(scale.bitPattern).value!
        return convert(codes, into: out, startIndex: startIndex, collectingFlags: true, each: nil,
                       divisor: s.significand, scaleExponent: s.exponent)
    }

    /// `convert(_:into:startIndex:)` without the flags, which are then not
    /// worked out at all: a shorter loop, for checking codes in bulk.
    /// (Pre-specialized for every element width, so that callers in other
    /// modules run the specialized loop.)
    @_specialize(exported: true, where S == UInt8)
    @_specialize(exported: true, where S == UInt16)
    @_specialize(exported: true, where S == UInt32)
    @_specialize(exported: true, where S == UInt64)
    public func convertCodes<S: FixedWidthInteger & UnsignedInteger>(
        _ codes: UnsafeBufferPointer<S>, into out: UnsafeMutableBufferPointer<UInt64>, startIndex: UInt64 = 0
    ) {
        _ = convert(codes, into: out, startIndex: startIndex, collectingFlags: false, each: nil)
    }

    @inline(always)
    private func convert<S: FixedWidthInteger & UnsignedInteger>(
        _ codes: UnsafeBufferPointer<S>, into out: UnsafeMutableBufferPointer<UInt64>, startIndex: UInt64,
        collectingFlags: Bool, each: UnsafeMutablePointer<ExceptionFlags>?, divisor: UInt64 = 1, scaleExponent: Int = 0
    ) -> ExceptionFlags {
        precondition(out.count >= codes.count, "the output buffer is shorter than the input")
        // One loop per mode, so that the mode is a constant in each.
        let f = collectingFlags
        let (d, k) = (divisor, scaleExponent)
        let reciprocal = divisor > 1 ? FloatFormat.Reciprocal(divisor) : nil
        switch options.mode {
        case .nearestEven: return convert(codes, into: out, startIndex: startIndex, mode: .nearestEven, collectingFlags: f, each: each, divisor: d, reciprocal: reciprocal, scaleExponent: k)
        case .nearestAway: return convert(codes, into: out, startIndex: startIndex, mode: .nearestAway, collectingFlags: f, each: each, divisor: d, reciprocal: reciprocal, scaleExponent: k)
        case .towardZero: return convert(codes, into: out, startIndex: startIndex, mode: .towardZero, collectingFlags: f, each: each, divisor: d, reciprocal: reciprocal, scaleExponent: k)
        case .up: return convert(codes, into: out, startIndex: startIndex, mode: .up, collectingFlags: f, each: each, divisor: d, reciprocal: reciprocal, scaleExponent: k)
        case .down: return convert(codes, into: out, startIndex: startIndex, mode: .down, collectingFlags: f, each: each, divisor: d, reciprocal: reciprocal, scaleExponent: k)
        case .odd: return convert(codes, into: out, startIndex: startIndex, mode: .odd, collectingFlags: f, each: each, divisor: d, reciprocal: reciprocal, scaleExponent: k)
        case .stochastic: return convert(codes, into: out, startIndex: startIndex, mode: options.mode, collectingFlags: f, each: each, divisor: d, reciprocal: reciprocal, scaleExponent: k)
        }
    }

    @inline(always)
    private func convert<S: FixedWidthInteger & UnsignedInteger>(
        _ codes: UnsafeBufferPointer<S>, into out: UnsafeMutableBufferPointer<UInt64>, startIndex: UInt64,
        mode: RoundingMode, collectingFlags: Bool, each: UnsafeMutablePointer<ExceptionFlags>?,
        divisor: UInt64, reciprocal: FloatFormat.Reciprocal?, scaleExponent: Int
    ) -> ExceptionFlags {
        let (source, target) = (self.source, self.target)
        var options = self.options
        options.mode = mode
        let noise = RoundingNoise(seed: seed)
        let mask = source.encodingMask
        var flags = ExceptionFlags()
        for i in 0..<codes.count {
            let index = startIndex &+ UInt64(i)
            let random: UInt64
            if case .stochastic = mode { random = UInt64(noise[index]) } else { random = 0 }
            let code = UInt64(truncatingIfNeeded: codes[i]) & mask
            let r: RoundedResult
            if source.isSpecial(code) {
                r = target.round(source.sourceValue(of: code), options: options, random: random)
            } else {
                // What `round(sourceValue(of:))` does, without the detour through SourceValue.
                let x = source.unpackFinite(code, flushSubnormals: options.flushSubnormalInputs)
                // Divided by the scale's odd significand (1 when unscaled) and its power of two.
                let exponent = x.exponent &- scaleExponent
                if x.significand == 0 {
                    r = target.zeroResult(negative: x.negative)
                } else if divisor == 1 {
                    r = target.roundSignificand(negative: x.negative, x.significand, exponent: exponent, sticky: false,
                                                options: options, random: random)
                } else {
                    r = target.roundQuotient(negative: x.negative, x.significand, exponent: exponent, by: reciprocal!,
                                             options: options, random: random)
                }
            }
            out[i] = r.code
            if collectingFlags {
                flags.formUnion(r.flags)
                each?[i] = r.flags
            }
        }
        return flags
    }
}
