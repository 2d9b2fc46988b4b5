import BattleCore
import BattleSuite
import Testing

@Suite struct ServerAndDatabaseChecksTests {
    @Test func fixedDateFails() {
        let d = HTTPDate.format(Canned.now)
        #expect(ServerChecks.dateChanges([d, d, d], over: 3).outcome == .fail)
        #expect(ServerChecks.dateChanges([d, HTTPDate.format(Canned.now + 1)], over: 1.5).outcome == .pass)
        #expect(ServerChecks.dateChanges([nil, nil], over: 3).outcome == .fail)
    }

    @Test func notFound() {
        #expect(ServerChecks.notFound(Canned.response("", status: 404)).outcome == .pass)
        #expect(ServerChecks.notFound(Canned.plaintext).outcome == .fail)
    }

    @Test func pipelining() {
        let expected: [(label: String, matches: @Sendable (HTTPResponseRecord) -> Bool)] = [
            ("/plaintext", { $0.bodyText == "Hello, World!" }), ("404", { $0.status == 404 }),
        ]
        #expect(
            ServerChecks.pipelining([Canned.plaintext, Canned.response("", status: 404)], expected: expected).outcome
                == .pass)
        #expect(
            ServerChecks.pipelining([Canned.response("", status: 404), Canned.plaintext], expected: expected).outcome
                == .fail)
        #expect(ServerChecks.pipelining([Canned.plaintext], expected: expected).outcome == .fail)
    }

    @Test func statementsAreClassified() {
        let stats = QueryCounts.parseStats(
            """
            SELECT id, randomnumber FROM world WHERE id = $1\u{1F}200\u{1F}200
            select id,randomNumber from World where id=$1\u{1F}5\u{1F}5
            UPDATE world SET randomnumber = $2 WHERE id = $1\u{1F}40\u{1F}40
            UPDATE world AS w SET randomnumber = v.r FROM UNNEST($1::int[], $2::int[]) AS v(id, r) WHERE w.id = v.id\u{1F}2\u{1F}40
            SELECT id, message FROM fortune\u{1F}10\u{1F}120
            SELECT pg_stat_statements_reset()\u{1F}1\u{1F}1
            BEGIN\u{1F}3\u{1F}0
            """)
        let c = QueryCounts(stats)
        #expect(c == QueryCounts(worldSelects: 205, worldUpdates: 42, worldRowsUpdated: 80, fortuneSelects: 10))
    }

    /// 10 requests of /queries?queries=20 batched into one `IN (...)` each: 10 statements, not 200.
    @Test func batchingIsCaughtByCounting() {
        let batched = QueryCounts([
            StatementStat(query: "SELECT id, randomnumber FROM world WHERE id IN ($1, $2)", calls: 10, rows: 200)
        ])
        #expect(
            DatabaseChecks.enoughQueries("world reads", executed: batched.worldSelects, expected: 200, requests: 10)
                .outcome == .fail)
        #expect(
            DatabaseChecks.enoughQueries("world reads", executed: 200, expected: 200, requests: 10).outcome == .pass)
        let cached = DatabaseChecks.enoughQueries("world reads", executed: 0, expected: 20, requests: 20)
        #expect(cached.outcome == .fail)
        #expect(cached.detail.contains("cached"))
    }

    @Test func snapshots() {
        let before = WorldSnapshot.parse("10000|50000000|abc\n")!
        #expect(before == WorldSnapshot(count: 10000, sum: 50_000_000, digest: "abc"))
        #expect(DatabaseChecks.tableChanged(before: before, after: before).outcome == .fail)
        #expect(
            DatabaseChecks.tableChanged(before: before, after: WorldSnapshot(count: 10000, sum: 1, digest: "d")).outcome
                == .pass)
        #expect(DatabaseChecks.tablesIntact(worldRows: 10000, fortuneRows: 12).outcome == .pass)
        #expect(DatabaseChecks.tablesIntact(worldRows: nil, fortuneRows: 12).outcome == .fail)
        #expect(DatabaseChecks.parseTable("1|5\n2|7\n") == [1: 5, 2: 7])
    }
}

@Suite struct HiddenStatementsTests {
    @Test func hiddenStatementsWarnInsteadOfFailing() {
        let c = QueryCounts([StatementStat(query: "<insufficient privilege>", calls: 20, rows: 20)])
        #expect(c.worldSelects == 0 && c.hiddenStatements == 20)
        let v = DatabaseChecks.enoughQueries(
            "world reads", executed: 0, expected: 20, requests: 20, hidden: c.hiddenStatements)
        #expect(v.outcome == .warn)
    }
}
