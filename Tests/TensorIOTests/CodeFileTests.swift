import Foundation
import Testing
import FloatFormats
@testable import TensorIO

/// Encodings read the way `floatlab check` reads someone else's files.
@Suite struct CodeFileTests {
    @Test func documentedExample() throws {
        #expect(try CodeFile.codes(text: "0x38\n1.125\n# done\n", in: .float8_e4m3fn) == [56, 57])
    }

    @Test func kindsByExtension() {
        #expect(CodeFile.kind(of: "a.npy") == .npy && CodeFile.kind(of: "a.bin") == .raw && CodeFile.kind(of: "a.RAW") == .raw)
        #expect(CodeFile.kind(of: "a.txt") == .text && CodeFile.kind(of: "a.npy", raw: true) == .raw)
    }

    @Test func rawNpyAndTextAgree() throws {
        let codes: [UInt64] = [0x0000, 0x3F80, 0x7FC0, 0xFF80, 0x0001]
        let raw = RawElements.encode(codes, width: 2)
        #expect(try CodeFile.codes(raw, kind: .raw, in: .bfloat16) == codes)
        let npy = NPYArray(dtype: .unsigned(bytes: 2), shape: [codes.count], data: raw).encoded()
        #expect(try CodeFile.codes(npy, kind: .npy, in: .bfloat16) == codes)
        let typed = NPYArray(dtype: .float(.bfloat16), shape: [codes.count], data: raw).encoded()
        #expect(try CodeFile.codes(typed, kind: .npy, in: .bfloat16) == codes)
        #expect(try CodeFile.codes(text: CodeFile.text(codes, in: .bfloat16), in: .bfloat16) == codes)
        // Decimals are rounded to nearest even into the format; words after the first are ignored.
        #expect(try CodeFile.codes(text: "1.00390625 x\n-0\n", in: .bfloat16) == [0x3F80, 0x8000])
    }

    /// Foundation's "The operation could not be completed" is replaced by what to do.
    @Test func readFailuresSayWhatToDo() {
        #expect(ReadFailure.reason(CocoaError(.fileReadNoPermission)) == "permission denied; check the file's permissions")
        #expect(ReadFailure.reason(CocoaError(.fileReadNoSuchFile)) == "no such file; check the path")
        #expect(ReadFailure.reason(NSError(domain: NSPOSIXErrorDomain, code: Int(EISDIR))) == "Is a directory")
        let e = #expect(throws: TensorIOError.self) { try CodeFile.read("/nonexistent/out.txt", in: .bfloat16) }
        #expect(e?.message == "cannot read /nonexistent/out.txt: no such file; check the path.")
    }

    @Test func badInputNamesThePlace() {
        #expect(throws: TensorIOError.self) { try CodeFile.codes(Data([1, 2, 3]), kind: .raw, in: .bfloat16, name: "out.bin") }
        do {
            _ = try CodeFile.codes(text: "0x38\nbanana\n", in: .float8_e4m3fn, name: "out.txt")
            Issue.record("accepted a bad line")
        } catch {
            #expect(error.message.contains("out.txt, line 2"))
        }
        let wrongWidth = NPYArray(dtype: .unsigned(bytes: 4), shape: [1], data: Data(count: 4)).encoded()
        do {
            _ = try CodeFile.codes(wrongWidth, kind: .npy, in: .bfloat16, name: "x.npy")
            Issue.record("accepted a uint32 array as bfloat16")
        } catch {
            #expect(error.message.contains("x.npy") && error.message.contains("uint16"))
        }
        #expect(throws: TensorIOError.self) { try CodeFile.read("/nonexistent/file.txt", in: .bfloat16) }
    }

    /// Found by FuzzCheckOutputs: a byte array read as a 6-bit format kept codes
    /// with the top two bits set, which are not encodings of it.
    @Test func codesOutsideTheFormatAreRefused() throws {
        let e3m2b2 = try FormatSpec.parse("e3m2b2")
        let bytes = NPYArray(dtype: .unsigned(bytes: 1), shape: [3], data: Data([0x38, 0x40, 0xFF])).encoded()
        let e = #expect(throws: TensorIOError.self) { try CodeFile.codes(bytes, kind: .npy, in: e3m2b2, name: "out.npy") }
        #expect(e?.message.contains("out.npy: element 1 is 0x40") == true && e?.message.contains("2 of 3") == true, "\(e?.message ?? "")")
        #expect(throws: TensorIOError.self) { try CodeFile.codes(Data([0x80]), kind: .raw, in: .float4_e2m1fn) }
        #expect(try CodeFile.codes(Data([0x0F, 0x3F]), kind: .raw, in: e3m2b2) == [0x0F, 0x3F])
    }
}
