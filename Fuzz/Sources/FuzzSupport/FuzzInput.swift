import CLibFuzzer
import FloatFormats
import Foundation

/// A fuzzer's bytes, split the way every target here splits them: leading
/// bytes choose among a target's settings (a format, an operation, a kind of
/// file), the rest is the input proper.
public struct FuzzInput {
    public private(set) var bytes: ArraySlice<UInt8>

    public init() { bytes = [] }

    public init(_ start: UnsafePointer<UInt8>, _ count: Int) {
        bytes = ArraySlice(UnsafeBufferPointer(start: start, count: count))
    }

    /// The next byte, or 0 when none is left.
    public mutating func byte() -> UInt8 {
        guard let b = bytes.first else { return 0 }
        bytes = bytes.dropFirst()
        return b
    }

    /// One of `choices`, picked by the next byte.
    public mutating func pick<T>(_ choices: [T]) -> T {
        choices[Int(byte()) % choices.count]
    }

    /// What is left, as text (invalid UTF-8 repaired, as the commands read it).
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Every rounding mode, stochastic with 8 random bits.
    public static let modes: [RoundingMode] = [.nearestEven, .nearestAway, .towardZero, .up, .down, .odd, .stochastic(bits: 8)]

    /// Every catalogue format and a few custom ones (wide, odd biases, no infinities).
    public static let formats: [FloatFormat] = Catalogue.formats + ["e3m2b2", "e6m9", "e11m40", "e2m5fn", "e5m2b-3", "e8m0fnu", "binary16p11", "e1m6"].compactMap { try? FormatSpec.parse($0) }
}

/// Stops the run with a message when a property that must hold does not:
/// libFuzzer records the input that broke it.
public func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fatalError("property violated: \(message())") }
}

nonisolated(unsafe) private var fuzzBody: ((inout FuzzInput) -> Void)?

/// Hands `body` to libFuzzer's driver with the process's arguments (libFuzzer
/// flags, corpus folders, or files to replay) and exits with its status.
public func runFuzzer(_ body: @escaping (inout FuzzInput) -> Void) -> Never {
    fuzzBody = body
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    let status = LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        var input = size == 0 ? FuzzInput() : FuzzInput(data!, size)
        fuzzBody!(&input)
        return 0
    }
    exit(status)
}
