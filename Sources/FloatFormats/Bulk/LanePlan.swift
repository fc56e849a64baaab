/// The constants of the vector kernel from float32 into a narrower signed
/// format with subnormals (float16, bfloat16, tfloat32, every signed fp8, fp6
/// and fp4 format, E3M4, signed P3109), hoisted out of the loop.
///
/// Every element is computed the same way, in 32-bit lanes and without a
/// branch, so that the compiler turns the loop into SIMD code:
///
/// - a normal result rounds `a − rebias` (the source magnitude with the
///   target's exponent) at a fixed shift, the carry out of the discarded bits
///   doing the rounding, as in the bfloat16 formula;
/// - a subnormal result uses the floating-point adder as a variable shifter:
///   adding `magic` = 2^(emin − M + 23), whose ulp is the target's smallest
///   subnormal, leaves round-to-nearest-even(x / ulp) in the low bits, and
///   `lo = x − ((x + magic) − magic)` is the exact remainder (both steps are
///   exact by Sterbenz's lemma), from which every other mode follows;
///   (bfloat16 and tfloat32 skip this: with float32's exponent range their
///   subnormals are float32's bits at the same fixed shift, so the normal
///   formula covers every result);
/// - the sign bit goes on last (not on a zero where the format has no −0);
/// - a lane whose magnitude exceeds the target's largest finite value (a
///   possible overflow, an infinity, a NaN) marks its block, whose such lanes
///   `redoLarge` then does again (NaNs by the core).
///
/// The kernel needs the default floating-point environment: the adder rounds
/// to nearest-even, and subnormals (a float32 subnormal source, its remainder
/// `lo`) are neither flushed to zero nor read as zero. `BulkConverter` checks
/// that before every call and otherwise takes the scalar kernel.
@usableFromInline struct LanePlan: Sendable {
    @usableFromInline let rebias: UInt32          // (127 − bias) << 23, subtracted with wrapping
    @usableFromInline let shift: UInt32           // 23 − M
    @usableFromInline let minNormal: UInt32       // source magnitude bits of 2^emin
    @usableFromInline let magic: Float            // 2^(emin − M + 23), 2^(emin − M − bits + 23) for one-step stochastic rounding
    /// Stochastic rounding in two steps (`RefinedStochasticRule`): 1.5·2^(emin − M − bits + 23),
    /// which aligns a remainder of at most half the subnormal ulp to ulp / 2^bits.
    @usableFromInline let refinement: Float
    /// Whether stochastic subnormal results take two steps: the grid of ulp / 2^bits
    /// is finer than float32 holds for values up to 2^emin (M + bits > 23).
    @usableFromInline let stochasticInTwoSteps: Bool
    @usableFromInline let halfUlp: Float          // 2^(emin − M − 1): a remainder of this size is a tie
    /// 32 − the target's width: moves the source sign bit to the target's.
    @usableFromInline let signShift: UInt32
    /// Whether a negative value that rounds to zero gives −0 (false for FNUZ
    /// and P3109 formats, which have no −0).
    @usableFromInline let keepsNegativeZero: Bool
    /// Whether the target has float32's exponent range (bfloat16, tfloat32):
    /// its subnormals are float32's at the same shift, and the adder is not needed.
    @usableFromInline let sharesFloat32Exponents: Bool
    /// Source magnitudes above this (the target's largest finite value, as
    /// float32 bits) may overflow, or are infinities or NaNs: the lanes the
    /// kernel leaves to the scalar path.
    @usableFromInline let rareAbove: UInt32
    /// Probes of the floating-point environment, stored so that they run when
    /// the kernel does: 1, 2^-24 and the smallest float32 subnormal.
    @usableFromInline let one: Float = 1
    @usableFromInline let tie: Float = 0x1p-24
    @usableFromInline let subnormal = Float.leastNonzeroMagnitude

