import FloatFormats
import Verification
import Foundation

/// The core's arithmetic against MPFR: every operation on the given operand
/// tuples in every given mode, counted per operation and mode, with the
/// first mismatches kept.
public struct ArithmeticCheck: Sendable {
    public let format: FloatFormat
    public var operations: [ArithmeticOperation]
    public var modes: [RoundingMode]
    public var options: ArithmeticOptions

    /// The operands: every tuple (exhaustive), or `count` seeded random ones per operation.
    public enum Operands: Sendable {
        case exhaustive
        case random(count: Int, seed: UInt64)
        /// TestFloat-style tuples (`StructuredOperands`): specials, ties, cancellation, exponent gaps, thresholds.
        case structured(seed: UInt64)
    }

    public struct Row: Sendable {
        public let operation: ArithmeticOperation
        public let mode: RoundingMode
        public var comparisons = 0
        public var mismatchCount = 0
    }

    public struct Failure: Sendable, CustomStringConvertible {
        public let operation: ArithmeticOperation
        public let mode: RoundingMode
        public let operands: [UInt64]
        public let expected: String
        public let actual: RoundedResult

        public var description: String {
            let hex = operands.map { "0x" + String($0, radix: 16, uppercase: true) }.joined(separator: " ")
            return "\(operation.rawValue) \(hex) (\(mode.name)): MPFR \(expected), core 0x\(String(actual.code, radix: 16, uppercase: true)) \(actual.flags.letters)"
        }
    }

    public struct Report: Sendable {
        public var rows: [Row] = []
        public var failures: [Failure] = []
        public var mismatchCount: Int { rows.reduce(0) { $0 + $1.mismatchCount } }
        public var comparisons: Int { rows.reduce(0) { $0 + $1.comparisons } }

        /// The report as `floatlab verify arithmetic` prints it: a line per operation and mode
        /// (`add nearest-even: 65536 compared, 0 mismatches`), the totals, then the first mismatches.
        public func lines(format: FloatFormat, operands: String, seconds: Double, show: Int) -> [String] {
            var out = ["verify arithmetic \(format.name)", "operands: \(operands)"]
            for row in rows {
                out.append("\(row.operation.rawValue) \(row.mode.name): \(row.comparisons) compared, \(row.mismatchCount) mismatches")
            }
            out += ["comparisons: \(comparisons)", "mismatches: \(mismatchCount)", String(format: "time: %.1f s", seconds)]
            out += failures.prefix(show).map { "mismatch: \($0)" }
            return out
        }
    }

    public init(format: FloatFormat, operations: [ArithmeticOperation] = ArithmeticOperation.allCases,
                modes: [RoundingMode] = RoundingMode.deterministic, options: ArithmeticOptions = .default) {
        self.format = format
        self.operations = operations
        self.modes = modes
        self.options = options
    }

    /// The operand tuples of an operation.
    public func tuples(_ op: ArithmeticOperation, _ operands: Operands) -> [[UInt64]] {
        let codes = UInt64(1) << UInt64(format.bitWidth)
        switch operands {
        case .exhaustive:
            precondition(pow(Double(codes), Double(op.arity)) <= 0x1p26, "too many tuples to enumerate")
            var out: [[UInt64]] = [[]]
            for _ in 0..<op.arity { out = out.flatMap { t in (0..<codes).map { t + [$0] } } }
            return out
        case .random(let count, let seed):
            // The core's seeded stream, one for each operation.
            let stream = RandomStream(seed: seed &+ UInt64(ArithmeticOperation.allCases.firstIndex(of: op)!) &* 0x9E37_79B9_7F4A_7C15)
            let mask = format.encodingMask, arity = op.arity
            return (0..<count).map { k in (0..<arity).map { j in stream[UInt64(k * arity + j)] & mask } }
        case .structured(let seed):
            return StructuredOperands.tuples(op, in: format, seed: seed)
        }
    }

    /// Runs the check; `progress(done, total)` after each operation and mode.
    public func run(_ operands: Operands, keep: Int = 20, progress: ((Int, Int) -> Void)? = nil) -> Report {
        let target = Referee.Target(format)
        var report = Report()
        let total = operations.count * modes.count
        var done = 0
        for op in operations {
            let work = tuples(op, operands)
            for mode in modes {
                var o = options
                o.rounding.mode = mode
                var row = Row(operation: op, mode: mode)
                for (k, t) in work.enumerated() {
                    let random = UInt64(truncatingIfNeeded: k &* 0x2545_F491_4F6C_DD1D) >> 16
                    let got = op.apply(format, t, options: o, random: random)
                    let want = Referee.expected(op, t, in: target, options: o, random: random)
                    row.comparisons += 1
                    if !Referee.agrees(got.code, got.flags, in: format, with: want) {
                        row.mismatchCount += 1
                        if report.failures.count < keep {
                            report.failures.append(Failure(operation: op, mode: mode, operands: t, expected: want.description, actual: got))
                        }
                    }
                }
                report.rows.append(row)
                done += 1
                progress?(done, total)
            }
        }
        return report
    }
}
