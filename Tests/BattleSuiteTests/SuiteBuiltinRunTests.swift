import BattleCore
import Testing

@testable import BattleSuite

/// The test-level built-ins (random-rows, matches-table, persisted,
/// rows-updated), server_checks, weight 0, per-request verify_samples and
/// per-kind query counts, through the parser and `SuiteTestRun`.
@Suite struct SuiteBuiltinRunTests {
    static let suite = """
        [tests.t]
        verify_samples = 2
        builtin = ["random-rows", "matches-table", "persisted", "rows-updated"]
        [[tests.t.requests]]
        name = "one"
        path = "/u?queries=1"
        [[tests.t.requests]]
        name = "three"
        weight = 0
        verify_samples = 3
        path = "/u?queries=3"
        [[tests.t.query_counts]]
        statement = "select"
        table = "world"
        per_request = { one = 1, three = 3 }

        """

    static func spec(_ text: String = suite) throws -> SuiteTestSpec {
        try SuiteParser.parse(SuiteFixtures.minimal(text)).tests[0]
    }

    @Test func theNewKeysParse() throws {
        let t = try Self.spec()
        #expect(t.builtins == [.randomRows, .matchesTable, .persisted, .rowsUpdated])
        #expect(t.requests.map(\.weight) == [1, 0])
        #expect(t.requests.map(\.verifySamples) == [nil, 3])
        #expect(
            SuiteTestRun(test: t, database: nil).requests.map(\.target) == ["/u?queries=1", "/u?queries=1"]
                + Array(repeating: "/u?queries=3", count: 3))
        guard case .queryCount(let q) = t.databaseChecks[0] else { throw BuiltinChecksTests.Failure("no query count") }
        #expect(q.expected(sent: ["one", "one", "three"]) == 5)
        #expect(t.readsDatabase)
        let s = try SuiteParser.parse(
            SuiteFixtures.minimal("server_checks = [\"not-found\", \"keep-alive\"]\n" + Self.suite))
        #expect(s.serverChecks == [.notFound, .keepAlive])
    }

    @Test func badNewKeysAreErrors() throws {
        func error(_ text: String) -> String {
            do {
                _ = try SuiteParser.parse(SuiteFixtures.minimal(text))
                return ""
            } catch { return error.description }
        }
        #expect(
            error(Self.suite.replacingOccurrences(of: "\"random-rows\"", with: "\"random\"")).contains(
                "no built-in test check 'random'"))
        #expect(error("server_checks = [\"ping\"]\n" + Self.suite).contains("no server check 'ping'"))
        #expect(
            error(Self.suite.replacingOccurrences(of: "one = 1, three = 3", with: "one = 1")).contains(
                "names no count for the request 'three'"))
        #expect(
            error(Self.suite.replacingOccurrences(of: "one = 1, three = 3", with: "one = 1, three = 3, four = 4"))
                .contains("no request named 'four'"))
        #expect(
            error(Self.suite.replacingOccurrences(of: "weight = 0", with: "weight = -1")).contains("must be 0 or more"))
        #expect(
            error(Self.suite.replacingOccurrences(of: "verify_samples = 3", with: "verify_samples = 0")).contains(
                "must be 1..1000"))
        let allZero = Self.suite.replacingOccurrences(of: "name = \"one\"\n", with: "name = \"one\"\nweight = 0\n")
        #expect(error(allZero).contains("every request has weight 0"))
    }

    static func answer(_ target: String, rows: [(Int, Int)]) -> HTTPResponseRecord {
        let body = "[" + rows.map { #"{"id":\#($0.0),"randomNumber":\#($0.1)}"# }.joined(separator: ",") + "]"
        return Canned.response(body)
    }

    /// Runs the test against answers from `respond` and a world table of ids 1..10 (numbers id×10).
    static func run(
        _ respond: @escaping (SampledRequest, Int) -> HTTPResponseRecord, table: [Int: Int]? = nil,
        stats: [StatementStat] = []
    ) throws -> [String: SuiteOutcome] {
        let t = try spec()
        let world = table ?? Dictionary(uniqueKeysWithValues: (1...10).map { ($0, $0 * 10) })
        let db = FakeSuiteDatabase(
            answers: [
                WorldChecks.tableQuery: world.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(
                    separator: ",")
            ],
            stats: stats)
        var i = 0
        let v = SuiteTestRun(test: t, database: db).run { r in
            i += 1
            return .success(respond(r, i))
        }
        return Dictionary(uniqueKeysWithValues: v.checks.map { ($0.name, $0.outcome) })
    }

    @Test func worldBuiltinsPassOnHonestAnswersAndFailOnBrokenOnes() throws {
        // answers of distinct ids, as the table holds them; 1+1+3+3+3 = 11 selects, 9 rows updated
        let honest: (SampledRequest, Int) -> HTTPResponseRecord = { r, i in
            let n = r.target.hasSuffix("=3") ? 3 : 1
            return Self.answer(
                r.target,
                rows: (0..<n).map { k in
                    let id = (i + k * 3) % 10 + 1; return (id, id * 10)
                })
        }
        let stats = [
            StatementStat(query: "SELECT id, randomnumber FROM world WHERE id = $1", calls: 11, rows: 11),
            StatementStat(query: "UPDATE world SET randomnumber = $1 WHERE id = $2", calls: 11, rows: 11),
        ]
        let ok = try Self.run(honest, stats: stats)
        #expect(ok["random-rows"] == .pass)
        #expect(ok["matches-table"] == .pass)
        #expect(ok["persisted"] == .pass)
        #expect(ok["rows-updated"] == .pass)
        #expect(ok["query-count select world"] == .pass)

        // the same row every time
        let constant = try Self.run(
            { r, _ in Self.answer(r.target, rows: Array(repeating: (4, 40), count: r.target.hasSuffix("=3") ? 3 : 1)) },
            stats: stats)
        #expect(constant["random-rows"] == .fail)
        // numbers not from the table (nor persisted)
        let invented = try Self.run(
            { r, i in
                Self.answer(
                    r.target, rows: [((i % 10) + 1, 9999)] + (r.target.hasSuffix("=3") ? [(1, 9999), (2, 9999)] : []))
            }, stats: stats)
        #expect(invented["matches-table"] == .fail)
        #expect(invented["persisted"] == .fail)
        // batched reads and no rows written
        let lazy = try Self.run(
            honest,
            stats: [
                StatementStat(query: "SELECT id, randomnumber FROM world WHERE id = ANY($1)", calls: 5, rows: 11),
                StatementStat(query: "UPDATE world SET randomnumber = $1 WHERE id = $2", calls: 11, rows: 0),
            ])
        #expect(lazy["query-count select world"] == .fail)
        #expect(lazy["rows-updated"] == .fail)
    }

    @Test func withoutDatabaseTheDatabaseBuiltinsAreSkipped() throws {
        let v = SuiteTestRun(test: try Self.spec(), database: nil).run { r in
            .success(Self.answer(r.target, rows: [(1, 1)]))
        }
        let by = Dictionary(uniqueKeysWithValues: v.checks.map { ($0.name, $0.outcome) })
        #expect(by["matches-table"] == .skip)
        #expect(by["persisted"] == .skip)
        #expect(by["rows-updated"] == .skip)
        #expect(by["random-rows"] == .fail)  // one row every time needs no database to see
    }
}