    /// Nil when the pair or the options are outside what the kernel handles.
    init?(source: FloatFormat, target: FloatFormat, options: RoundingOptions) {
        let m = target.fractionBits
        guard source == .float32, target.isSigned, target.hasSubnormals, m >= 1, m < 23,
              target.bitWidth < 32, target.bias <= 127,
              // Normal results need normal sources.
              target.emin >= -126, target.emax < 128,
              !options.flushSubnormalInputs, !options.flushSubnormalOutputs else { return nil }
        sharesFloat32Exponents = target.emin == -126
        rebias = UInt32(truncatingIfNeeded: (127 - target.bias) << 23)
        shift = UInt32(23 - m)
        minNormal = UInt32(target.emin + 127) << 23
        // Stochastic subnormal results need ⌊x / (ulp / 2^bits)⌋: the adder gives
        // it at once when that grid fits float32's precision below 2^emin
        // (M + bits ≤ 23), and otherwise in two steps, ⌊x / ulp⌋ then the
        // remainder's top bits (bits ≤ 23). Targets with float32's exponent range
        // need neither.
        var oneStepBits = 0
        if case .stochastic(let bits) = options.mode, !sharesFloat32Exponents {
            guard bits <= 23 else { return nil }
            stochasticInTwoSteps = m + bits > 23
            oneStepBits = stochasticInTwoSteps ? 0 : bits
            refinement = Float(sign: .plus, exponent: target.emin - m - bits + 23, significand: 1.5)
        } else {
            stochasticInTwoSteps = false
            refinement = 0
        }
        magic = Float(sign: .plus, exponent: target.emin - m - oneStepBits + 23, significand: 1)
        halfUlp = Float(sign: .plus, exponent: target.emin - m - 1, significand: 1)   // subnormal for bfloat16: exact
        signShift = UInt32(32 - target.bitWidth)
        rareAbove = Float(target.maxFinite.doubleValue).bitPattern    // exact: M < 23, emax < 128
        // The sign of a zero comes from the core; a non-zero result of a
        // negative value is the positive one with the sign bit set.
        let zeros = (target.round(.zero(negative: false), options: options).code, target.round(.zero(negative: true), options: options).code)
        keepsNegativeZero = zeros.1 == target.signMask
        guard zeros.0 == 0, zeros.1 == 0 || keepsNegativeZero else { return nil }
    }

    /// Whether the floating-point environment is the default one the kernel
    /// needs: the adder rounds to nearest-even, and subnormals are neither
    /// flushed nor read as zero.
    @inline(never) @usableFromInline
    static func environmentIsDefault(one: Float, tie: Float, subnormal: Float) -> Bool {
        // 1 + 2^-24 is a tie that goes down to the even 1; 1 + 3·2^-24 one that
        // goes up to the even 1 + 2^-22; −1 − 2^-24 goes to −1.
        one + tie == one && one + 3 * tie == one + 4 * tie && -one - tie == -one
            && subnormal - 0 > 0 && (subnormal + subnormal) - subnormal == subnormal
    }

    /// What a block held, for the caller.
    @usableFromInline struct BlockFlags {
        /// A lane `redoLarge` must do again (possible overflow, infinity, NaN).
        @usableFromInline let large: Bool
        /// A lane below the target's smallest normal, which the normal formula
        /// alone gets wrong (never for targets with float32's exponent range).
        @usableFromInline let tiny: Bool
        @inlinable init(large: Bool, tiny: Bool) { self.large = large; self.tiny = tiny }
    }

