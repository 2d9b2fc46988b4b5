/// The file order of every table's keys in a TOML document that TOMLKit has
/// already parsed.
///
/// TOMLKit (toml++) keeps a table's keys in a `std::map`, so it hands them
/// back sorted, and it exposes no source position for a key. Battle's output
/// and messages depend on file order in many places: the order of profiles
/// (the first is the default), metrics and figures, a target's headers, the
/// first unknown key a file is refused for. So this scanner reads the keys
/// back, in order, from the text.
///
/// It is a scanner, not a parser: it runs only on text TOMLKit accepted, so it
/// checks nothing. It reads table headers and keys and skips every value
/// (strings of the four kinds, arrays, inline tables, numbers, booleans),
/// keeping only which key was first seen in which table. Tables in arrays
/// (`[[x]]` or `[{...}]`) are told apart by their index. A key it cannot place
/// still reaches the caller, after the placed ones, in TOMLKit's sorted order
/// (`TOMLReader`). Tested with keys out of sorted order (`TOMLReaderTests`).
struct TOMLKeyOrder {
    /// One step of a table's path from the root: a key, or an index in an array.
    enum Step: Hashable {
        case key(String)
        case index(Int)
    }

    /// Each table's keys in the order the file first names them.
    private(set) var keys: [[Step]: [String]] = [:]
    private var seen: [[Step]: Set<String>] = [:]
    private var arraysOfTables: [[Step]: Int] = [:]
    private let bytes: [UInt8]
    private var i = 0

