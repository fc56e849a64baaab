import Foundation

/// The temporary files and folders of outputs being written, removed when
/// the process is interrupted: after `removeOnInterrupt()`, SIGINT, SIGTERM
/// and SIGHUP unlink every registered path (files first, then folders) and
/// then end the process by the same signal, so its exit status still says it
/// was interrupted (130 for ^C in a shell).
///
/// The paths live in fixed slots of C strings that the signal handler reads
/// without locks or allocation (`unlink` and `rmdir` are async-signal-safe);
/// a slot's string is never freed, so a handler racing an `unregister` never
/// reads freed memory. The slots hold 256 outputs open at once; more are
/// written correctly but not removed on an interrupt.
public enum TemporaryFiles {
    static let capacity = 256
    nonisolated(unsafe) static let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let p = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        p.initialize(repeating: nil, count: capacity)
        return p
    }()
    static let lock = NSLock()

    /// Starts tracking a temporary path.
    public static func register(_ path: String) {
        lock.lock()
        defer { lock.unlock() }
        for i in 0..<capacity where slots[i] == nil {
            slots[i] = strdup(path)
            return
        }
    }

    /// Stops tracking a path (renamed into place, or removed).
    public static func unregister(_ path: String) {
        lock.lock()
        defer { lock.unlock() }
        for i in 0..<capacity {
            if let p = slots[i], String(cString: p) == path {
                slots[i] = nil   // the string is kept: a signal handler may be reading it
                return
            }
        }
    }

    /// The paths tracked now.
    public static var registered: [String] {
        lock.lock()
        defer { lock.unlock() }
        return (0..<capacity).compactMap { slots[$0].map { String(cString: $0) } }
    }

    /// Installs the handlers (once; later calls do nothing).
    public static func removeOnInterrupt() {
        lock.lock()
        defer { lock.unlock() }
        guard !installed else { return }
        installed = true
        _ = slots
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { sig in
                TemporaryFiles.removeAllFromSignalHandler()
                signal(sig, SIG_DFL)
                raise(sig)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(sig, &action, nil)
        }
        // A parent may have started this process with the signals blocked (the mask is inherited); take them.
        var set = sigset_t()
        sigemptyset(&set)
        for sig in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&set, sig) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
    nonisolated(unsafe) static var installed = false

    /// Only async-signal-safe calls: unlink every file, then rmdir every folder.
    static func removeAllFromSignalHandler() {
        for i in 0..<capacity { if let p = slots[i] { unlink(p) } }
        for i in 0..<capacity { if let p = slots[i] { rmdir(p) } }
    }
}
