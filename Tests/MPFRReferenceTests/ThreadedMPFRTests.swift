import Dispatch
import Foundation
import Testing
import FloatFormats
@testable import MPFRReference

/// MPFR from many threads at once: each thread narrows and restores its own
/// exponent range (MPFR's state is per thread in a thread-safe build), so
/// every thread computes what one thread alone computes, and no thread is
/// left with another's range. Run under ThreadSanitizer by `make sanitize`.
@Suite struct ThreadedMPFRTests {
    @Test func exponentRangeIsPerThreadAndRestored() {
        #expect(ExponentRange.isPerThread, "this MPFR is built without thread-local storage; ranges are then taken under a lock")
        let formats = constantFormats
        let serial = formats.map { f in [Referee.maxFinite(f), Referee.smallestNormal(f)].map(\.description) + [Referee.smallestSubnormal(f)?.description ?? "-"] }
        let defaults = ExponentRange.current
        let failures = Locked(0)
        DispatchQueue.concurrentPerform(iterations: 16) { t in
            let before = ExponentRange.current
            for round in 0..<20 {
                let i = (t * 7 + round * 3) % formats.count
                let f = formats[i]
                let got = [Referee.maxFinite(f), Referee.smallestNormal(f)].map(\.description) + [Referee.smallestSubnormal(f)?.description ?? "-"]
                if got != serial[i] { failures.update { $0 += 1 } }
                // Inside another thread's narrowed range, this thread's own is untouched.
                ExponentRange.with(emin: -10 - t, emax: 10 + t) {
                    if ExponentRange.current != (-10 - t, 10 + t) { failures.update { $0 += 1 } }
                }
            }
            if ExponentRange.current != before { failures.update { $0 += 1 } }
        }
        #expect(failures.value == 0)
        #expect(ExponentRange.current == defaults)
    }
}

/// A value shared between threads, behind a lock.
final class Locked<T>: @unchecked Sendable {
    private var stored: T
    private let lock = NSLock()
    init(_ value: T) { stored = value }
    var value: T { lock.lock(); defer { lock.unlock() }; return stored }
    func update(_ body: (inout T) -> Void) { lock.lock(); defer { lock.unlock() }; body(&stored) }
}
