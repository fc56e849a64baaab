import Dispatch

/// Converts arrays of encodings at memory speed, bit-exact with the rounding
/// core (`FloatFormat.round`): the test suite checks every 16-bit source and
/// every rounding boundary of float32 against it, and `floatlab verify
/// conversions --exhaustive --from float32` all 2^32 inputs.
///
/// - float32 into bfloat16/tfloat32, nearest-even: one branch-free expression;
/// - float32 into narrower signed formats (bfloat16, float16, fp8, fp6, fp4),
///   every rounding mode (stochastic with up to 23 random bits, any number into
///   bfloat16) and overflow policy: a branch-free kernel in 32-bit lanes that
///   the compiler vectorizes (`LanePlan`), blocks with a possible overflow, an
///   infinity or a NaN done again by a second vector pass (NaNs by the core);
/// - sources of up to 16 bits into float32, exact widening: the same kind of
///   vector kernel (`WideningPlan`), NaN blocks from the table;
/// - sources of up to 16 bits (deterministic modes): a table of all results,
///   built once by the core;
/// - float32 and float64 sources otherwise (float64, flushing, stochastic
///   rounding with more random bits): a scalar integer kernel specialized per rounding mode
///   (`NarrowingPlan`), rare cases passed to the core;
/// - everything else: the core, element by element.
///
/// ```swift
/// let c = BulkConverter(from: .float32, to: .bfloat16)
/// c.convert([0x3DCC_CCCD, 0x7F80_0000])   // [0x3DCD, 0x7F80]
/// ```
public struct BulkConverter: Sendable {
    public let conversion: Conversion
    @usableFromInline let kind: Kind

    @usableFromInline enum Kind: Sendable {
        /// IEEE into IEEE with the same exponent field and bias, only fewer fraction
        /// bits (float32 → bfloat16, float32 → tfloat32), in nearest-even: one
        /// branch-free expression per element, the well-known bfloat16 formula,
        /// with NaNs quietened and their payload's top bits kept.
        case sameExponent(shift: UInt32)
        /// float32 into a narrower signed format: the branch-free vector kernel,
        /// with the scalar narrowing kernel for a non-default rounding
        /// direction of the floating-point adder.
        case lanes(LanePlan, fallback: NarrowingPlan)
        case narrowing(NarrowingPlan)
        /// Every result, in the narrowest of 16, 32 or 64 bits that holds the
        /// target (a float16 source's table into float32 is 256 KB, not 512).
        /// Exact widening into float32, with the table for blocks holding NaNs.
        case widening(WideningPlan, table: [UInt32])
        case table16([UInt16])
        case table32([UInt32])
        case table64([UInt64])
        case core
    }

    /// The kernel chosen for the pair: `same-exponent`, `lanes`, `narrowing`,
    /// `widening`, `table` or `core`. (Scaled conversions, `convert(_:into:dividedBy:)`,
    /// always run the core's batch loop; `floatlab bench` calls that `scaled-core`.)
    public var kernelName: String {
        switch kind {
        case .sameExponent: return "same-exponent"
        case .lanes: return "lanes"
        case .narrowing: return "narrowing"
        case .widening: return "widening"
        case .table16, .table32, .table64: return "table"
        case .core: return "core"
        }
    }

