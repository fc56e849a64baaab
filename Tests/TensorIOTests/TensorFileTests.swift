import Foundation
import Testing
import FloatFormats
import TensorIO

/// The fixtures NumPy, ml_dtypes and the safetensors package wrote
/// (scripts/make-tensor-fixtures.py), with the values they hold.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    struct Expected: Decodable {
        let dtype: String
        let shape: [Int]
        let values: [Double]
    }

    static func expected() throws -> [String: Expected] {
        try JSONDecoder().decode([String: Expected].self, from: Data(contentsOf: directory.appendingPathComponent("expected.json")))
    }

    /// A stored tensor's elements as float64 (floats and integers alike).
    static func numbers(_ t: StoredTensor) -> [Double] {
        if let f = t.floatValues() { return f.map(Double.init) }
        return t.data.withUnsafeBytes { raw in
            (0..<t.count).map { i -> Double in
                switch t.dtype {
                case .bool: return Double(raw[i])
                case .signed(let n):
                    var v: UInt64 = 0
                    for b in 0..<n { v |= UInt64(raw[i * n + b]) << UInt64(8 * b) }
                    let shift = UInt64(64 - 8 * n)
                    return Double(Int64(bitPattern: v << shift) >> Int64(shift))
                case .unsigned(let n):
                    var v: UInt64 = 0
                    for b in 0..<n { v |= UInt64(raw[i * n + b]) << UInt64(8 * b) }
                    return Double(v)
                case .float: return .nan
                }
            }
        }
    }
}

@Suite("Tensor files written by NumPy, ml_dtypes and safetensors")
struct TensorFileTests {
    @Test("every .npy fixture: version 1–3, big endian, Fortran order, bool, scalar, ml_dtypes' opaque V1/V2 with a named format")
    func npyFixtures() throws {
        for (name, want) in try Fixtures.expected() where name.hasSuffix(".npy") && !name.contains(":") {
            let opaque: FloatFormat? = want.dtype == "bfloat16" || want.dtype.hasPrefix("float8") ? try FloatFormat.named(want.dtype) : nil
            let file = try TensorFile(path: Fixtures.path(name), assuming: opaque)
            let t = try file.read(0)
            #expect(t.shape == want.shape, "\(name)")
            #expect(t.dtype.description == want.dtype || want.dtype == "float64" && t.dtype == .float(.float64), "\(name): \(t.dtype)")
            let got = Fixtures.numbers(t)
            let exact = want.dtype != "float64"    // float64 values arrive rounded to float32
            for (g, w) in zip(got, want.values) {
                #expect(exact ? g == w : Float(w) == Float(g), "\(name): \(g) vs \(w)")
            }
            #expect(got.count == want.values.count)
        }
        // Without the format, an opaque array is refused, and the message says how to go on.
        let e = #expect(throws: TensorIOError.self) { try TensorFile(path: Fixtures.path("bfloat16-ml_dtypes.npy")) }
        #expect(e?.message.contains("--dtype") == true)
    }

    @Test("the safetensors fixture: every dtype, shapes, metadata, tensor-by-tensor reads")
    func safetensorsFixture() throws {
        let file = try TensorFile(path: Fixtures.path("small.safetensors"))
        #expect(file.metadata == ["format": "pt", "source": "fixtures"])
        let expected = try Fixtures.expected()
        #expect(file.entries.count == 7)
        for i in file.entries.indices {
            let t = try file.read(i)
            let want = try #require(expected["small.safetensors:" + t.name])
            #expect(t.shape == want.shape)
            #expect(Fixtures.numbers(t) == want.values.map { t.dtype == .float(.float64) ? Double(Float($0)) : $0 }, "\(t.name)")
        }
    }

    @Test("writing safetensors and reading back: bytes, dtypes and metadata survive; the header is padded to 8")
    func safetensorsRoundTrip() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("floatlab-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("out.safetensors").path
        let tensors: [StoredTensor] = [
            StoredTensor(name: "w", shape: [2, 2], float32: [1, -2, 3.5, 0]),
            StoredTensor(name: "codes", dtype: .unsigned(bytes: 1), shape: [3], data: Data([7, 8, 9])),
            StoredTensor(name: "scale", dtype: .float(.bfloat16), shape: [1], data: Data([0x80, 0x3F])),
        ]
        try TensorWriter.writeSafetensors(path: path, tensors: tensors.map { ($0.name, $0.dtype, $0.shape) },
                                          metadata: ["k": "v"]) { tensors[$0].data }
        let back = try TensorFile(path: path)
        #expect(back.metadata == ["k": "v"])
        let raw = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect((Int(raw[0]) + 8) % 8 == 0)
        for i in back.entries.indices {
            let t = try back.read(i)
            #expect(tensors.contains(t))
        }
        // No temporary file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.safetensors"])
        // A producer that fails leaves neither the output nor a temporary file.
        let failed = dir.appendingPathComponent("failed.safetensors").path
        #expect(throws: TensorIOError.self) {
            try TensorWriter.writeSafetensors(path: failed, tensors: [("x", .float(.float32), [2])], metadata: [:]) { _ in Data([1]) }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.safetensors"])
    }

