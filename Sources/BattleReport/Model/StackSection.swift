import BattleCore

/// The "Language and stack" section of each report format, from one
/// `StackComparison`. Pure: empty when nothing could be ranked.
enum StackSection {
    static let title = "Language and stack"

    static func isEmpty(_ c: StackComparison) -> Bool { !c.tests.contains { $0.leader?.best != nil } }

    /// The section's one table, whatever the format.
    static func table(_ c: StackComparison) -> Table {
        var t = Table(StackComparison.header, numeric: StackComparison.numericColumns)
        for row in c.rows() { t.add(row) }
        return t
    }

    static func text(_ c: StackComparison, color: Bool) -> String {
        guard !isEmpty(c) else { return "" }
        let heading = "language and stack (peak req/s at the CPU budget, grouped by language)"
        var s = "\n" + TerminalStyle.bold.paint(heading, if: color) + "\n" + table(c).text(indent: "  ", color: color)
        s += c.sentences().map { "  " + $0 + "\n" }.joined()
        return s
    }

    static func markdown(_ c: StackComparison) -> String {
        guard !isEmpty(c) else { return "" }
        var md = "\n## \(title)\n\n"
        md += table(c).markdown()
        md += "\n" + c.sentences().map { "- \($0)\n" }.joined()
        md += "\n" + StackComparison.method + "\n"
        return md
    }

    static func html(_ c: StackComparison) -> String {
        guard !isEmpty(c) else { return "" }
        var s = table(c).html() + "\n<ul>" + c.sentences().map { "<li>\(Escape.html($0))</li>" }.joined() + "</ul>\n"
        s += "<p class=\"caption\">\(Escape.html(StackComparison.method))</p>"
        if let f = StackChart.chart(c) { s += "\n" + HTMLReport.chartGrid([f]) }
        return s
    }
}
