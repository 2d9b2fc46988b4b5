import BattleCore

/// Escaping for the text formats reports write.
enum Escape {
    /// For HTML and SVG text and attribute values.
    static func html(_ s: String) -> String { HTMLEscape.escape(s) }

    /// For a Markdown table cell or a one-line item: the table model's rule.
    static func markdownCell(_ s: String) -> String { Table.markdownCell(s) }

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
