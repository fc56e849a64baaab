/// Why a tensor could not be quantized: a scheme name not understood, an
/// option that does not apply, a shape a scheme cannot take, a non-finite value.
public struct QuantizationError: Error, Hashable, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
