import BattleCore
import BattleSuite
import Testing

@Suite struct FortunesCheckTests {
    static func page(_ html: String) -> HTTPResponseRecord { Canned.response(html, type: "text/html; charset=utf-8") }

    @Test func expectedPagePasses() {
        #expect(FortunesCheck.page(Self.page(Fortunes.expectedPage)).outcome == .pass)
        #expect(Fortunes.sortedRows.count == 13)
        #expect(Fortunes.sortedRows.first?.id == 11)  // "<script>..." sorts first ('<' < 'A')
        #expect(Fortunes.sortedRows.last?.id == 12)  // Japanese sorts last
    }

    @Test func otherEscapingsAndWhitespacePass() {
        let other = Fortunes.expectedPage
            .replacingOccurrences(of: "&#39;", with: "&#x27;")
            .replacingOccurrences(of: "&quot;", with: "&#34;")
            .replacingOccurrences(of: "<tr>", with: "\n  <tr>")
            .replacingOccurrences(of: "<!DOCTYPE html>", with: "<!doctype html>\n")
        #expect(FortunesCheck.page(Self.page(other)).outcome == .pass)
        let apos = Fortunes.expectedPage.replacingOccurrences(of: "&#39;", with: "&apos;")
        #expect(FortunesCheck.page(Self.page(apos)).outcome == .pass)
    }

    @Test func unescapedScriptFails() {
        let unescaped = Fortunes.expectedPage.replacingOccurrences(
            of: Fortunes.escape(Fortunes.rows[10].message), with: Fortunes.rows[10].message)
        let v = FortunesCheck.page(Self.page(unescaped))
        #expect(v.outcome == .fail)
        #expect(v.detail.contains("script"))
    }

    @Test func unescapedQuoteWarns() {
        let quote = Fortunes.expectedPage.replacingOccurrences(of: "&#39;", with: "'")
        #expect(FortunesCheck.page(Self.page(quote)).outcome == .warn)
    }

    @Test func missingAddedRowOrWrongOrderFails() {
        let noAdded = Fortunes.expectedPage.replacingOccurrences(
            of: "<tr><td>0</td><td>Additional fortune added at request time.</td></tr>", with: "")
        #expect(FortunesCheck.page(Self.page(noAdded)).outcome == .fail)
        var rows = Fortunes.sortedRows
        rows.swapAt(1, 2)
        var page =
            "<!DOCTYPE html><html><head><title>Fortunes</title></head><body><table><tr><th>id</th><th>message</th></tr>"
        for r in rows { page += "<tr><td>\(r.id)</td><td>\(Fortunes.escape(r.message))</td></tr>" }
        page += "</table></body></html>"
        #expect(FortunesCheck.page(Self.page(page)).outcome == .fail)
    }

    @Test func mojibakeFails() {
        // The Japanese row sent as Latin-1 decoded UTF-8 (double encoding).
        let mangled = Fortunes.expectedPage.replacingOccurrences(of: "フレームワーク", with: "ãƒ•ãƒ¬ãƒ¼ãƒ")
        #expect(FortunesCheck.page(Self.page(mangled)).outcome == .fail)
        var invalid = Self.page(Fortunes.expectedPage)
        invalid.body[invalid.body.count - 30] = 0xFF
        #expect(FortunesCheck.page(invalid).outcome == .fail)
    }

    @Test func entityDecoding() {
        #expect(
            HTMLNormalization.decodeEntities("a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#x27; &apos;")
                == "a & b <c> \"d\" 'e' '")
        #expect(HTMLNormalization.decodeEntities("fish & chips &unknown;") == "fish & chips &unknown;")
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
