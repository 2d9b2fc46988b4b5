import Testing

@testable import BattleCore

/// Roles and per-format columns of the table model: what each format makes of them.
@Suite("Table roles and formats")
struct TableRoleTests {
    /// One cell of `role` as each format writes it: the terminal (coloured), a Markdown row, an HTML cell.
    static let expected: [(role: Table.Role, text: String, markdown: String, html: String)] = [
        (.plain, "7", "| 7 |", "<td>7</td>"),
        (.key, "\u{1B}[1m7\u{1B}[0m", "| 7 |", "<td>7</td>"),
        (.muted, "\u{1B}[2m7\u{1B}[0m", "| 7 |", "<td>7</td>"),
        (.best, "\u{1B}[32m7\u{1B}[0m", "| **7** |", "<td class=\"best\">7</td>"),
        (.good, "\u{1B}[32m7\u{1B}[0m", "| 7 |", "<td class=\"good\">7</td>"),
        (.warning, "\u{1B}[33m7\u{1B}[0m", "| 7 |", "<td class=\"warn\">7</td>"),
        (.bad, "\u{1B}[31m7\u{1B}[0m", "| 7 |", "<td class=\"bad\">7</td>"),
        (.lowerBound, "\u{1B}[33m≥ 7\u{1B}[0m", "| ≥ 7 |", "<td class=\"warn\">≥ 7</td>"),
    ]

    static func one(_ role: Table.Role) -> Table {
        var t = Table(["n"])
        t.add([Table.Cell("7", role)])
        return t
    }

    @Test("every role is listed here once")
    func everyRole() {
        #expect(Self.expected.map(\.role) == Table.Role.allCases)
    }

    @Test("each role in the terminal, Markdown and HTML")
    func rolesInEachFormat() {
        for e in Self.expected {
            let t = Self.one(e.role)
            #expect(t.textLines(color: true)[1] == e.text, "\(e.role)")
            #expect(t.markdown().split(separator: "\n")[2] == e.markdown[...], "\(e.role)")
            #expect(t.html().contains("<tbody><tr>\(e.html)</tr>"), "\(e.role)")
            #expect(t.textLines(color: false)[1] == e.role.shown("7"), "\(e.role)")
        }
    }

    @Test("a lower bound's sign counts towards its column's width")
    func lowerBoundWidth() {
        var t = Table(["name", "req/s"], align: [.left, .right])
        t.add(["rust", Table.Cell("133k", .lowerBound)])
        t.add(["go", "98.1k"])
        #expect(t.text() == "name   req/s\nrust  ≥ 133k\ngo     98.1k\n")
    }

    @Test("a best row marks its name: green, bold, the row classed")
    func bestRow() {
        var t = Table(["name", "req/s"], align: [.left, .right])
        t.add(["rust", "65.6k"], role: .best)
        t.add(["go", "28.3k"])
        #expect(t.textLines(color: true)[1] == "\u{1B}[32mrust\u{1B}[0m  65.6k")
        #expect(t.markdown().contains("| **rust** | 65.6k |\n| go | 28.3k |"))
        #expect(t.html().contains("<tr class=\"best\"><td>rust</td><td class=\"num\">65.6k</td></tr><tr><td>go</td>"))
    }

    @Test("notes: joined in text and Markdown, a badge each in HTML, a warning in the terminal")
    func notes() {
        var t = Table(["notes"])
        t.add([.notes([.init("verification FAILED 1 check", .bad), .init("3 errors")])])
        t.add([.notes([])])
        #expect(t.textLines(color: true)[1] == "\u{1B}[33mverification FAILED 1 check; 3 errors\u{1B}[0m")
        #expect(t.markdown().contains("| verification FAILED 1 check; 3 errors |\n|  |"))
        #expect(
            t.html().contains(
                "<tr><td><span class=\"badge bad\">verification FAILED 1 check</span> <span class=\"badge warn\">3 errors</span></td></tr><tr><td></td></tr>"
            ))
    }

    @Test("a column is shown only in its formats: detail ones not in the terminal")
    func columnFormats() {
        var t = Table([
            .init("name"), .init("p99.9", .right, in: .detail), .init("deps", in: .markdown), .init("tool", in: .html),
            .init("notes"),
        ])
        t.add(["rust", "3.67ms", "4 / 80", "cloc", "ok"])
        #expect(t.text() == "name  notes\nrust  ok\n")
        #expect(
            t.markdown() == "| name | p99.9 | deps | notes |\n|---|---:|---|---|\n| rust | 3.67ms | 4 / 80 | ok |\n")
        #expect(t.html().contains("<th>name</th><th class=\"num\">p99.9</th><th>tool</th><th>notes</th>"))
        #expect(t.html().contains("<td>rust</td><td class=\"num\">3.67ms</td><td>cloc</td><td>ok</td>"))
    }
}
