import Testing

@testable import BattleCore

@Suite struct TOMLParserTests {
    @Test func parsesTheManifestSubset() throws {
        let t = try TOMLParser.parse(
            """
            # a comment
            schema = 1
            name = "rust"   # trailing comment
            tests = ["plaintext", "json",
                     "db",]
            ratio = 2.5
            on = true
            [build]
            command = './build.sh'
            [run]
            env = { RUST_LOG = "error", "X.Y" = "z" }
            """)
        #expect(t["schema"] == .integer(1))
        #expect(t["name"]?.string == "rust")
        #expect(t["tests"] == .array([.string("plaintext"), .string("json"), .string("db")]))
        #expect(t["ratio"] == .float(2.5))
        #expect(t["on"] == .bool(true))
        #expect(t["build"]?.table?["command"]?.string == "./build.sh")
        let env = try #require(t["run"]?.table?["env"]?.table)
        #expect(env.keys == ["RUST_LOG", "X.Y"])
        #expect(t.keys == ["schema", "name", "tests", "ratio", "on", "build", "run"])
    }

    @Test func arraysOfTablesAndDottedKeys() throws {
        let t = try TOMLParser.parse(
            """
            [[figure]]
            metric = "a"
            source.year = 2024
            [[figure]]
            metric = "b"
            [profile.startup]
            weights = { hiring = 3 }
            """)
        let figures = try #require(t["figure"]?.array)
        #expect(figures.count == 2)
        #expect(figures[0].table?["source"]?.table?["year"] == .integer(2024))
        #expect(figures[1].table?["metric"]?.string == "b")
        #expect(t["profile"]?.table?["startup"]?.table?["weights"]?.table?["hiring"] == .integer(3))
    }

    @Test func stringsAndNumbers() throws {
        let t = try TOMLParser.parse(
            #"""
            a = "tab\tquote\" \u00e9"
            b = """
            line one
            line two"""
            c = 1_000
            d = -3e2
            e = 0xff
            """#)
        #expect(t["a"]?.string == "tab\tquote\" é")
        #expect(t["b"]?.string == "line one\nline two")
        #expect(t["c"] == .integer(1000))
        #expect(t["d"] == .float(-300))
        #expect(t["e"] == .integer(255))
    }

    @Test(arguments: [
        ("name = rust", "strings need quotes"),
        ("a = 1\na = 2", "defined twice"),
        ("a = \"x\nb = 1", "must end on its line"),
        ("a = \"x", "unterminated string"),
        ("[t]\n[t]", "defined twice"),
        ("when = 2024-01-01", "dates and times are not supported"),
        ("a = [1, 2", "expected ',' or ']'"),
        ("a = 1 b = 2", "expected the end of the line"),
    ])
    func reportsErrorsWithTheirLine(input: String, expected: String) {
        do {
            _ = try TOMLParser.parse(input)
            Issue.record("no error for \(input)")
        } catch {
            #expect(error.description.contains(expected), "\(error.description)")
            #expect(error.line >= 1)
        }
    }

    @Test func errorLinesPointAtTheProblem() {
        #expect(throws: TOMLParser.Failure.self) { try TOMLParser.parse("a = 1\n\nb = nope") }
        do { _ = try TOMLParser.parse("a = 1\n\nb = nope") } catch { #expect(error.line == 3) }
    }

    @Test func fieldAccessorsNameFileAndKey() throws {
        let t = try TOMLParser.parse("name = 3\nextra = 1")
        #expect(throws: TOMLFieldError(file: "m.toml", key: "name", message: "must be a string in quotes, not integer")) {
            try t.requiredString("name", file: "m.toml")
        }
        #expect(throws: TOMLFieldError.self) { try t.rejectUnknownKeys(["name"], file: "m.toml") }
        #expect(throws: TOMLFieldError.self) { try t.requiredString("missing", file: "m.toml") }
    }
}
