import Testing

@testable import BattleCore

@Suite struct TOMLStringTests {
    static let awkward = [
        "/tmp/plain.jsonl", "/tmp/with \"quotes\".jsonl", #"C:\bodies\new.jsonl"#, "line\nbreak", "tab\there",
        "bell\u{07}del\u{7F}", "caf\u{E9} \u{1F600}", "",
    ]

    @Test func quotedStringsReadBackAsWritten() throws {
        for s in Self.awkward {
            let table = try TOMLReader.parse("v = \(TOMLString.quoted(s))\n", file: "t.toml")
            #expect(table["v"]?.string == s, "\(TOMLString.quoted(s))")
        }
    }

    @Test func escapesAreTOMLs() {
        #expect(TOMLString.quoted(#"a"b\c"#) == #""a\"b\\c""#)
        #expect(TOMLString.quoted("\n\t\r\u{08}\u{0C}") == #""\n\t\r\b\f""#)
        #expect(TOMLString.quoted("\u{01}\u{7F}") == #""\u0001\u007F""#)
        #expect(TOMLString.quoted("é") == "\"é\"")
    }
}
