import BattleCore

/// How the verifier compares fortunes pages (docs/SUITE.md §2 "fortunes"):
/// the page is split into tags and text; whitespace-only text between tags is
/// dropped, text is trimmed and its entities decoded; tags are compared with
/// their name and attributes lower-cased and inner whitespace collapsed.
///
/// A `<script>` row rendered without escaping becomes tags, not text, so it
/// does not compare equal to the escaped page.
public enum HTMLNormalization {
    public enum Token: Sendable, Equatable, CustomStringConvertible {
        case tag(String)
        case text(String)

        public var description: String {
            switch self {
            case .tag(let t): t
            case .text(let t): "text \"\(t)\""
            }
        }
    }

    public static func tokens(_ html: String) -> [Token] {
        var tokens: [Token] = []
        var rest = Substring(html)
        while !rest.isEmpty {
            if rest.first == "<", let end = rest.firstIndex(of: ">") {
                let inner = rest[rest.index(after: rest.startIndex)..<end]
                let collapsed = inner.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
                    .joined(separator: " ").lowercased()
                tokens.append(.tag("<\(collapsed)>"))
                rest = rest[rest.index(after: end)...]
            } else {
                let end = rest.dropFirst().firstIndex(of: "<") ?? rest.endIndex
                let text = rest[rest.startIndex..<end].trimmingWhitespace()
                if !text.isEmpty { tokens.append(.text(decodeEntities(text))) }
                rest = rest[end...]
            }
        }
        return tokens
    }

    /// Decodes `&amp; &lt; &gt; &quot; &apos;` and numeric references
    /// (`&#39;`, `&#x27;`); anything else is left as written.
    public static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[rest.startIndex..<amp]
            let after = rest[amp...]
            if let semi = after.prefix(12).firstIndex(of: ";"),
                let decoded = entity(String(after[after.index(after: amp)..<semi]))
            {
                out.unicodeScalars.append(decoded)
                rest = after[after.index(after: semi)...]
            } else {
                out += "&"
                rest = after.dropFirst()
            }
        }
        return out + rest
    }

    static func entity(_ name: String) -> Unicode.Scalar? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default:
            guard name.hasPrefix("#") else { return nil }
            let digits = name.dropFirst()
            let value: UInt32?
            if digits.first == "x" || digits.first == "X" {
                value = UInt32(digits.dropFirst(), radix: 16)
            } else {
                value = UInt32(digits, radix: 10)
            }
            return value.flatMap(Unicode.Scalar.init)
        }
    }
}
