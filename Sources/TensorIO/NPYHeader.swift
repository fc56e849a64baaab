/// The header of a `.npy` file: the Python dictionary literal NumPy writes,
/// parsed as a literal (what `numpy.lib.format` does with `ast.literal_eval`),
/// not searched for substrings. Exactly the keys `descr`, `fortran_order` and
/// `shape`, each once; `descr` a string (a list is a structured dtype, which is
/// refused), `fortran_order` `True` or `False`, `shape` a tuple of sizes.
///
/// ```
/// header := ws "{" ws [ item ( ws "," ws item )* [ ws "," ] ] ws "}" ws
/// item   := string ws ":" ws value
/// value  := string | "True" | "False" | "(" ws [ int ( ws "," ws int )* [ ws "," ] ] ws ")" | int | "[" …
///           (a bare int, as "(3)" is in Python, is read as a 1-D shape; "[" starts a structured descr)
/// string := "'" chars "'" | '"' chars '"'          (no escapes)
/// int    := digits [ "L" ]                          (Python 2's long suffix, as old files have it)
/// ```
struct NPYHeader: Equatable {
    var descr: String
    var fortranOrder: Bool
    var shape: [Int]

    /// The largest size along an axis (and the largest element count) a header may claim.
    static let maximumSize = 1 << 48

    private enum Value {
        case string(String), bool(Bool), tuple([Int])
    }

    init(parsing text: String) throws(TensorIOError) {
        var scanner = Scanner(Array(text.utf8))
        var items: [String: Value] = [:]
        scanner.skipSpace()
        try scanner.expect(UInt8(ascii: "{"), "the header is not a Python dictionary ('{' expected)")
        scanner.skipSpace()
        while !scanner.consume(UInt8(ascii: "}")) {
            let key = try scanner.string()
            scanner.skipSpace()
            try scanner.expect(UInt8(ascii: ":"), "':' expected after the key '\(key)'")
            scanner.skipSpace()
            let value = try scanner.value(for: key)
            guard items.updateValue(value, forKey: key) == nil else {
                throw TensorIOError(".npy header names '\(key)' twice; the file is damaged.")
            }
            scanner.skipSpace()
            if scanner.consume(UInt8(ascii: ",")) {
                scanner.skipSpace()
            } else {
                try scanner.expect(UInt8(ascii: "}"), "',' or '}' expected after the value of '\(key)'")
                break
            }
        }
        scanner.skipSpace()
        guard scanner.atEnd else { throw TensorIOError(".npy header has text after its dictionary, at byte \(scanner.position); the file is damaged.") }
        if let unknown = items.keys.sorted().first(where: { !["descr", "fortran_order", "shape"].contains($0) }) {
            throw TensorIOError(".npy header has the key '\(unknown)'; NumPy's format has exactly 'descr', 'fortran_order' and 'shape'.")
        }
        switch items["descr"] {
        case .string(let d)?: descr = d
        case nil: throw TensorIOError(".npy header has no 'descr'.")
        default: throw TensorIOError(".npy header's 'descr' is not a string.")
        }
        switch items["fortran_order"] {
        case .bool(let f)?: fortranOrder = f
        case nil: throw TensorIOError(".npy header has no 'fortran_order'.")
        default: throw TensorIOError(".npy header's 'fortran_order' is not True or False.")
        }
        switch items["shape"] {
        case .tuple(let s)?: shape = s
        case nil: throw TensorIOError(".npy header has no 'shape'.")
        default: throw TensorIOError(".npy header's 'shape' is not a tuple of sizes.")
        }
    }

    private struct Scanner {
        let bytes: [UInt8]
        var position = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { position == bytes.count }
        var next: UInt8? { position < bytes.count ? bytes[position] : nil }

        mutating func skipSpace() {
            while let b = next, b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { position += 1 }
        }

        mutating func consume(_ b: UInt8) -> Bool {
            guard next == b else { return false }
            position += 1
            return true
        }

        mutating func consume(_ word: String) -> Bool {
            let w = Array(word.utf8)
            guard position + w.count <= bytes.count, Array(bytes[position..<(position + w.count)]) == w else { return false }
            position += w.count
            return true
        }

        mutating func expect(_ b: UInt8, _ what: String) throws(TensorIOError) {
            guard consume(b) else { throw failure(what) }
        }

        func failure(_ what: String) -> TensorIOError {
            TensorIOError(".npy header: \(what), at byte \(position); the file is damaged or not written by NumPy.")
        }

        mutating func string() throws(TensorIOError) -> String {
            guard let quote = next, quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") else {
                throw failure("a quoted key expected")
            }
            position += 1
            let start = position
            while let b = next, b != quote {
                guard b != UInt8(ascii: "\\"), b != 0x0A else { throw failure("a string with an escape or a line break") }
                position += 1
            }
            guard consume(quote) else { throw failure("an unterminated string") }
            return String(decoding: bytes[start..<(position - 1)], as: UTF8.self)
        }

        mutating func value(for key: String) throws(TensorIOError) -> Value {
            switch next {
            case UInt8(ascii: "'")?, UInt8(ascii: "\"")?:
                return .string(try string())
            case UInt8(ascii: "[")? where key == "descr":
                throw TensorIOError(".npy arrays of structured dtype are not supported; save a plain numeric array.")
            case UInt8(ascii: "(")?:
                position += 1
                var sizes: [Int] = []
                skipSpace()
                while !consume(UInt8(ascii: ")")) {
                    sizes.append(try size(of: key))
                    skipSpace()
                    if consume(UInt8(ascii: ",")) {
                        skipSpace()
                    } else {
                        try expect(UInt8(ascii: ")"), "',' or ')' expected in '\(key)'")
                        break
                    }
                }
                return .tuple(sizes)
            default:
                if consume("True") { return .bool(true) }
                if consume("False") { return .bool(false) }
                if let b = next, (0x30...0x39).contains(b) { return .tuple([try size(of: key)]) }
                throw failure("the value of '\(key)' is not a string, True, False or a tuple of sizes")
            }
        }

        mutating func size(of key: String) throws(TensorIOError) -> Int {
            let start = position
            var n = 0
            while let b = next, (0x30...0x39).contains(b) {
                n = n * 10 + Int(b - 0x30)
                guard n <= NPYHeader.maximumSize else {
                    throw TensorIOError(".npy header's '\(key)' claims a size over 2^48 at byte \(start); the file is damaged.")
                }
                position += 1
            }
            guard position > start else { throw failure("a size (a whole number) expected in '\(key)'") }
            _ = consume(UInt8(ascii: "L"))
            return n
        }
    }
}
