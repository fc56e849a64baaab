import FloatFormats

/// One disagreement between what was computed and what a reference expected,
/// as values: the input encoding, the element index (which picks the random
/// integer of stochastic rounding), the options, the expectation and the
/// actual result. Renderers (`FormatReport`) turn it into text.
public struct Mismatch: Hashable, Sendable {
    public let source: FloatFormat
    public let target: FloatFormat
    /// The source encoding.
    public let input: UInt64
    /// The element index of the input.
    public let index: UInt64
    public let options: RoundingOptions
    public let expected: Expected
    /// The encoding the code under test produced.
    public let actualCode: UInt64
    /// Its flags, when the code under test reports them.
    public let actualFlags: ExceptionFlags?
    /// Who computed the expectation: `MPFR`, `core`.
    public let reference: String

    public init(source: FloatFormat, target: FloatFormat, input: UInt64, index: UInt64, options: RoundingOptions,
                expected: Expected, actualCode: UInt64, actualFlags: ExceptionFlags?, reference: String) {
        self.source = source
        self.target = target
        self.input = input
        self.index = index
        self.options = options
        self.expected = expected
        self.actualCode = actualCode
        self.actualFlags = actualFlags
        self.reference = reference
    }
}