    /// The key order of `text`, which must be TOML TOMLKit accepted.
    static func scan(_ text: String) -> TOMLKeyOrder {
        var s = TOMLKeyOrder(bytes: Array(text.utf8))
        s.document()
        return s
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    // MARK: document

    private mutating func document() {
        var current: [Step] = []
        while true {
            skipBlank(newlines: true)
            guard let c = peek() else { return }
            if c == ascii("[") {
                i += 1
                if peek() == ascii("[") {
                    i += 1
                    let parts = keyPath()
                    var parent = resolve(parts.dropLast())
                    note(parts[parts.count - 1], in: parent)
                    parent.append(.key(parts[parts.count - 1]))
                    let n = arraysOfTables[parent, default: 0]
                    arraysOfTables[parent] = n + 1
                    current = parent + [.index(n)]
                } else {
                    current = resolve(keyPath()[...])
                }
            } else {
                let parts = keyPath()
                i += 1  // =
                skipValue(at: noted(parts, in: current))
            }
            skipToEndOfLine()
        }
    }

    /// The path of header `parts`, through the last table of each array of tables on the way.
    private mutating func resolve(_ parts: ArraySlice<String>) -> [Step] {
        var path: [Step] = []
        for part in parts {
            note(part, in: path)
            path.append(.key(part))
            if let n = arraysOfTables[path] { path.append(.index(n - 1)) }
        }
        return path
    }

    /// Notes dotted key `parts` under `table`; returns the path of its value.
    private mutating func noted(_ parts: [String], in table: [Step]) -> [Step] {
        var path = table
        for part in parts {
            note(part, in: path)
            path.append(.key(part))
        }
        return path
    }

    private mutating func note(_ key: String, in table: [Step]) {
        guard seen[table, default: []].insert(key).inserted else { return }
        keys[table, default: []].append(key)
    }

    // MARK: keys

    /// A dotted key, up to and not including what ends it (`=`, `]`, `]]`).
    /// The header brackets after it are consumed.
    private mutating func keyPath() -> [String] {
        var parts: [String] = []
        while true {
            skipBlank(newlines: false)
            parts.append(simpleKey())
            skipBlank(newlines: false)
            guard peek() == ascii(".") else { break }
            i += 1
        }
        while peek() == ascii("]") { i += 1 }
        return parts
    }

    private mutating func simpleKey() -> String {
        let start = i
        if peek() == ascii("\"") {
            skipBasicString()
            return TOMLReader.basicStringKey(text(start + 1, i - 1))
        }
        if peek() == ascii("'") {
            skipLiteralString()
            return text(start + 1, i - 1)
        }
        while let c = peek(), !Self.keyEnds.contains(c) { i += 1 }
        return text(start, i)
    }

    // MARK: values

    /// Skips one value; the tables it holds are noted under `path`.
    private mutating func skipValue(at path: [Step]) {
        skipBlank(newlines: false)
        guard let c = peek() else { return }
        switch c {
        case ascii("\""):
            if starts("\"\"\"") { skipMultiline(quote: ascii("\""), escapes: true) } else { skipBasicString() }
        case ascii("'"):
            if starts("'''") { skipMultiline(quote: ascii("'"), escapes: false) } else { skipLiteralString() }
        case ascii("["):
            var index = 0
            skipItems(until: ascii("]")) { s in
                s.skipValue(at: path + [.index(index)])
                index += 1
            }
        case ascii("{"):
            skipItems(until: ascii("}")) { s in
                let parts = s.keyPath()
                s.i += 1  // =
                s.skipValue(at: s.noted(parts, in: path))
            }
        default:
            skipBareValue()
        }
    }

    /// Skips an array's or an inline table's items up to `close`, with the
    /// commas and blank lines between; `item` reads one. Never stalls,
    /// whatever the text.
    private mutating func skipItems(until close: UInt8, _ item: (inout Self) -> Void) {
        i += 1
        while true {
            skipBlank(newlines: true)
            guard let c = peek(), c != close else { break }
            if c == ascii(",") {
                i += 1
                continue
            }
            let before = i
            item(&self)
            if i == before { i += 1 }
        }
        i += 1
    }

    /// A number or a boolean. (A date may hold a space, but a file with a date
    /// is refused whatever its order, so dates need no care here.)
    private mutating func skipBareValue() {
        while let c = peek(), !Self.valueEnds.contains(c) { i += 1 }
    }

    private mutating func skipBasicString() {
        i += 1
        while let c = peek(), c != ascii("\"") { i += c == ascii("\\") ? 2 : 1 }
        i += 1
    }

    private mutating func skipLiteralString() {
        i += 1
        while let c = peek(), c != ascii("'") { i += 1 }
        i += 1
    }

    /// A `"""` or `'''` string; up to two quotes right before the closing three belong to the string.
    private mutating func skipMultiline(quote: UInt8, escapes: Bool) {
        let delimiter = String(repeating: Character(Unicode.Scalar(quote)), count: 3)
        i += 3
        while let c = peek() {
            if escapes, c == ascii("\\") {
                i += 2
            } else if starts(delimiter) {
                i += 3
                var extra = 0
                while extra < 2, peek() == quote {
                    i += 1
                    extra += 1
                }
                return
            } else {
                i += 1
            }
        }
    }

    // MARK: lexing

    private static let keyEnds: Set<UInt8> = Set(" \t\r\n.=]#".utf8)
    private static let valueEnds: Set<UInt8> = Set(" \t\r\n,]}#".utf8)

    private func ascii(_ s: Unicode.Scalar) -> UInt8 { UInt8(s.value) }
    private func peek() -> UInt8? { i < bytes.count ? bytes[i] : nil }
    private func text(_ from: Int, _ to: Int) -> String { String(decoding: bytes[from..<max(from, to)], as: UTF8.self) }

    private func starts(_ s: String) -> Bool {
        var j = i
        for u in s.utf8 {
            guard j < bytes.count, bytes[j] == u else { return false }
            j += 1
        }
        return true
    }

    /// Skips spaces, tabs and comments, and newlines too when `newlines`.
    private mutating func skipBlank(newlines: Bool) {
        while let c = peek() {
            if c == ascii(" ") || c == ascii("\t") || c == ascii("\r") || (newlines && c == ascii("\n")) {
                i += 1
            } else if c == ascii("#") {
                while let c = peek(), c != ascii("\n") { i += 1 }
            } else {
                return
            }
        }
    }

    private mutating func skipToEndOfLine() {
        while let c = peek(), c != ascii("\n") { i += 1 }
    }
}
