/// A strict parser for the TOML subset battle's files use:
/// comments; bare, quoted and dotted keys; `[table]` and `[[array of tables]]`
/// headers; basic, literal and multi-line strings; integers (with `_`, hex);
/// floats; booleans; arrays (multi-line, trailing comma); inline tables.
/// Dates and times are not supported and are reported as errors.
/// Errors name the line and column, and say what was expected.
public struct TOMLParser {
    public struct Failure: Error, CustomStringConvertible, Equatable {
        public let line: Int
        public let column: Int
        public let message: String
        public var description: String { "line \(line), column \(column): \(message)" }
    }

    private let chars: [Character]
    private var i = 0
    private var line = 1
    private var lineStart = 0

    public static func parse(_ text: String) throws(Failure) -> TOMLTable {
        var p = TOMLParser(chars: Array(text))
        return try p.document()
    }

    private init(chars: [Character]) { self.chars = chars }

    // MARK: document

    private mutating func document() throws(Failure) -> TOMLTable {
        var root = TOMLTable()
        var current: [String] = []
        var arrayIndexPaths: Set<[String]> = []  // headers opened by [[...]]
        var definedTables: Set<[String]> = []
        while true {
            skipWhitespaceAndNewlines()
            guard let c = peek() else { break }
            if c == "[" {
                advance()
                let isArray = peek() == "["
                if isArray { advance() }
                skipSpaces()
                let path = try keyPath()
                skipSpaces()
                try expect("]")
                if isArray { try expect("]") }
                try endOfLine()
                if isArray {
                    try appendTable(at: path, in: &root)
                    arrayIndexPaths.insert(path)
                } else {
                    guard !definedTables.contains(path) else { throw fail("table [\(path.joined(separator: "."))] is defined twice") }
                    definedTables.insert(path)
                    try ensureTable(at: path, in: &root)
                }
                current = path
            } else {
                let path = try keyPath()
                skipSpaces()
                try expect("=")
                skipSpaces()
                let v = try value()
                try endOfLine()
                try insert(v, at: current, key: path, in: &root)
            }
        }
        return root
    }

    // MARK: tables

    private func descend(_ t: inout TOMLTable, _ path: ArraySlice<String>, _ body: (inout TOMLTable) throws(Failure) -> Void) throws(Failure) {
        guard let head = path.first else { return try body(&t) }
        switch t[head] {
        case nil:
            var sub = TOMLTable()
            try descend(&sub, path.dropFirst(), body)
            t[head] = .table(sub)
        case .table(var sub):
            try descend(&sub, path.dropFirst(), body)
            t[head] = .table(sub)
        case .array(var items):
            guard case .table(var last)? = items.last else { throw fail("'\(head)' is not a table") }
            try descend(&last, path.dropFirst(), body)
            items[items.count - 1] = .table(last)
            t[head] = .array(items)
        default:
            throw fail("'\(head)' is already a value, not a table")
        }
    }

    private func ensureTable(at path: [String], in root: inout TOMLTable) throws(Failure) {
        try descend(&root, path[...]) { _ throws(Failure) in }
    }

    private func appendTable(at path: [String], in root: inout TOMLTable) throws(Failure) {
        let parent = path.dropLast()
        let name = path.last!
        let failure = fail("'\(path.joined(separator: "."))' is already a value, not an array of tables")
        try descend(&root, parent) { (t: inout TOMLTable) throws(Failure) in
            switch t[name] {
            case nil: t[name] = .array([.table(TOMLTable())])
            case .array(var items):
                items.append(.table(TOMLTable()))
                t[name] = .array(items)
            default: throw failure
            }
        }
    }

    private func insert(_ v: TOMLValue, at table: [String], key: [String], in root: inout TOMLTable) throws(Failure) {
        let full = table + key
        let duplicate = fail("key '\(key.joined(separator: "."))' is defined twice")
        try descend(&root, full.dropLast()[...]) { (t: inout TOMLTable) throws(Failure) in
            guard t[full.last!] == nil else { throw duplicate }
            t[full.last!] = v
        }
    }