    public init(from source: FloatFormat, to target: FloatFormat, options: RoundingOptions = .default, seed: UInt64 = 0) {
        conversion = Conversion(from: source, to: target, options: options, seed: seed)
        var isStochastic = false
        if case .stochastic = options.mode { isStochastic = true }
        if source == .float32, target.specials == .ieee, target.isSigned, target.hasSubnormals,
           target.exponentBits == 8, target.bias == 127, target.fractionBits < 23,
           options.mode == .nearestEven, options.overflow == .ieee, options.nan == .keep,
           !options.flushSubnormalInputs, !options.flushSubnormalOutputs {
            kind = .sameExponent(shift: UInt32(23 - target.fractionBits))
        } else if let lanes = LanePlan(source: source, target: target, options: options),
                  let plan = NarrowingPlan(source: source, target: target, options: options) {
            kind = .lanes(lanes, fallback: plan)
        } else if source.bitWidth <= 16 && !isStochastic {
            let c = conversion
            let codes = (0...source.encodingMask).map { c.convert($0, index: 0).code }
            if let widening = WideningPlan(source: source, target: target, options: options) {
                kind = .widening(widening, table: codes.map { UInt32($0) })
                return
            }
            switch target.bitWidth {
            case ...16: kind = .table16(codes.map { UInt16($0) })
            case ...32: kind = .table32(codes.map { UInt32($0) })
            default: kind = .table64(codes)
            }
        } else if let plan = NarrowingPlan(source: source, target: target, options: options) {
            kind = .narrowing(plan)
        } else {
            kind = .core
        }
    }

