import CMPFR
import Foundation

/// MPFR keeps its exponent range in (thread-local) global state. Every use of a
/// narrowed range goes through here: taken under one lock, restored afterwards.
enum ExponentRange {
    private static let lock = NSLock()

    /// Runs `body` with MPFR's exponent range set to [emin, emax], then restores it.
    static func with<T>(emin: Int, emax: Int, _ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        let savedMin = mpfr_get_emin(), savedMax = mpfr_get_emax()
        mpfr_set_emin(mpfr_exp_t(emin))
        mpfr_set_emax(mpfr_exp_t(emax))
        defer {
            mpfr_set_emin(savedMin)
            mpfr_set_emax(savedMax)
        }
        return try body()
    }
}