    // MARK: keys

    private mutating func keyPath() throws(Failure) -> [String] {
        var parts = [try simpleKey()]
        while true {
            skipSpaces()
            guard peek() == "." else { break }
            advance()
            skipSpaces()
            parts.append(try simpleKey())
        }
        return parts
    }

    private mutating func simpleKey() throws(Failure) -> String {
        guard let c = peek() else { throw fail("expected a key, found the end of the file") }
        if c == "\"" { return try basicString() }
        if c == "'" { return try literalString() }
        var s = ""
        while let c = peek(), c.isLetter || c.isNumber || c == "_" || c == "-" {
            s.append(c)
            advance()
        }
        guard !s.isEmpty else { throw fail("expected a key, found '\(c)'") }
        return s
    }

    // MARK: values

    private mutating func value() throws(Failure) -> TOMLValue {
        guard let c = peek() else { throw fail("expected a value, found the end of the file") }
        switch c {
        case "\"":
            if lookahead("\"\"\"") { return .string(try multilineBasicString()) }
            return .string(try basicString())
        case "'":
            if lookahead("'''") { return .string(try multilineLiteralString()) }
            return .string(try literalString())
        case "[": return try arrayValue()
        case "{": return try inlineTable()
        case "t", "f":
            if lookahead("true") {
                i += 4
                return .bool(true)
            }
            if lookahead("false") {
                i += 5
                return .bool(false)
            }
            throw fail("expected a value; strings need quotes")
        default:
            return try numberValue()
        }
    }

    private mutating func numberValue() throws(Failure) -> TOMLValue {
        var s = ""
        while let c = peek(), c.isLetter || c.isNumber || "+-._:".contains(c) {
            s.append(c)
            advance()
        }
        guard !s.isEmpty else { throw fail("expected a value, found '\(peek().map(String.init) ?? "")'") }
        if s.contains(":") || (s.count >= 10 && s.dropFirst(4).first == "-" && s.first!.isNumber) {
            throw fail("dates and times are not supported here; write '\(s)' as a string in quotes")
        }
        let clean = String(s.filter { $0 != "_" })
        if clean.hasPrefix("0x"), let v = Int(clean.dropFirst(2), radix: 16) { return .integer(v) }
        if !clean.contains("."), !clean.lowercased().contains("e"), let v = Int(clean) { return .integer(v) }
        if clean == "inf" || clean == "+inf" { return .float(.infinity) }
        if clean == "-inf" { return .float(-.infinity) }
        if clean == "nan" { return .float(.nan) }
        if let v = Double(clean) { return .float(v) }
        throw fail("'\(s)' is not a number or boolean; strings need quotes: \"\(s)\"")
    }

    private mutating func arrayValue() throws(Failure) -> TOMLValue {
        advance()  // [
        var items: [TOMLValue] = []
        while true {
            skipWhitespaceNewlinesAndComments()
            if peek() == "]" {
                advance()
                return .array(items)
            }
            items.append(try value())
            skipWhitespaceNewlinesAndComments()
            if peek() == "," {
                advance()
                continue
            }
            if peek() == "]" {
                advance()
                return .array(items)
            }
            throw fail("expected ',' or ']' in an array")
        }
    }

    private mutating func inlineTable() throws(Failure) -> TOMLValue {
        advance()  // {
        var t = TOMLTable()
        skipSpaces()
        if peek() == "}" {
            advance()
            return .table(t)
        }
        while true {
            skipSpaces()
            let path = try keyPath()
            skipSpaces()
            try expect("=")
            skipSpaces()
            let v = try value()
            try insert(v, at: [], key: path, in: &t)
            skipSpaces()
            if peek() == "," {
                advance()
                continue
            }
            if peek() == "}" {
                advance()
                return .table(t)
            }
            throw fail("expected ',' or '}' in an inline table (inline tables stay on one line)")
        }
    }

    // MARK: strings