    /// Converts `source` into `destination` (same count). Element i uses the
    /// stochastic random integer of index `startIndex + i`. Inputs must fit the
    /// source format; outputs are truncated to the destination's width.
    /// With `threads` > 1, arrays of 2^16 elements or more are split across threads.
    @inlinable
    public func convert<S: FixedWidthInteger & UnsignedInteger & Sendable, D: FixedWidthInteger & UnsignedInteger>(
        _ source: UnsafeBufferPointer<S>, into destination: UnsafeMutableBufferPointer<D>,
        startIndex: UInt64 = 0, threads: Int = 1
    ) {
        precondition(source.count == destination.count, "source and destination counts differ")
        let n = source.count
        if threads <= 1 || n < 1 << 16 {
            convertSerial(source, into: destination, startIndex: startIndex)
            return
        }
        let chunks = threads
        let src = UnsafeBufferPointerBox(source), dst = UnsafeMutableBufferPointerBox(destination)
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let lo = n * c / chunks, hi = n * (c + 1) / chunks
            self.convertSerial(UnsafeBufferPointer(rebasing: src.buffer[lo..<hi]),
                               into: UnsafeMutableBufferPointer(rebasing: dst.buffer[lo..<hi]),
                               startIndex: startIndex + UInt64(lo))
        }
    }

    /// Converts `source` divided by a positive scale into `destination`,
    /// rounding each quotient once (`FloatFormat.round(_:dividedBy:)`): the
    /// step of a quantizer with a non-power-of-two scale. This path runs the
    /// core's batch loop (exact 128-bit division), not a vector kernel.
    ///
    /// ```swift
    /// let c = BulkConverter(from: .float32, to: .float8_e4m3fn)
    /// c.convert([0x43E0_0000, 0x3F80_0000], dividedBy: 3)   // [0x71, 0x2B]: 448/3 → 144, 1/3 → 0.34375
    /// ```
    @inlinable
    public func convert<S: FixedWidthInteger & UnsignedInteger & Sendable, D: FixedWidthInteger & UnsignedInteger>(
        _ source: UnsafeBufferPointer<S>, into destination: UnsafeMutableBufferPointer<D>, dividedBy scale: Double,
        startIndex: UInt64 = 0, threads: Int = 1
    ) {
        precondition(source.count == destination.count, "source and destination counts differ")
        let n = source.count
        let chunks = threads <= 1 || n < 1 << 16 ? 1 : threads
        let src = UnsafeBufferPointerBox(source), dst = UnsafeMutableBufferPointerBox(destination)
        let conversion = self.conversion
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let lo = n * c / chunks, hi = n * (c + 1) / chunks
            var codes = [UInt64](repeating: 0, count: Swift.min(hi - lo, 4096))
            var start = lo
            while start < hi {
                let m = Swift.min(codes.count, hi - start)
                codes.withUnsafeMutableBufferPointer { out in
                    _ = conversion.convert(UnsafeBufferPointer(rebasing: src.buffer[start..<start + m]),
                                           into: UnsafeMutableBufferPointer(rebasing: out[0..<m]), dividedBy: scale,
                                           startIndex: startIndex + UInt64(start))
                    for i in 0..<m { dst.buffer[start + i] = D(truncatingIfNeeded: out[i]) }
                }
                start += m
            }
        }
    }

    /// Converts an array of encodings divided by a positive scale.
    public func convert(_ codes: [UInt64], dividedBy scale: Double) -> [UInt64] {
        var out = [UInt64](repeating: 0, count: codes.count)
        codes.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in convert(src, into: dst, dividedBy: scale) }
        }
        return out
    }

    /// Converts an array of encodings.
    public func convert(_ codes: [UInt64]) -> [UInt64] {
        var out = [UInt64](repeating: 0, count: codes.count)
        codes.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in convert(src, into: dst) }
        }
        return out
    }

    @inlinable
    func convertSerial<S: FixedWidthInteger & UnsignedInteger, D: FixedWidthInteger & UnsignedInteger>(
        _ source: UnsafeBufferPointer<S>, into destination: UnsafeMutableBufferPointer<D>, startIndex: UInt64
    ) {
        switch kind {
        case .sameExponent(let shift):
            let half = (UInt32(1) &<< (shift &- 1)) &- 1
            let quiet = UInt32(1) &<< (22 &- shift)
            for i in 0..<source.count {
                let u = UInt32(truncatingIfNeeded: source[i])
                let rounded = (u &+ half &+ ((u &>> shift) & 1)) &>> shift
                let nan = (u &>> shift) | quiet
                destination[i] = D(truncatingIfNeeded: (u & 0x7FFF_FFFF) > 0x7F80_0000 ? nan : rounded)
            }
        case .lanes(let lanes, let plan):
            conversion.options.mode.withRule(seed: conversion.seed,
                                             LaneKernel(converter: self, lanes: lanes, plan: plan, source: source,
                                                        destination: destination, startIndex: startIndex))
        case .narrowing(let plan):
            narrow(plan, source, destination, startIndex)
        case .widening(let plan, let table):
            guard let src = source.baseAddress, let dst = destination.baseAddress else { return }
            let block = 1024
            var lo = 0
            while lo < source.count {
                let n = min(block, source.count - lo)
                let rare = plan.sharesFloat32Exponents
                    ? plan.run(NormalFormulaForSubnormals.self, src + lo, dst + lo, count: n)
                    : plan.run(SeparateSubnormalPath.self, src + lo, dst + lo, count: n)
                if rare {
                    lookUp(table, UnsafeBufferPointer(rebasing: source[lo..<lo + n]),
                           UnsafeMutableBufferPointer(rebasing: destination[lo..<lo + n]))
                }
                lo += n
            }
        case .table16(let table): lookUp(table, source, destination)
        case .table32(let table): lookUp(table, source, destination)
        case .table64(let table): lookUp(table, source, destination)
        case .core:
            for i in 0..<source.count {
                destination[i] = D(truncatingIfNeeded: conversion.convert(UInt64(source[i]), index: startIndex + UInt64(i)).code)
            }
        }
    }

    @inlinable
    func lookUp<T: FixedWidthInteger, S: FixedWidthInteger & UnsignedInteger, D: FixedWidthInteger & UnsignedInteger>(
        _ table: [T], _ source: UnsafeBufferPointer<S>, _ destination: UnsafeMutableBufferPointer<D>
    ) {
        table.withUnsafeBufferPointer { t in
            guard let t = t.baseAddress, let src = source.baseAddress, let dst = destination.baseAddress else { return }
            for i in 0..<source.count {
                dst[i] = D(truncatingIfNeeded: t[Int(src[i])])
            }
        }
    }

    /// The vector kernel, block by block; a block with a lane it leaves (a
    /// possible overflow, an infinity, a NaN) gets a second vector pass for
    /// those lanes and the core for its NaNs. Everything outside the default
    /// floating-point environment goes to the scalar kernel.
    @inlinable
    func run<R: LaneRule & RoundingRule, S: FixedWidthInteger & UnsignedInteger, D: FixedWidthInteger & UnsignedInteger>(
        _ lanes: LanePlan, _ rule: R, _ plan: NarrowingPlan, _ source: UnsafeBufferPointer<S>,
        _ destination: UnsafeMutableBufferPointer<D>, _ startIndex: UInt64
    ) {
        guard S.bitWidth == 32, let src = UnsafeRawPointer(source.baseAddress)?.assumingMemoryBound(to: UInt32.self),
              let dst = destination.baseAddress,
              LanePlan.environmentIsDefault(one: lanes.one, tie: lanes.tie, subnormal: lanes.subnormal) else {
            narrow(plan, rule, source, destination, startIndex)
            return
        }
        let noise = RoundingNoise(seed: conversion.seed)
        let large = LanePlan.LargeResults(plan)
        var expectTiny = false
        var lo = 0
        while lo < source.count {
            // Blocks of 1024, none crossing a multiple of 2^32 in the element
            // index, so that a block's random integers share one key.
            let index = startIndex &+ UInt64(lo)
            let low = UInt32(truncatingIfNeeded: index)
            let toBoundary = Int((UInt64(1) &<< 32) &- UInt64(low))
            let n = Swift.min(Swift.min(1024, source.count - lo), toBoundary)
            let key = noise.key(high: index >> 32)
            // Blocks without a tiny lane need only the normal formula. Whether
            // the last block had one predicts this one's: a block tried without
            // the subnormal path and found to need it is done again with it.
            var flags = convertBlock(lanes, rule, subnormals: expectTiny, src + lo, dst + lo, count: n, firstIndex: low, key: key)
            if flags.tiny && !expectTiny {
                flags = convertBlock(lanes, rule, subnormals: true, src + lo, dst + lo, count: n, firstIndex: low, key: key)
            }
            expectTiny = flags.tiny
            let rare = flags.large
            if rare && lanes.redoLarge(rule, large, src + lo, dst + lo, count: n, firstIndex: low, key: key) {
                for i in lo..<lo + n where src[i] & 0x7FFF_FFFF > 0x7F80_0000 {
                    dst[i] = D(truncatingIfNeeded: conversion.convert(UInt64(src[i]), index: startIndex &+ UInt64(i)).code)
                }
            }
            lo += n
        }
    }

    /// One block of the vector kernel, with or without the subnormal path.
    @inlinable @inline(__always)
    func convertBlock<R: LaneRule, D: FixedWidthInteger & UnsignedInteger>(
        _ lanes: LanePlan, _ rule: R, subnormals: Bool, _ src: UnsafePointer<UInt32>, _ dst: UnsafeMutablePointer<D>,
        count n: Int, firstIndex: UInt32, key: UInt32
    ) -> LanePlan.BlockFlags {
        switch (lanes.keepsNegativeZero, subnormals && !lanes.sharesFloat32Exponents) {
        case (true, true): lanes.run(rule, KeepsNegativeZero.self, SeparateSubnormalPath.self, src, dst, count: n, firstIndex: firstIndex, key: key)
        case (false, true): lanes.run(rule, NoNegativeZero.self, SeparateSubnormalPath.self, src, dst, count: n, firstIndex: firstIndex, key: key)
        case (true, false): lanes.run(rule, KeepsNegativeZero.self, NormalFormulaForSubnormals.self, src, dst, count: n, firstIndex: firstIndex, key: key)
        case (false, false): lanes.run(rule, NoNegativeZero.self, NormalFormulaForSubnormals.self, src, dst, count: n, firstIndex: firstIndex, key: key)
        }
    }

    /// The scalar narrowing kernel, specialized for the mode.
    @inlinable
    func narrow<S: FixedWidthInteger & UnsignedInteger, D: FixedWidthInteger & UnsignedInteger>(
        _ plan: NarrowingPlan, _ source: UnsafeBufferPointer<S>,
        _ destination: UnsafeMutableBufferPointer<D>, _ startIndex: UInt64
    ) {
        conversion.options.mode.withRule(seed: conversion.seed,
                                         ScalarKernel(converter: self, plan: plan, source: source, destination: destination,
                                                      startIndex: startIndex))
    }

    @inlinable
    func narrow<R: RoundingRule, S: FixedWidthInteger & UnsignedInteger, D: FixedWidthInteger & UnsignedInteger>(
        _ plan: NarrowingPlan, _ rule: R, _ source: UnsafeBufferPointer<S>,
        _ destination: UnsafeMutableBufferPointer<D>, _ startIndex: UInt64
    ) {
        for i in 0..<source.count {
            let u = UInt64(source[i])
            let index = startIndex &+ UInt64(i)
            if let code = plan.convert(u, index: index, rule: rule) {
                destination[i] = D(truncatingIfNeeded: code)
            } else {
                destination[i] = D(truncatingIfNeeded: conversion.convert(u, index: index).code)
            }
        }
    }
}

