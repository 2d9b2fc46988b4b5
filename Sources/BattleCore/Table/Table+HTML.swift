extension Table {
    /// An HTML table of the columns shown in `.html`: every text escaped,
    /// right-aligned columns classed `num`, roles as classes, notes as
    /// badges, tooltips as `title`, the first cell a row header when
    /// `rowHeaders` is set.
    public func html() -> String {
        let shown = columnIndices(in: .html)
        func classAttribute(_ list: [String?]) -> String {
            let names = list.compactMap { $0 }
            return names.isEmpty ? "" : " class=\"\(HTMLEscape.escape(names.joined(separator: " ")))\""
        }
        func numeric(_ i: Int) -> String? { columns[i].align == .right ? "num" : nil }
        var s = "<table class=\"\(HTMLEscape.escape(cssClass))\"><thead><tr>"
        for i in shown { s += "<th\(classAttribute([numeric(i)]))>" + HTMLEscape.escape(columns[i].title) + "</th>" }
        s += "</tr></thead><tbody>"
        for row in rows {
            s += "<tr\(classAttribute([row.role.htmlClass, row.cssClass]))>"
            for (k, i) in shown.enumerated() where i < row.cells.count {
                let c = row.cells[i]
                let tag = rowHeaders && k == 0 ? "th" : "td"
                s += "<\(tag)" + (tag == "th" ? " scope=\"row\"" : "")
                s += classAttribute([numeric(i), c.notes == nil ? c.role.htmlClass : nil])
                if let t = c.tooltip { s += " title=\"\(HTMLEscape.escape(t))\"" }
                s += ">" + (c.markup ?? c.notes.map(Self.badges) ?? HTMLEscape.escape(c.shown)) + "</\(tag)>"
            }
            s += "</tr>"
        }
        return s + "</tbody></table>"
    }

    /// Notes as badges, each classed by its role.
    static func badges(_ notes: [Cell.Note]) -> String {
        notes.map { n in
            "<span class=\"badge\(n.role.htmlClass.map { " " + $0 } ?? "")\">\(HTMLEscape.escape(n.text))</span>"
        }.joined(separator: " ")
    }
}

extension Table.Role {
    /// A role in HTML: a class on the cell or row (styled in the report's CSS).
    public var htmlClass: String? {
        switch self {
        case .plain, .key, .muted: nil
        case .best: "best"
        case .good: "good"
        case .warning, .lowerBound: "warn"
        case .bad: "bad"
        }
    }
}