    private mutating func basicString() throws(Failure) -> String {
        advance()
        var s = ""
        while let c = peek() {
            advance()
            if c == "\"" { return s }
            if c == "\n" { throw fail("a string in \"quotes\" must end on its line; use \"\"\" for several lines") }
            if c == "\\" { s.append(try escape()) } else { s.append(c) }
        }
        throw fail("unterminated string")
    }

    private mutating func multilineBasicString() throws(Failure) -> String {
        i += 3
        if peek() == "\n" { advanceLine() }
        var s = ""
        while peek() != nil {
            if lookahead("\"\"\"") {
                i += 3
                return s
            }
            let c = peek()!
            if c == "\\" {
                advance()
                if peek() == "\n" || peek() == " " {
                    skipWhitespaceAndNewlines()
                    continue
                }
                s.append(try escape())
            } else {
                if c == "\n" { advanceLine() } else { advance() }
                s.append(c)
            }
        }
        throw fail("unterminated \"\"\" string")
    }

    private mutating func literalString() throws(Failure) -> String {
        advance()
        var s = ""
        while let c = peek() {
            advance()
            if c == "'" { return s }
            if c == "\n" { throw fail("a 'literal' string must end on its line") }
            s.append(c)
        }
        throw fail("unterminated string")
    }

    private mutating func multilineLiteralString() throws(Failure) -> String {
        i += 3
        if peek() == "\n" { advanceLine() }
        var s = ""
        while let c = peek() {
            if lookahead("'''") {
                i += 3
                return s
            }
            if c == "\n" { advanceLine() } else { advance() }
            s.append(c)
        }
        throw fail("unterminated ''' string")
    }

    private mutating func escape() throws(Failure) -> Character {
        guard let c = peek() else { throw fail("unterminated escape") }
        advance()
        switch c {
        case "n": return "\n"
        case "t": return "\t"
        case "r": return "\r"
        case "\"": return "\""
        case "\\": return "\\"
        case "b": return "\u{08}"
        case "f": return "\u{0C}"
        case "u", "U":
            let n = c == "u" ? 4 : 8
            var hex = ""
            for _ in 0..<n {
                guard let h = peek(), h.isHexDigit else { throw fail("\\\(c) needs \(n) hex digits") }
                hex.append(h)
                advance()
            }
            guard let v = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(v) else { throw fail("\\\(c)\(hex) is not a character") }
            return Character(scalar)
        default: throw fail("unknown escape \\\(c)")
        }
    }

    // MARK: lexing helpers

    private func peek() -> Character? { i < chars.count ? chars[i] : nil }
    private mutating func advance() { i += 1 }
    private mutating func advanceLine() {
        i += 1
        line += 1
        lineStart = i
    }

    private func lookahead(_ s: String) -> Bool {
        var j = i
        for c in s {
            guard j < chars.count, chars[j] == c else { return false }
            j += 1
        }
        return true
    }

    private mutating func skipSpaces() {
        while let c = peek(), c == " " || c == "\t" { advance() }
    }

    private mutating func skipComment() {
        if peek() == "#" { while let c = peek(), c != "\n" { advance() } }
    }

    private mutating func skipWhitespaceAndNewlines() {
        while let c = peek() {
            if c == " " || c == "\t" || c == "\r" {
                advance()
            } else if c == "\n" {
                advanceLine()
            } else if c == "#" {
                skipComment()
            } else {
                return
            }
        }
    }

    private mutating func skipWhitespaceNewlinesAndComments() { skipWhitespaceAndNewlines() }

    private mutating func expect(_ c: Character) throws(Failure) {
        guard peek() == c else {
            throw fail("expected '\(c)', found \(peek().map { "'\($0)'" } ?? "the end of the file")")
        }
        advance()
    }

    private mutating func endOfLine() throws(Failure) {
        skipSpaces()
        skipComment()
        if peek() == "\r" { advance() }
        guard let c = peek() else { return }
        guard c == "\n" else { throw fail("expected the end of the line, found '\(c)'") }
        advanceLine()
    }

    private func fail(_ message: String) -> Failure {
        Failure(line: line, column: i - lineStart + 1, message: message)
    }
}
