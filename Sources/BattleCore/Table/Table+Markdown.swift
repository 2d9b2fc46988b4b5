extension Table {
    /// A GitHub-flavoured Markdown table, a line each, numbers aligned
    /// right; only the columns shown in `.markdown`.
    public func markdown() -> String {
        let shown = columnIndices(in: .markdown)
        func line(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |\n" }
        var s = line(shown.map { Self.markdownCell(columns[$0].title) })
        s += "|" + shown.map { columns[$0].align == .right ? "---:|" : "---|" }.joined() + "\n"
        for row in rows {
            let cells = shown.enumerated().filter { $0.element < row.cells.count }.map { k, i in
                let c = row.cells[i]
                return (k == 0 && c.role == .plain ? row.role : c.role).markdown(Self.markdownCell(c.shown))
            }
            s += line(cells)
        }
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

extension Table.Role {
    /// A role in Markdown, around an escaped cell: the best in bold; the
    /// rest as written (a lower bound's `≥` is in the text already).
    public func markdown(_ escaped: String) -> String {
        self == .best && !escaped.isEmpty ? "**\(escaped)**" : escaped
    }
}
