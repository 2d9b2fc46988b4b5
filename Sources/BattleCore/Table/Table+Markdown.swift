extension Table {
    /// A GitHub-flavoured Markdown table, a line each, numbers aligned right.
    public func markdown() -> String {
        func line(_ cells: [String]) -> String { "| " + cells.map(Self.markdownCell).joined(separator: " | ") + " |\n" }
        var s = line(titles)
        s += "|" + columns.map { $0.align == .right ? "---:|" : "---|" }.joined() + "\n"
        for row in rows { s += line(row.cells.map(\.text)) }
        return s
    }

    /// The one escaping rule for a Markdown cell: pipes escaped, line breaks flattened.
    public static func markdownCell(_ s: String) -> String {
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
}
