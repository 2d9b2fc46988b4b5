/// A table for the HTML report: escaped cells, numeric columns right-aligned,
/// optional exact values as tooltips.
struct HTMLTable {
    struct Cell {
        var text: String
        /// Shown on hover: the exact figure behind a rounded one.
        var title: String? = nil
        var cls: String? = nil
        /// Already-escaped markup (badges); used instead of `text` when set.
        var html: String? = nil

        init(_ text: String, title: String? = nil, cls: String? = nil) {
            self.text = text
            self.title = title
            self.cls = cls
        }

        static func markup(_ html: String, text: String = "") -> Cell {
            var c = Cell(text)
            c.html = html
            return c
        }
    }

    var header: [String]
    var numeric: Set<Int>
    var cls: String
    var rows: [(cells: [Cell], cls: String?)] = []

    init(_ header: [String], numeric: Set<Int> = [], cls: String = "data") {
        self.header = header
        self.numeric = numeric
        self.cls = cls
    }

    mutating func add(_ cells: [Cell], cls: String? = nil) { rows.append((cells, cls)) }

    func html() -> String {
        var s = "<table class=\"\(cls)\"><thead><tr>"
        for (i, h) in header.enumerated() {
            s += numeric.contains(i) ? "<th class=\"num\">" : "<th>"
            s += Escape.html(h) + "</th>"
        }
        s += "</tr></thead><tbody>"
        for row in rows {
            s += row.cls.map { "<tr class=\"\($0)\">" } ?? "<tr>"
            for (i, c) in row.cells.enumerated() {
                var classes: [String] = []
                if numeric.contains(i) { classes.append("num") }
                if let extra = c.cls { classes.append(extra) }
                s += "<td"
                if !classes.isEmpty { s += " class=\"\(classes.joined(separator: " "))\"" }
                if let t = c.title { s += " title=\"\(Escape.html(t))\"" }
                s += ">" + (c.html ?? Escape.html(c.text)) + "</td>"
            }
            s += "</tr>"
        }
        return s + "</tbody></table>"
    }
}
