import Foundation
import Testing
import FloatFormats
import TensorIO

@Suite struct NPYTests {
    /// A header written by hand from the format description (version 1.0):
    /// magic, version, little-endian header length, a Python dict literal padded
    /// with spaces to a multiple of 64 bytes and ended by a newline.
    @Test func readsAHandWrittenFile() throws {
        var header = "{'descr': '<u2', 'fortran_order': False, 'shape': (2, 2), }"
        header += String(repeating: " ", count: 64 - (10 + header.count + 1) % 64) + "\n"
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.count), 0] + Array(header.utf8)
        bytes += [0x00, 0x3C, 0x00, 0xC0, 0xFF, 0x7B, 0x01, 0x00]
        let a = try NPYArray(decoding: Data(bytes))
        #expect(a.dtype == .unsigned(bytes: 2) && a.shape == [2, 2] && a.count == 4)
        #expect(try RawElements.decode(a.data, width: 2) == [0x3C00, 0xC000, 0x7BFF, 0x0001])
    }

    @Test func roundTrips() throws {
        let dtypes: [TensorDType] = [.float(.float16), .float(.float32), .float(.float64), .bool,
                                     .signed(bytes: 1), .signed(bytes: 2), .signed(bytes: 4), .signed(bytes: 8),
                                     .unsigned(bytes: 1), .unsigned(bytes: 2), .unsigned(bytes: 4), .unsigned(bytes: 8)]
        for element in dtypes {
            let a = NPYArray(dtype: element, shape: [3, 1], data: Data((0..<(3 * element.size)).map { UInt8($0 % 2) }))
            let encoded = a.encoded()
            #expect(encoded.count % 64 == (3 * element.size) % 64)   // header padded to 64
            #expect(try NPYArray(decoding: encoded) == a)
        }
    }

    @Test(arguments: [
        (Data([1, 2, 3]), "not a .npy file"),
        (Data([0x93] + Array("NUMPY".utf8) + [9, 0, 0, 0]), "version 9"),
    ])
    func rejectsBadFiles(_ data: Data, _ message: String) {
        do {
            _ = try NPYArray(decoding: data)
            Issue.record("accepted")
        } catch {
            #expect(error.message.contains(message), "\(error.message)")
        }
    }

    /// A version-1.0 file around a header text, padded as NumPy pads it.
    static func npy(header: String, data: [UInt8]) -> Data {
        let h = header + String(repeating: " ", count: (64 - (10 + header.utf8.count + 1) % 64) % 64) + "\n"
        let n = h.utf8.count
        return Data([0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(n & 0xFF), UInt8(n >> 8)] + Array(h.utf8) + data)
    }

    /// The header is parsed as the dictionary literal it is (NumPy reads it
    /// with ast.literal_eval), not searched: keys in any order, either quote,
    /// Python 2's 3L; wrong, missing, doubled or unknown keys are refused.
    @Test(arguments: [
        ("{'shape': (2,), \"fortran_order\": False, 'descr': '<u1'}", [2]),
        ("{'descr': '|u1', 'fortran_order': False, 'shape': (2L,),}", [2]),
        ("{'descr': '|u1', 'fortran_order': False, 'shape': (1, 2)}", [1, 2]),
        ("{'descr': '|u1', 'fortran_order': True, 'shape': ()}", []),
    ])
    func headerIsALiteral(_ header: String, _ shape: [Int]) throws {
        let a = try NPYArray(decoding: Self.npy(header: header, data: [7, 9]))
        #expect(a.shape == shape && a.dtype == .unsigned(bytes: 1))
    }

    @Test(arguments: [
        // Found by FuzzNPY: a missing comma between entries used to be read.
        ("{'descr': '|u1', 'fortran_order': False 'shape': (2,), }", "',' or '}' expected"),
        ("{'descr': '|u1', 'fortran_order': False, 'shape': (2,), 'extra': 1}", "the key 'extra'"),
        ("{'descr': '|u1', 'descr': '<f4', 'fortran_order': False, 'shape': (2,)}", "twice"),
        ("{'descr': '|u1', 'fortran_order': False}", "no 'shape'"),
        ("{'descr': '|u1', 'fortran_order': 0, 'shape': (2,)}", "not True or False"),
        ("{'descr': '|u1', 'fortran_order': None, 'shape': (2,)}", "not a string, True, False"),
        ("{'descr': '|u1', 'fortran_order': False, 'shape': ('2',)}", "a size"),
        ("{'descr': '|u1', 'fortran_order': False, 'shape': (99999999999999999999,)}", "over 2^48"),
        ("{'descr': '|u1', 'fortran_order': False, 'shape': (2,)} x", "text after"),
        ("{'descr': '|u1, 'fortran_order': False, 'shape': (2,)}", "expected"),
        ("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,)}", "structured"),
        ("{'note': 'shape (2,)', 'descr': '|u1', 'fortran_order': False}", "the key 'note'"),
    ])
    func headerRefusals(_ header: String, _ message: String) {
        let e = #expect(throws: TensorIOError.self) { try NPYArray(decoding: Self.npy(header: header, data: [7, 9])) }
        #expect(e?.message.contains(message) == true, "\(e?.message ?? "")")
    }

    @Test func rejectsUnsupportedDtypes() throws {
        for (descr, message) in [("<c8", "not supported"), ("<V2", "--dtype"), ("<U3", "not supported")] {
            let h = "{'descr': '\(descr)', 'fortran_order': False, 'shape': (1,), }"
            let bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(h.count), 0] + Array(h.utf8) + [0, 0, 0, 0, 0, 0, 0, 0]
            do {
                _ = try NPYArray(decoding: Data(bytes))
                Issue.record("\(descr) accepted")
            } catch {
                #expect(error.message.contains(message))
            }
        }
        let truncated = NPYArray(dtype: .float(.float32), shape: [4], data: Data(count: 16)).encoded().dropLast(3)
        #expect(throws: TensorIOError.self) { try NPYArray(decoding: Data(truncated)) }
    }

    @Test func rawElementsAreLittleEndian() throws {
        #expect(RawElements.encode([0x1234, 0xABCD], width: 2) == Data([0x34, 0x12, 0xCD, 0xAB]))
        #expect(FloatFormat.float4_e2m1fn.storageBytes == 1)
        #expect(FloatFormat.tfloat32.storageBytes == 4)
        #expect(throws: TensorIOError.self) { try RawElements.decode(Data([1, 2, 3]), width: 2) }
    }
}
