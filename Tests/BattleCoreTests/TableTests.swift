import Testing

@testable import BattleCore

/// The one table model, rendered to each format.
@Suite("Table")
struct TableTests {
    static var sample: Table {
        var t = Table(["name", "req/s", "notes"], align: [.left, .right, .left])
        t.add(["rust", "65.6k", ""])
        t.add([Table.Cell("go", .good), Table.Cell("28.3k", tooltip: "28,312 req/s"), "a|b\nc"])
        return t
    }

    @Test("terminal text pads columns, aligns numbers right and drops trailing spaces")
    func text() {
        #expect(Self.sample.text(indent: "  ") == "  name  req/s  notes\n  rust  65.6k\n  go    28.3k  a|b\nc\n")
        #expect(Self.sample.text(rule: true).split(separator: "\n")[1] == "----  -----  -----")
    }

    @Test("colour never counts towards a width, and titles are bold")
    func color() {
        let lines = Self.sample.textLines(color: true)
        #expect(lines[0].hasPrefix("\u{1B}[1mname\u{1B}[0m  \u{1B}[1mreq/s\u{1B}[0m"))
        #expect(lines[2].hasPrefix("\u{1B}[32mgo  \u{1B}[0m  28.3k"))
    }

    @Test("Markdown escapes pipes, flattens line breaks and marks right-aligned columns")
    func markdown() {
        #expect(
            Self.sample.markdown()
                == "| name | req/s | notes |\n|---|---:|---|\n| rust | 65.6k |  |\n| go | 28.3k | a\\|b c |\n")
    }

    @Test("HTML escapes every text, classes numbers, keeps tooltips, markup and row headers")
    func html() {
        var t = Table(["a<b", "n"], numeric: [1], cssClass: "data x")
        t.add([Table.Cell("<i>", .best), Table.Cell("1", tooltip: "\"one\"")], cssClass: "failed")
        t.add([.markup("<b>ok</b>"), "2"])
        #expect(
            t.html()
                == "<table class=\"data x\"><thead><tr><th>a&lt;b</th><th class=\"num\">n</th></tr></thead><tbody>"
                + "<tr class=\"failed\"><td class=\"best\">&lt;i&gt;</td><td class=\"num\" title=\"&quot;one&quot;\">1</td></tr>"
                + "<tr><td><b>ok</b></td><td class=\"num\">2</td></tr></tbody></table>")
        t.rowHeaders = true
        #expect(t.html().contains("<th scope=\"row\" class=\"best\">&lt;i&gt;</th>"))
    }

    @Test("plain cells: columns of numbers align right, of words left, the first always left")
    func inferredAlignment() {
        let t = Table(header: ["k", "n", "w"], rows: [["1", "2", "x"], ["y", "no data", ""]])
        #expect(t.columns.map(\.align) == [.left, .right, .left])
    }
}
