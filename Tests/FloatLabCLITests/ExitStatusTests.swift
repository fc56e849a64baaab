import Foundation
import Testing
import FloatLabTestSupport

/// Exit statuses: 0 success, 1 bad input or differences found, 2 bad usage; messages on stderr only.
@Suite struct ExitStatusTests {
    @Test func badUsageIsTwo() throws {
        for args in [["table", "--nope"], ["table", "--formats", "nope"], ["convert", "--to", "e4m3", "--rounding", "sideways"],
                     ["quantize", "x.npy"], ["simulate", "qgemm", "--bits", "99"], ["nonexistent-command"]] {
            let r = try floatlab(args)
            #expect(r.status == 2, "\(args): \(r.status)")
            #expect(r.stdout.isEmpty && r.stderr.contains("Error:"), "\(args)")
        }
    }

    /// A mistyped option is named as such, even where the command also lacks an option it needs
    /// (ArgumentParser's validate() would otherwise speak first, of the option meant).
    @Test func mistypedOptionsAreNamed() throws {
        for (args, name) in [(["quantize", "x.npy", "--schem", "int8"], "--schem"), (["check", "--from", "float32", "--to", "bfloat16", "--output", "x"], "--output"),
                             (["verify", "arithmetic", "--format", "bfloat16", "--exhaustiv"], "--exhaustiv"), (["report", "--schemes", "int8", "--dat", "x"], "--dat")] {
            let r = try floatlab(args)
            #expect(r.status == 2 && r.stderr.contains("Unknown option '\(name)'"), "\(args): \(r.stderr)")
        }
    }

    @Test func badInputIsOne() throws {
        for args in [["quantize", "/nonexistent/file.npy", "--scheme", "int8"], ["decode", "--format", "e4m3", "0x1ff"],
                     ["report", "--out", "/nonexistent/dir/r.html"]] {
            let r = try floatlab(args)
            #expect(r.status == 1, "\(args): \(r.status)")
            #expect(r.stdout.isEmpty && !r.stderr.isEmpty, "\(args)")
        }
    }

    @Test func successAndHelpAreZero() throws {
        #expect(try floatlab(["table"]).status == 0)
        #expect(try floatlab(["--help"]).status == 0)
        #expect(try floatlab(["simulate", "qgemm", "--help"]).status == 0)
    }
}
