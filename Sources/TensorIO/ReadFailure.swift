import Foundation

/// Why a file could not be read, in words a person can act on (Foundation's
/// own text is "The operation could not be completed…").
///
/// ```swift
/// // ReadFailure.reason(CocoaError(.fileReadNoPermission))   // "permission denied; check the file's permissions"
/// ```
enum ReadFailure {
    static func reason(_ error: Error) -> String {
        if let e = error as? CocoaError {
            switch e.code {
            case .fileReadNoPermission: return "permission denied; check the file's permissions"
            case .fileReadNoSuchFile, .fileNoSuchFile: return "no such file; check the path"
            case .fileReadInapplicableStringEncoding: return "it is not UTF-8 text"
            case .fileReadTooLarge: return "it is too large to read"
            default: break
            }
            if let posix = (e.userInfo[NSUnderlyingErrorKey] as? NSError), posix.domain == NSPOSIXErrorDomain {
                return String(cString: strerror(Int32(posix.code)))
            }
        }
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        return error.localizedDescription
    }
}