/// The vector kernel for the rule of the mode; stochastic subnormal results
/// in two steps where the target needs them.
@usableFromInline struct LaneKernel<S: FixedWidthInteger & UnsignedInteger, D: FixedWidthInteger & UnsignedInteger>: RuleBody {
    @usableFromInline let converter: BulkConverter
    @usableFromInline let lanes: LanePlan
    @usableFromInline let plan: NarrowingPlan
    @usableFromInline let source: UnsafeBufferPointer<S>
    @usableFromInline let destination: UnsafeMutableBufferPointer<D>
    @usableFromInline let startIndex: UInt64

    @inlinable init(converter: BulkConverter, lanes: LanePlan, plan: NarrowingPlan, source: UnsafeBufferPointer<S>,
                    destination: UnsafeMutableBufferPointer<D>, startIndex: UInt64) {
        (self.converter, self.lanes, self.plan) = (converter, lanes, plan)
        (self.source, self.destination, self.startIndex) = (source, destination, startIndex)
    }

    @inlinable func callAsFunction<R: LaneRule & RoundingRule>(_ rule: R) {
        if lanes.stochasticInTwoSteps, let stochastic = rule as? StochasticRule {
            converter.run(lanes, RefinedStochasticRule(stochastic), plan, source, destination, startIndex)
        } else {
            converter.run(lanes, rule, plan, source, destination, startIndex)
        }
    }
}

