import BattleCore

/// The "Language and stack" section of each report format, from one
/// `StackComparison`. Pure: empty when nothing could be ranked.
enum StackSection {
    static let title = "Language and stack"

    static func isEmpty(_ c: StackComparison) -> Bool { !c.tests.contains { $0.leader?.best != nil } }

    static func text(_ c: StackComparison, color: Bool) -> String {
        guard !isEmpty(c) else { return "" }
        var t = TextTable(
            StackComparison.header,
            align: StackComparison.header.indices.map { StackComparison.numericColumns.contains($0) ? .right : .left })
        for row in c.rows() { t.add(row.map { TextTable.Cell($0) }) }
        let heading = "language and stack (peak req/s at the CPU budget, grouped by language)"
        var s = "\n" + (color ? TextTable.paint(heading, .bold) : heading) + "\n" + t.render(color: color)
        s += c.sentences().map { "  " + $0 + "\n" }.joined()
        return s
    }

    static func markdown(_ c: StackComparison) -> String {
        guard !isEmpty(c) else { return "" }
        var md = "\n## \(title)\n\n"
        md += "| " + StackComparison.header.joined(separator: " | ") + " |\n"
        md +=
            "|"
            + StackComparison.header.indices.map { StackComparison.numericColumns.contains($0) ? "---:" : "---" }
            .joined(separator: "|") + "|\n"
        for row in c.rows() { md += "| " + row.map(Escape.markdownCell).joined(separator: " | ") + " |\n" }
        md += "\n" + c.sentences().map { "- \($0)\n" }.joined()
        md += "\n" + StackComparison.method + "\n"
        return md
    }

    static func html(_ c: StackComparison) -> String {
        guard !isEmpty(c) else { return "" }
        var t = HTMLTable(StackComparison.header, numeric: StackComparison.numericColumns)
        for row in c.rows() { t.add(row.map { HTMLTable.Cell($0) }) }
        var s = t.html() + "\n<ul>" + c.sentences().map { "<li>\(Escape.html($0))</li>" }.joined() + "</ul>\n"
        s += "<p class=\"caption\">\(Escape.html(StackComparison.method))</p>"
        if let f = StackChart.figure(c) { s += "\n" + HTMLReport.figures([f]) }
        return s
    }
}
