extension Table {
    /// Columns padded to their widest cell, two spaces apart, trailing
    /// spaces dropped; only the columns shown in `.text`. `indent` starts
    /// every line; `rule` draws dashes under the titles; with `color`,
    /// titles are bold and cells painted by their role.
    public func text(indent: String = "", color: Bool = false, rule: Bool = false) -> String {
        textLines(indent: indent, color: color, rule: rule).map { $0 + "\n" }.joined()
    }

    public func textLines(indent: String = "", color: Bool = false, rule: Bool = false) -> [String] {
        let shown = columnIndices(in: .text)
        func cells(_ row: Row) -> [(text: String, style: TerminalStyle)] {
            shown.enumerated().filter { $0.element < row.cells.count }.map { k, i in
                let c = row.cells[i]
                return (c.shown, (k == 0 && c.role == .plain ? row.role : c.role).terminalStyle)
            }
        }
        let header = shown.map { (text: columns[$0].title, style: TerminalStyle.bold) }
        let body = rows.map(cells)
        var widths = header.map(\.text.count)
        for row in body {
            for (k, cell) in row.enumerated() { widths[k] = max(widths[k], cell.text.count) }
        }
        func line(_ cells: [(text: String, style: TerminalStyle)]) -> String {
            var parts: [String] = []
            for (k, cell) in cells.enumerated() {
                let pad = String(repeating: " ", count: widths[k] - cell.text.count)
                let padded = columns[shown[k]].align == .right ? pad + cell.text : cell.text + pad
                parts.append(cell.style.paint(padded, if: color))
            }
            var s = indent + parts.joined(separator: "  ")
            while s.last == " " { s.removeLast() }
            return s
        }
        var out = [line(header)]
        if rule { out.append(indent + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
        out += body.map(line)
        return out
    }
}

extension Table.Role {
    /// A role in the terminal: a colour.
    public var terminalStyle: TerminalStyle {
        switch self {
        case .plain: .plain
        case .key: .bold
        case .muted: .dim
        case .best, .good: .green
        case .warning, .lowerBound: .yellow
        case .bad: .red
        }
    }
}
