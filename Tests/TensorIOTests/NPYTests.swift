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
