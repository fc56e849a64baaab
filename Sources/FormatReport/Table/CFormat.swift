import Foundation

/// C's `printf` conversions for one Double, in one place.
enum CFormat {
    static func fixed(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }
    static func general(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)g", x) }
    static func scientific(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)e", x) }
}
