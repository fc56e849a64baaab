import Foundation
import Testing
import FloatLabTestSupport
import TensorIO

/// An interrupted run leaves no partial output and no temporary file, and no
/// command changes its inputs.
@Suite struct InterruptCLITests {
    /// Four 256×256 float32 tensors: with MSE calibration (a search over clip
    /// ratios per tensor) a quantize run takes about a second in a release
    /// build, long enough to be interrupted while its output is half written.
    static func weights(in dir: URL) throws -> String {
        let path = dir.appendingPathComponent("weights.safetensors").path
        var rng = SplitMix64(seed: 42)
        let tensors = (0..<4).map { ("layer\($0).weight", TensorDType.float(.float32), [256, 256]) }
        try TensorWriter.writeSafetensors(path: path, tensors: tensors, metadata: ["source": "InterruptCLITests"]) { _ in
            var values = [Float](repeating: 0, count: 256 * 256)
            for i in values.indices { values[i] = Float(Int64(bitPattern: rng.next() >> 40) - (1 << 23)) / Float(1 << 23) }
            return values.withUnsafeBytes { Data($0) }
        }
        return path
    }

    @Test("SIGINT or SIGTERM during quantize --output: the temporary file is removed, the old output stays as it was",
          arguments: [SIGINT, SIGTERM])
    func interruptedQuantizeLeavesNoPartialOutput(signal: Int32) throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = try Self.weights(in: dir)
        let output = dir.appendingPathComponent("out.safetensors").path
        let previous = Data("an earlier output\n".utf8)
        try previous.write(to: URL(fileURLWithPath: output))
        let inputBefore = try Data(contentsOf: URL(fileURLWithPath: input))

        let process = Process()
        process.executableURL = productsDirectory.appendingPathComponent("floatlab")
        process.arguments = ["quantize", input, "--scheme", "int8", "--calibration", "mse", "--output", output]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait for the temporary file beside the output (.out.safetensors.N.tmp), then interrupt.
        let deadline = Date().addingTimeInterval(60)
        var temporary: String?
        while temporary == nil && process.isRunning && Date() < deadline {
            temporary = try FileManager.default.contentsOfDirectory(atPath: dir.path).first { $0.hasPrefix(".out.safetensors.") && $0.hasSuffix(".tmp") }
            if temporary == nil { usleep(500) }
        }
        try #require(temporary != nil && process.isRunning, "the run ended before its output was half written; make the input larger")
        kill(process.processIdentifier, signal)
        process.waitUntilExit()

        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == signal)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["out.safetensors", "weights.safetensors"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == previous)
        #expect(try Data(contentsOf: URL(fileURLWithPath: input)) == inputBefore)
    }

    @Test("every command that reads files leaves them byte for byte as they were, and read-only files are enough")
    func inputsAreNeverChanged() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let weights = try Self.weights(in: dir)
        let npy = dir.appendingPathComponent("x.npy").path
        try TensorWriter.writeNPY(path: npy, NPYArray(dtype: .float(.float32), shape: [64], data: Data((0..<64).flatMap { i in withUnsafeBytes(of: Float(i) / 8) { Array($0) } })))
        let text = dir.appendingPathComponent("codes.txt").path
        try "0x38\n0x40\n1.5\n".write(toFile: text, atomically: true, encoding: .utf8)
        let inputs = [weights, npy, text]
        for path in inputs { try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path) }
        let before = try inputs.map { (try Data(contentsOf: URL(fileURLWithPath: $0)), try FileManager.default.attributesOfItem(atPath: $0)[.modificationDate] as? Date) }
        let out = dir.appendingPathComponent("out").path
        let runs: [[String]] = [
            ["quantize", weights, "--scheme", "q4_0", "--output", out + ".safetensors"],
            ["quantize", weights, "--compare", "int8,mxfp4"],
            ["quantize", npy, "--scheme", "nvfp4", "--output", out + ".npy"],
            ["convert", "--from", "float32", "--to", "bfloat16", "--input", npy, "--output", out + "-bf16.npy"],
            ["convert", "--to", "float8_e4m3fn", "--input", text],
            ["check", "--from", "float32", "--to", "float8_e4m3fn", "--inputs", npy, "--outputs", text],
            ["simulate", "dot", "--format", "bfloat16", "--data", npy],
            ["report", "--formats", "float8_e4m3fn", "--data", weights, "--schemes", "int8", "--out", out + ".html"],
        ]
        for args in runs {
            let r = try floatlab(args)
            #expect(r.status <= 1, "\(args.joined(separator: " ")): \(r.stderr)")
        }
        for (path, (data, date)) in zip(inputs, before) {
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == data, "\(path) changed")
            #expect(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date == date, "\(path) was written")
        }
        // No temporary file is left anywhere in the folder.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".") }.isEmpty)
    }
}
