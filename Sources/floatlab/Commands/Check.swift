import Foundation
import ArgumentParser
import FloatFormats
import Verification
import TensorIO
import FormatReport

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Checks another implementation's conversion outputs against FloatLab's and diagnoses the differences.",
        discussion: """
        Inputs and outputs are .npy (the format's dtype or unsigned integers of its width), raw packed \
        little-endian elements (.bin, .raw or --raw) or text (one 0x… bit pattern or decimal per line). \
        Without --inputs, FloatLab's own vectors are used (floatlab vectors --level 2). With --command, the \
        converter runs instead of reading --outputs: the inputs go to its standard input (raw, or text lines \
        with --text) and its standard output is read the same way.

        Prints the mismatches with their inputs, exact values, both results and the ulp distance, then the \
        mismatches by kind and, as the last line, the diagnosis: the convention every output follows (for \
        example "all 4096 outputs match `--rounding nearest-away`" or rounding through float16 first), else \
        the counts per kind. Exit status 1 when any output differs, 0 when none does.

        Examples:
          floatlab check --from float32 --to float8_e4m3fn --inputs in.npy --outputs out.npy
          floatlab check --from float32 --to bfloat16 --command "./my_converter"
        """)

    @Option(help: "Source format.", transform: parseFormat)
    var from: FloatFormat

    @Option(help: "Target format.", transform: parseFormat)
    var to: FloatFormat

    @OptionGroup var rounding: RoundingArguments

    @OptionGroup var named: ConventionArgument

    @Option(help: "The inputs (encodings of --from); default: FloatLab's level-2 vectors.")
    var inputs: String?

    @Option(help: "The other implementation's outputs (encodings of --to), one per input.")
    var outputs: String?

    @Option(help: "A shell command that converts: inputs on its standard input, outputs on its standard output.")
    var command: String?

    @Flag(help: "With --command: text lines (0x… bit patterns) instead of packed raw elements.")
    var text = false

    @Flag(help: "Read --inputs and --outputs as raw packed elements whatever their extension.")
    var raw = false

    @Option(help: "How many mismatches to print.")
    var show: Int = 10

    @Option(name: .customLong("as"), help: "text or json.")
    var format: ReportStyle = .text

    enum ReportStyle: String, ExpressibleByArgument { case text, json }

    func validateOptions() throws {
        if (outputs == nil) == (command == nil) { throw ValidationError("give the other implementation's results with --outputs FILE, or the converter to run with --command \"CMD\".") }
        if text && command == nil { throw ValidationError("--text applies to --command only (files say their kind by extension).") }
        guard show >= 0 else { throw ValidationError("--show must be 0 or more.") }
    }

    func run() throws {
        try validateOptions()
        let options = named.options(rounding, for: to)
        let codes: [UInt64]
        let results: [UInt64]
        do {
            codes = try inputs.map { try CodeFile.read($0, in: from, raw: raw) }
                ?? ConversionVectorSet(from: from, to: to, options: options, level: 2, seed: rounding.seed).entries.map(\.input)
            if let outputs {
                results = try CodeFile.read(outputs, in: to, raw: raw)
            } else {
                results = try ConverterProcess(command: command!, text: text).run(codes, from: from, to: to)
            }
        } catch let e as TensorIOError {
            throw CommandError(e.message)
        }
        guard codes.count == results.count else {
            throw CommandError("\(codes.count) inputs but \(results.count) outputs\(outputs.map { " in \($0)" } ?? " from the command"); give one output per input.")
        }
        let check = OutputCheck(from: from, to: to, options: options, seed: rounding.seed, inputs: codes, outputs: results)
        switch format {
        case .text: print(OutputCheckReport.lines(check, show: show).joined(separator: "\n"))
        case .json: print(OutputCheckReport.json(check, show: show), terminator: "")
        }
        if !check.mismatches.isEmpty { throw ExitCode(1) }
    }
}

/// Someone's converter as a child process: the inputs written to its
/// standard input and its standard error drained, each from another thread
/// (so that a converter that writes as it reads cannot dead-lock), its
/// standard output read back.
struct ConverterProcess {
    let command: String
    let text: Bool

    func run(_ codes: [UInt64], from: FloatFormat, to: FloatFormat) throws -> [UInt64] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let input = Pipe(), output = Pipe(), error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        do { try process.run() } catch { throw CommandError("cannot run --command \"\(command)\": \(error.localizedDescription)") }
        let payload = text ? Data(CodeFile.text(codes, in: from).utf8) : RawElements.encode(codes, width: from.storageBytes)
        // A converter that exits without reading everything must not kill us with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        let writer = Thread {
            try? input.fileHandleForWriting.write(contentsOf: payload)
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        // Standard error is drained alongside standard output: a converter that fills one pipe while we
        // wait on the other would otherwise block both processes.
        let stderrDone = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var message = Data()
        Thread {
            message = error.fileHandleForReading.readDataToEndOfFile()
            stderrDone.signal()
        }.start()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        stderrDone.wait()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let said = String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw CommandError("--command \"\(command)\" exited with status \(process.terminationStatus)\(said.isEmpty ? "" : ": \(said)"); it must read \(text ? "text lines" : "raw \(from.name) elements") on standard input and write \(to.name) results on standard output.")
        }
        return try CodeFile.codes(data, kind: text ? .text : .raw, in: to, name: "the output of --command")
    }
}
