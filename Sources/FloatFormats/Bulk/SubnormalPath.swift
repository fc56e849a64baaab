/// How a vector kernel computes subnormal values, as a type so that the loop
/// carries no per-element choice.
///
/// Formats with float32's exponent range (bfloat16, tfloat32) have their
/// subnormals at float32's bit positions: the formula for normal values, a
/// fixed shift of the bits, covers them too. Other formats need a path of
/// their own (the adder as a shifter when narrowing, an exact integer-to-float
/// conversion when widening).
@usableFromInline protocol SubnormalPath {
    /// Whether the normal formula covers subnormals too.
    static var followsNormalFormula: Bool { get }
}

/// Subnormals on a path of their own.
@usableFromInline enum SeparateSubnormalPath: SubnormalPath {
    @inlinable static var followsNormalFormula: Bool { false }
}

/// Subnormals by the normal formula: formats with float32's exponent range.
@usableFromInline enum NormalFormulaForSubnormals: SubnormalPath {
    @inlinable static var followsNormalFormula: Bool { true }
}
