extension Table {
    /// An HTML table: every text escaped, right-aligned columns classed
    /// `num`, tooltips as `title`, the first cell a row header when
    /// `rowHeaders` is set.
    public func html() -> String {
        func classes(_ i: Int, _ extra: String?) -> String {
            let list = (columns[i].align == .right ? ["num"] : []) + (extra.map { [$0] } ?? [])
            return list.isEmpty ? "" : " class=\"\(list.joined(separator: " "))\""
        }
        var s = "<table class=\"\(HTMLEscape.escape(cssClass))\"><thead><tr>"
        for (i, c) in columns.enumerated() { s += "<th\(classes(i, nil))>" + HTMLEscape.escape(c.title) + "</th>" }
        s += "</tr></thead><tbody>"
        for row in rows {
            s += row.cssClass.map { "<tr class=\"\(HTMLEscape.escape($0))\">" } ?? "<tr>"
            for (i, c) in row.cells.enumerated() where i < columns.count {
                let tag = rowHeaders && i == 0 ? "th" : "td"
                s += "<\(tag)" + (tag == "th" ? " scope=\"row\"" : "") + classes(i, c.cssClass)
                if let t = c.tooltip { s += " title=\"\(HTMLEscape.escape(t))\"" }
                s += ">" + (c.markup ?? HTMLEscape.escape(c.text)) + "</\(tag)>"
            }
            s += "</tr>"
        }
        return s + "</tbody></table>"
    }
}
