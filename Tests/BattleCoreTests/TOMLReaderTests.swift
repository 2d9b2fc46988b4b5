import Testing

@testable import BattleCore

@Suite struct TOMLReaderTests {
    private func parse(_ text: String) throws(TOMLFileError) -> TOMLTable { try TOMLReader.parse(text, file: "f.toml") }

    private func failure(_ text: String) -> TOMLFileError? {
        do {
            _ = try parse(text)
            return nil
        } catch { return error }
    }

    @Test func readsWhatBattlesFilesWrite() throws {
        let t = try parse(
            #"""
            # a comment
            schema = 1
            name = "rust"   # trailing comment
            tests = ["plaintext", "json",
                     "db",]
            ratio = 2.5
            on = true
            a = "tab\tquote\" \u00e9"
            b = """
            line one
            line two"""
            c = 1_000
            d = -3e2
            e = 0xff
            [build]
            command = './build.sh'
            [run]
            env = { RUST_LOG = "error", "X.Y" = "z" }
            """#)
        #expect(t["schema"] == .integer(1))
        #expect(t["name"]?.string == "rust")
        #expect(t["tests"] == .array([.string("plaintext"), .string("json"), .string("db")]))
        #expect(t["ratio"] == .float(2.5))
        #expect(t["on"] == .bool(true))
        #expect(t["a"]?.string == "tab\tquote\" é")
        #expect(t["b"]?.string == "line one\nline two")
        #expect(t["c"] == .integer(1000))
        #expect(t["d"] == .float(-300))
        #expect(t["e"] == .integer(255))
        #expect(t["build"]?.table?["command"]?.string == "./build.sh")
        #expect(t["run"]?.table?["env"]?.table?["X.Y"]?.string == "z")
    }

    /// TOMLKit hands keys back sorted; every table here must come back in file order.
    @Test func keysAndTablesKeepTheirFileOrder() throws {
        let t = try parse(
            #"""
            zeta = 1
            "quoted\u0041key" = 2
            alpha = """
            [not.a.table]
            fake = "not a key"
            """
            mid.dotted = 3
            mid.b = 4
            mixed = [1, { y = 1, x = 2 }]
            [profile.startup]
            weights = { z = 1, a = 2 }
            [profile.enterprise]
            name = 'x'
            [profile.agency]
            [[figure]]
            tag = "P"
            metric = "a"
            [figure.source]
            year = 2024
            url = "u"
            [[figure]]
            year = 1
            metric = "b"
            [[figure.note]]
            z = 1
            a = 2
            [[figure.note]]
            y = 1
            b = 2
            [beta]
            """#)
        #expect(t.keys == ["zeta", "quotedAkey", "alpha", "mid", "mixed", "profile", "figure", "beta"])
        #expect(t["alpha"]?.string == "[not.a.table]\nfake = \"not a key\"\n")
        #expect(t["mid"]?.table?.keys == ["dotted", "b"])
        #expect(t["mixed"]?.array?[1].table?.keys == ["y", "x"])
        let profile = try #require(t["profile"]?.table)
        #expect(profile.keys == ["startup", "enterprise", "agency"])
        #expect(profile["startup"]?.table?["weights"]?.table?.keys == ["z", "a"])
        let figures = try #require(t["figure"]?.array)
        #expect(figures.compactMap { $0.table?["metric"]?.string } == ["a", "b"])
        #expect(figures[0].table?.keys == ["tag", "metric", "source"])
        #expect(figures[0].table?["source"]?.table?.keys == ["year", "url"])
        #expect(figures[1].table?.keys == ["year", "metric", "note"])
        let notes = try #require(figures[1].table?["note"]?.array)
        #expect(notes.map { $0.table?.keys ?? [] } == [["z", "a"], ["y", "b"]])
    }

    @Test func theFirstUnknownKeyInTheFileIsTheOneNamed() throws {
        let t = try parse("name = \"x\"\nzebra = 1\napple = 2\n")
        #expect(throws: TOMLFileError(file: "f.toml", key: "zebra", message: "unknown key; known keys here: name")) {
            try t.rejectUnknownKeys(["name"], file: "f.toml")
        }
    }

    @Test(arguments: [
        ("when = 2024-01-01", "when", "2024-01-01"),
        ("[[x]]\nat = 07:32:00", "x[0].at", "07:32:00"),
        ("[t]\nlist = [1979-05-27T07:32:00Z]", "t.list[0]", "1979-05-27"),
    ])
    func datesAndTimesAreRefusedByKey(text: String, key: String, shown: String) throws {
        let e = try #require(failure(text))
        #expect(e.key == key)
        #expect(e.message.contains("dates and times are not supported here"), "\(e)")
        #expect(e.message.contains(shown), "\(e)")
        #expect(e.description.hasPrefix("f.toml: '\(key)': "))
    }

    @Test func aSyntaxErrorNamesFileLineAndColumn() throws {
        let e = try #require(failure("a = 1\n\nname = rust # the stack"))
        #expect(e.place == .position(line: 3, column: 8))
        #expect(e.description.hasPrefix("f.toml: line 3, column 8: "), "\(e)")
        #expect(e.message.hasSuffix("; strings need quotes: name = \"rust\""), "\(e)")
    }

    @Test func aStringBrokenOverLinesSaysHowToWriteOne() throws {
        let e = try #require(failure("a = \"one\ntwo\"\n"))
        #expect(e.place == .position(line: 1, column: 9))
        #expect(
            e.message.hasSuffix("a string in \"quotes\" must end on its line; use \"\"\" for several lines"), "\(e)")
        #expect(TOMLSyntaxHint.hint(line: "a = 1 b = 2", column: 7, message: "expected a comment") == nil)
        #expect(
            TOMLSyntaxHint.hint(line: "url = http://h:1/  # x", column: 7, message: "x")
                == "strings need quotes: url = \"http://h:1/\"")
        #expect(TOMLSyntaxHint.hint(line: "a = [x, y]", column: 6, message: "x") == nil)
        #expect(TOMLSyntaxHint.hint(line: "on = true", column: 7, message: "x") == nil)
    }

    @Test(arguments: [
        "name = rust", "a = 1\na = 2", "a = \"x\nb = 1", "[t]\n[t]", "a = [1, 2", "a = 1 b = 2",
        "big = 9223372036854775808", "k = { a = 1,\n b = 2 }",
    ])
    func invalidTOMLIsASyntaxError(text: String) throws {
        let e = try #require(failure(text), "\(text)")
        #expect(e.key == nil)
        #expect(e.description.hasPrefix("f.toml: line "), "\(e)")
    }

    @Test func syntaxHelpFollowsTheMessage() throws {
        do {
            _ = try TOMLReader.parse("a = \n", file: "m.toml", syntaxHelp: "see docs/MANIFEST.md")
            Issue.record("parsed")
        } catch {
            #expect(error.description.hasPrefix("m.toml: line 1, column "), "\(error)")
            #expect(error.description.hasSuffix(" (see docs/MANIFEST.md)"), "\(error)")
        }
    }

    @Test func fieldAccessorsNameFileAndKey() throws {
        let t = try parse("name = 3\nextra = 1")
        #expect(throws: TOMLFileError(file: "m.toml", key: "name", message: "must be a string in quotes, not integer"))
        {
            try t.requiredString("name", file: "m.toml")
        }
        #expect(throws: TOMLFileError.self) { try t.requiredString("missing", file: "m.toml") }
    }
}
