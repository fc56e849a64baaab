/// A simulation that cannot run: its message names the problem and the way out.
public struct SimulationError: Error, CustomStringConvertible, Sendable, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
