/// A JSON Pointer (RFC 6901): `/lines/0/sku`, `~0` for `~` and `~1` for `/`;
/// the empty pointer is the whole document.
public struct JSONPointer: Sendable, Equatable, CustomStringConvertible {
    public var tokens: [String]
    /// The pointer as written.
    public var text: String

    public struct ParseError: Error, Equatable, Sendable {
        public var message: String
    }

    public init(_ text: String) throws(ParseError) {
        self.text = text
        if text.isEmpty {
            tokens = []
            return
        }
        guard text.hasPrefix("/") else {
            throw ParseError(message: "a JSON pointer starts with '/', e.g. \"/id\" or \"/items/0/name\"")
        }
        var out: [String] = []
        for raw in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            var token = ""
            var i = raw.startIndex
            while i < raw.endIndex {
                let c = raw[i]
                if c == "~" {
                    let next = raw.index(after: i)
                    guard next < raw.endIndex, raw[next] == "0" || raw[next] == "1" else {
                        throw ParseError(message: "'~' must be followed by 0 (for ~) or 1 (for /)")
                    }
                    token += raw[next] == "0" ? "~" : "/"
                    i = raw.index(after: next)
                } else {
                    token.append(c)
                    i = raw.index(after: i)
                }
            }
            out.append(token)
        }
        tokens = out
    }

    public var description: String { text }

    /// The value the pointer names in `document`, or nil when it names nothing.
    public func resolve(in document: JSONValue) -> JSONValue? {
        var current = document
        for token in tokens {
            switch current {
            case .object:
                guard let next = current[token] else { return nil }
                current = next
            case .array(let items):
                guard let i = Int(token), String(i) == token, i >= 0, i < items.count else { return nil }
                current = items[i]
            default:
                return nil
            }
        }
        return current
    }
}
