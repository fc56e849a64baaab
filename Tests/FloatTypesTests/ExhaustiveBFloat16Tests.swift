import Foundation
import Testing
import FloatFormats
import FloatTypes

/// Every pair of bfloat16 values through + − × ÷ against the core: 2^32 pairs per operation, a few minutes on two
/// cores, so it runs from `make verify-types` (FLOATLAB_EXHAUSTIVE_TYPES=1), not in the default suite.
@Suite struct ExhaustiveBFloat16Tests {
    @Test("every pair of bfloat16 values through + − × ÷ equals the core", .enabled(if: ProcessInfo.processInfo.environment["FLOATLAB_EXHAUSTIVE_TYPES"] == "1"))
    func everyPair() {
        let f = FloatFormat.bfloat16
        let chunks = 64
        final class Tally: @unchecked Sendable {
            let lock = NSLock()
            var mismatches: [String] = []
            var compared = 0
        }
        let tally = Tally()
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            var bad: [String] = []
            var count = 0
            for a in stride(from: chunk, to: 65536, by: chunks) {
                let x = BFloat16(bitPattern: UInt16(a))
                for b in 0..<65536 {
                    let y = BFloat16(bitPattern: UInt16(b))
                    let ca = UInt64(a), cb = UInt64(b)
                    if (x + y).bitPattern != UInt16(f.add(ca, cb).code) { bad.append("\(x.debugDescription) + \(y.debugDescription)") }
                    if (x - y).bitPattern != UInt16(f.subtract(ca, cb).code) { bad.append("\(x.debugDescription) − \(y.debugDescription)") }
                    if (x * y).bitPattern != UInt16(f.multiply(ca, cb).code) { bad.append("\(x.debugDescription) × \(y.debugDescription)") }
                    if (x / y).bitPattern != UInt16(f.divide(ca, cb).code) { bad.append("\(x.debugDescription) ÷ \(y.debugDescription)") }
                    count += 4
                }
            }
            tally.lock.lock()
            tally.mismatches += bad.prefix(5)
            tally.compared += count
            tally.lock.unlock()
        }
        let (compared, mismatches) = (tally.compared, tally.mismatches)
        print("bfloat16 pairs: \(compared) comparisons, \(mismatches.count) mismatches")
        #expect(compared == 4 << 32 && mismatches.isEmpty, "\(mismatches.prefix(5))")
    }
}