    /// A safetensors file from a header object and a data section.
    func file(_ header: String, data: Int, lengthOverride: UInt64? = nil) throws -> String {
        var bytes = Data()
        var n = lengthOverride ?? UInt64(header.utf8.count)
        for _ in 0..<8 { bytes.append(UInt8(n & 0xFF)); n >>= 8 }
        bytes.append(Data(header.utf8))
        bytes.append(Data(count: data))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("floatlab-\(UUID().uuidString).safetensors").path
        try bytes.write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("lying or damaged safetensors headers are refused before any tensor is read", arguments: [
        (#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, 8, "overlaps"),
        (#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[12,16]}}"#, 16, "no tensor"),
        (#"{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, 8, "needs 12"),
        (#"{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#, 8, "truncated"),
        (#"{"a":{"dtype":"C64","shape":[1],"data_offsets":[0,8]}}"#, 8, "does not read"),
        (#"{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#, 4, "list of sizes"),
        (#"{"a":{"dtype":"F32","shape":[1]}}"#, 4, "data_offsets"),
        (#"[1, 2]"#, 0, "not a JSON object"),
        (#"{"a":"#, 0, "not valid JSON"),
        (#"{"a":{"dtype":"F32","shape":[4611686018427387904, 4],"data_offsets":[0,16]}}"#, 16, "shape"),
        // Found by FuzzSafetensors: bytes after the last tensor were accepted (the format allows none).
        (#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, 37, "follow the last tensor"),
        (#"{}"#, 3, "follow the last tensor"),
    ])
    func refusesLyingHeaders(_ header: String, _ data: Int, _ message: String) throws {
        let path = try file(header, data: data)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let e = #expect(throws: TensorIOError.self) { try TensorFile(path: path) }
        #expect(e?.message.contains(message) == true, "\(e?.message ?? "")")
    }

    @Test("a header length over 100 MB or past the end of the file is refused without allocating it")
    func refusesHugeHeader() throws {
        for length in [UInt64(1) << 62, 200_000_000, 5000] {
            let path = try file("{}", data: 0, lengthOverride: length)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let e = #expect(throws: TensorIOError.self) { try TensorFile(path: path) }
            #expect(e?.message.contains(length > 100_000_000 ? "100 MB" : "truncated") == true, "\(e?.message ?? "")")
        }
    }

    @Test("a text file over 1 GiB is refused before it is read (a sparse file: nothing is written)")
    func refusesHugeText() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("floatlab-\(UUID().uuidString).txt").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(truncate(path, off_t(TextTensors.maximumBytes + 1)) == 0)
        let e = #expect(throws: TensorIOError.self) { try TensorFile(path: path) }
        #expect(e?.message.contains("save large tensors as .npy or .safetensors") == true, "\(e?.message ?? "")")
        let c = #expect(throws: TensorIOError.self) { try CodeFile.read(path, in: .bfloat16) }
        #expect(c?.message.contains("raw elements or .npy") == true, "\(c?.message ?? "")")
    }

    @Test("text: one value per line, or CSV columns with or without a header")
    func text() throws {
        let one = try TextTensors.parse("1.5\n# comment\n\n-2\n", name: "v")
        #expect(one.count == 1 && one[0].name == "v" && one[0].floatValues() == [1.5, -2])
        let csv = try TextTensors.parse("x,y\n1,2\n3,4\n", name: "t")
        #expect(csv.map(\.name) == ["x", "y"] && csv[1].floatValues() == [2, 4])
        let bare = try TextTensors.parse("1,2\n3,4\n", name: "t")
        #expect(bare.map(\.name) == ["column0", "column1"])
        #expect(throws: TensorIOError.self) { try TextTensors.parse("1,2\n3\n", name: "t") }
        #expect(throws: TensorIOError.self) { try TextTensors.parse("1\nabc\n", name: "t") }
        // Files written with CRLF line ends (a "\r\n" is one Character in Swift, not a "\n").
        let crlf = try TextTensors.parse("x,y\r\n1,2\r\n3,4\r\n", name: "t")
        #expect(crlf.map(\.name) == ["x", "y"] && crlf[1].floatValues() == [2, 4])
    }
}
