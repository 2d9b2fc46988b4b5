import BattleCore

/// Escaping for the text formats reports write.
enum Escape {
    /// For HTML and SVG text and attribute values.
    static func html(_ s: String) -> String { HTMLEscape.escape(s) }

    /// For a Markdown table cell: pipes escaped, line breaks flattened.
    static func markdownCell(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "|": out += "\\|"
            case "\n", "\r": out += " "
            default: out.append(c)
            }
        }
        return out
    }

    /// RFC 4180: quoted when the field holds a comma, quote or line break.
    static func csv(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
    }
}

extension String {
    /// The first line, without the rest of a multi-line message.
    var firstLine: String {
        String(split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
    }
}
