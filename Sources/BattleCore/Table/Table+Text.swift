extension Table {
    /// Columns padded to their widest cell, two spaces apart, trailing
    /// spaces dropped. `indent` starts every line; `rule` draws dashes
    /// under the titles; with `color`, titles are bold and cells painted.
    public func text(indent: String = "", color: Bool = false, rule: Bool = false) -> String {
        textLines(indent: indent, color: color, rule: rule).map { $0 + "\n" }.joined()
    }

    public func textLines(indent: String = "", color: Bool = false, rule: Bool = false) -> [String] {
        var widths = columns.map(\.title.count)
        for row in rows {
            for (i, cell) in row.cells.enumerated() where i < widths.count {
                widths[i] = max(widths[i], cell.text.count)
            }
        }
        func line(_ cells: [Cell]) -> String {
            var parts: [String] = []
            for (i, cell) in cells.enumerated() where i < widths.count {
                let pad = String(repeating: " ", count: widths[i] - cell.text.count)
                let padded = columns[i].align == .right ? pad + cell.text : cell.text + pad
                parts.append(cell.style.paint(padded, if: color))
            }
            var s = indent + parts.joined(separator: "  ")
            while s.last == " " { s.removeLast() }
            return s
        }
        var out = [line(columns.map { Cell($0.title, .bold) })]
        if rule { out.append(indent + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
        out += rows.map { line($0.cells) }
        return out
    }
}