/// The scalar narrowing kernel for the rule of the mode.
@usableFromInline struct ScalarKernel<S: FixedWidthInteger & UnsignedInteger, D: FixedWidthInteger & UnsignedInteger>: RuleBody {
    @usableFromInline let converter: BulkConverter
    @usableFromInline let plan: NarrowingPlan
    @usableFromInline let source: UnsafeBufferPointer<S>
    @usableFromInline let destination: UnsafeMutableBufferPointer<D>
    @usableFromInline let startIndex: UInt64

    @inlinable init(converter: BulkConverter, plan: NarrowingPlan, source: UnsafeBufferPointer<S>,
                    destination: UnsafeMutableBufferPointer<D>, startIndex: UInt64) {
        (self.converter, self.plan, self.source, self.destination, self.startIndex) = (converter, plan, source, destination, startIndex)
    }

    @inlinable func callAsFunction<R: LaneRule & RoundingRule>(_ rule: R) {
        converter.narrow(plan, rule, source, destination, startIndex)
    }
}

/// Lets a buffer cross into concurrent work; each worker touches its own slice.
@usableFromInline struct UnsafeBufferPointerBox<T>: @unchecked Sendable {
    @usableFromInline let buffer: UnsafeBufferPointer<T>
    @usableFromInline init(_ buffer: UnsafeBufferPointer<T>) { self.buffer = buffer }
}

@usableFromInline struct UnsafeMutableBufferPointerBox<T>: @unchecked Sendable {
    @usableFromInline let buffer: UnsafeMutableBufferPointer<T>
    @usableFromInline init(_ buffer: UnsafeMutableBufferPointer<T>) { self.buffer = buffer }
}
