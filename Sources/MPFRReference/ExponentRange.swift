import CMPFR
import Foundation

/// MPFR keeps its exponent range in global state, one copy per thread when
/// MPFR is built thread-safe (`mpfr_buildopt_tls_p()`, true of Debian's and
/// most distributions' builds). Every use of a narrowed range goes through
/// here: the calling thread sets its own range and restores it afterwards, so
/// threads never see each other's range. With a build without thread-local
/// storage the range is shared by all threads, and every use is taken under
/// one lock instead.
enum ExponentRange {
    /// Whether MPFR's global state (exponent range, flags) is per thread.
    static let isPerThread = mpfr_buildopt_tls_p() != 0
    private static let lock = NSLock()

    /// Runs `body` with MPFR's exponent range set to [emin, emax], then restores it.
    static func with<T>(emin: Int, emax: Int, _ body: () throws -> T) rethrows -> T {
        if !isPerThread { lock.lock() }
        defer { if !isPerThread { lock.unlock() } }
        let savedMin = mpfr_get_emin(), savedMax = mpfr_get_emax()
        mpfr_set_emin(mpfr_exp_t(emin))
        mpfr_set_emax(mpfr_exp_t(emax))
        defer {
            mpfr_set_emin(savedMin)
            mpfr_set_emax(savedMax)
        }
        return try body()
    }

    /// The calling thread's range, as MPFR reports it.
    static var current: (emin: Int, emax: Int) { (Int(mpfr_get_emin()), Int(mpfr_get_emax())) }
}
