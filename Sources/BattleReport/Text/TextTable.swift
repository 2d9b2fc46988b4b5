/// A plain terminal table: columns padded to their widest cell, numbers
/// right-aligned, optional ANSI styles that do not count towards widths.
struct TextTable {
    enum Align { case left, right }
    enum Style { case plain, bold, dim, red, green, yellow }

    struct Cell {
        var text: String
        var style: Style = .plain
        init(_ text: String, _ style: Style = .plain) {
            self.text = text
            self.style = style
        }
    }

    var header: [String]
    var align: [Align]
    var rows: [[Cell]] = []
    var indent = "  "

    init(_ header: [String], align: [Align]) {
        self.header = header
        self.align = align
    }

    mutating func add(_ cells: [Cell]) { rows.append(cells) }

    func render(color: Bool) -> String {
        var widths = header.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.text.count) }
        }
        var out = ""
        func line(_ cells: [Cell]) {
            var parts: [String] = []
            for (i, cell) in cells.enumerated() where i < widths.count {
                let pad = String(repeating: " ", count: widths[i] - cell.text.count)
                let padded = (align[i] == .right) ? pad + cell.text : cell.text + pad
                parts.append(color ? Self.paint(padded, cell.style) : padded)
            }
            var s = indent + parts.joined(separator: "  ")
            while s.last == " " { s.removeLast() }
            out += s + "\n"
        }
        line(header.map { Cell($0, .bold) })
        for row in rows { line(row) }
        return out
    }

    static func paint(_ s: String, _ style: Style) -> String {
        let code: String
        switch style {
        case .plain: return s
        case .bold: code = "1"
        case .dim: code = "2"
        case .red: code = "31"
        case .green: code = "32"
        case .yellow: code = "33"
        }
        return "\u{1B}[\(code)m" + s + "\u{1B}[0m"
    }
}