    /// Converts one block. Every constant is loaded into a local first and
    /// every choice is a select, so that the loop vectorizes. With
    /// `NormalFormulaForSubnormals` on a target of its own exponent range, the
    /// results are right only if the block holds no tiny lane.
    @inlinable @inline(never)
    func run<R: LaneRule, Z: SignPlacement, T: SubnormalPath, D: FixedWidthInteger & UnsignedInteger>(
        _ rule: R, _ sign: Z.Type, _ tiny: T.Type, _ src: UnsafePointer<UInt32>, _ dst: UnsafeMutablePointer<D>, count: Int,
        firstIndex: UInt32, key: UInt32
    ) -> BlockFlags {
        let rebias = rebias, shift = shift, minNormal = minNormal, magic = magic, magicBits = magic.bitPattern
        let halfUlp = halfUlp, refinement = refinement, signShift = signShift, rareAbove = rareAbove
        let tinyBelow = sharesFloat32Exponents ? 0 : minNormal
        var rare: UInt32 = 0, below: UInt32 = 0
        for i in 0..<count {
            let u = src[i]
            let a = u & 0x7FFF_FFFF
            let negative = u & 0x8000_0000 != 0
            // A normal result: the exponent rebiased, the fraction rounded at a fixed shift.
            let random = rule.random(firstIndex &+ UInt32(truncatingIfNeeded: i), key: key)
            let normal = rule.round(a &- rebias, shift: shift, negative: negative, random: random)
            let r: UInt32
            if T.followsNormalFormula {
                r = normal
            } else {
                // A subnormal result (or zero, or the smallest normal after rounding
                // up): the adder aligns x to the smallest subnormal's ulp.
                let x = Float(bitPattern: a)
                let sum = x + magic
                let lo = x - (sum - magic)
                let subnormal = rule.adjust(sum.bitPattern &- magicBits, lo: lo, half: halfUlp, refinement: refinement,
                                            negative: negative, random: random)
                r = a < minNormal ? subnormal : normal
            }
            dst[i] = D(truncatingIfNeeded: r | Z.sign(of: u, result: r, shift: signShift))
            rare |= rareAbove &- a    // the top bit is set when a > rareAbove (both < 2^31)
            below |= a &- tinyBelow   // and here when a < tinyBelow
        }
        return BlockFlags(large: rare & 0x8000_0000 != 0, tiny: below & 0x8000_0000 != 0)
    }
}

extension LanePlan {
    /// The results of magnitudes above the target's largest finite value, from
    /// the core (`NarrowingPlan`), by sign (0 positive, 1 negative).
    @usableFromInline struct LargeResults: Sendable {
        @usableFromInline let largestFiniteMagnitude: UInt32
        @usableFromInline let overflow: (UInt32, UInt32)
        @usableFromInline let infinity: (UInt32, UInt32)

        @usableFromInline init(_ plan: NarrowingPlan) {
            largestFiniteMagnitude = UInt32(truncatingIfNeeded: plan.maxMagnitude)
            overflow = (UInt32(truncatingIfNeeded: plan.overflowCode.0), UInt32(truncatingIfNeeded: plan.overflowCode.1))
            infinity = (UInt32(truncatingIfNeeded: plan.infinityCode.0), UInt32(truncatingIfNeeded: plan.infinityCode.1))
        }
    }

    /// Does again, in a block `run` marked, the lanes it left: a magnitude
    /// above the target's largest finite value rounds at the fixed shift like
    /// a normal result, and becomes the overflow result if that passes the
    /// largest finite magnitude; an infinity takes the infinity result. Every
    /// choice is a select, so this pass vectorizes too, and a block with one
    /// outlier costs two passes, not the scalar kernel. Returns whether the
    /// block holds a NaN, whose lane is left for the core.
    @inlinable @inline(never)
    func redoLarge<R: LaneRule, D: FixedWidthInteger & UnsignedInteger>(
        _ rule: R, _ large: LargeResults, _ src: UnsafePointer<UInt32>, _ dst: UnsafeMutablePointer<D>, count: Int,
        firstIndex: UInt32, key: UInt32
    ) -> Bool {
        let rebias = rebias, shift = shift, signShift = signShift, rareAbove = rareAbove
        let largest = large.largestFiniteMagnitude, overflow = large.overflow, infinity = large.infinity
        var nan: UInt32 = 0
        for i in 0..<count {
            let u = src[i]
            let a = u & 0x7FFF_FFFF
            let negative = u & 0x8000_0000 != 0
            let random = rule.random(firstIndex &+ UInt32(truncatingIfNeeded: i), key: key)
            let code = rule.round(a &- rebias, shift: shift, negative: negative, random: random)
            let finite = code > largest ? (negative ? overflow.1 : overflow.0) : code | ((u & 0x8000_0000) &>> signShift)
            let r = a == 0x7F80_0000 ? (negative ? infinity.1 : infinity.0) : finite
            dst[i] = a > rareAbove ? D(truncatingIfNeeded: r) : dst[i]
            nan |= 0x7F80_0000 &- a    // the top bit is set when a is a NaN
        }
        return nan & 0x8000_0000 != 0
    }
}
