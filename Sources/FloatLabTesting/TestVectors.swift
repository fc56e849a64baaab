import FloatFormats
import Foundation
import Verification

/// FloatLab's test-vector files in a test: load one, then run your own
/// conversion or operation over it and get every vector it gets wrong.
///
/// ```swift
/// let file = TestVectorFile(conversionFrom: .float32, to: .bfloat16, inputs: TestInputs.codes(from: .float32, to: .bfloat16))
/// let truncating = TestVectors.failures(in: file) { inputs in inputs[0] >> 16 }
/// truncating.isEmpty                                 // false: truncation is not nearest-even
/// TestVectors.failures(in: file) { inputs in UInt64(BFloat16(Float(bitPattern: UInt32(inputs[0]))).bitPattern) }.isEmpty   // true
/// ```
public enum TestVectors {
    /// Reads a vector file; the error names the file and the line.
    public static func load(_ path: String) throws -> TestVectorFile {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw VerificationError("\(path): cannot be read (\(error.localizedDescription)); write one with `floatlab vectors … --as csv`")
        }
        return try TestVectorFile(csv: String(decoding: data, as: UTF8.self), name: path)
    }

    /// The vectors whose expected encoding `implementation` does not give (any NaN for an expected NaN), as failures that show
    /// the input, the expected and the actual results as bits and exact decimals, and their ulp distance.
    public static func failures(in file: TestVectorFile, _ implementation: ([UInt64]) -> UInt64) -> [RoundingFailure] {
        let source: FloatFormat, target: FloatFormat, what: String
        switch file.kind {
        case .conversion(let s, let t): (source, target, what) = (s, t, "into \(t.name)")
        case .arithmetic(let op, let f): (source, target, what) = (f, f, op.rawValue)
        }
        var out: [RoundingFailure] = []
        for v in file.vectors {
            let got = implementation(v.inputs)
            let expectation = Expected(code: v.expected, acceptsAnyNaN: true)
            if expectation.accepts(code: got, flags: nil, in: target) { continue }
            let inputs = v.inputs.map { CorrectRounding.describe($0, in: source) }.joined(separator: ", ")
            out.append(RoundingFailure(what: "\(what) of \(inputs) in \(file.options.mode.name)", expected: CorrectRounding.describe(v.expected, in: target),
                                       actual: CorrectRounding.describe(got, in: target), ulpDistance: ulpDistance(got, v.expected, in: target)))
        }
        return out
    }
}
