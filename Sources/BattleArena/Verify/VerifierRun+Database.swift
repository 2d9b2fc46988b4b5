import BattleCore
import BattleHTTPClient
import BattleSuite

extension VerifierRun {
    static let dbRequests = 20
    static let countingRequests = 10
    static let countingQueries = 20

    func checkDB() {
        resetCounts()
        var headers: [CheckVerdict] = []
        var bodies: [CheckVerdict] = []
        var rows: [WorldRow] = []
        for _ in 0..<Self.dbRequests {
            switch send(.get("/db")) {
            case .response(let r):
                headers.append(HeaderChecks.check(r, test: .db, now: Self.now()))
                let (row, v) = WorldChecks.single(r)
                bodies.append(v)
                if let row { rows.append(row) }
            case .failed(let v):
                headers.append(v)
                bodies.append(v)
            }
        }
        addHeaders(.db, headers, count: Self.dbRequests)
        add(
            .db, "body",
            .worst(bodies, passDetail: "\(Self.dbRequests) answers are {\"id\":ID,\"randomNumber\":NUMBER}"))
        add(.db, "random-rows", WorldChecks.varied(rows))
        withDatabase(.db, skipping: ["query-count", "matches-table"]) { db throws(DatabaseProbe.Failure) in
            let counts = try db.queryCounts()
            add(
                .db, "query-count",
                DatabaseChecks.enoughQueries(
                    "world reads", executed: counts.worldSelects, expected: Self.dbRequests, requests: Self.dbRequests,
                    hidden: counts.hiddenStatements))
            add(.db, "matches-table", WorldChecks.matchTable(rows, table: try db.worldTable()))
        }
    }

    /// The `/queries` or `/updates` requests: every clamping case, then
    /// `countingRequests` of `queries=20`. Returns each answer's rows and the
    /// number of rows asked for in all.
    func sendQueryRequests(_ test: SuiteTest) -> (answers: [[WorldRow]], expectedRows: Int) {
        var headers: [CheckVerdict] = []
        var clamping: [CheckVerdict] = []
        var bodies: [CheckVerdict] = []
        var answers: [[WorldRow]] = []
        var expectedRows = 0
        let cases =
            QueryCount.verifierCases.map { (label: $0.label, query: $0.query, expected: $0.expected, counting: false) }
            + (0..<Self.countingRequests).map { _ in
                (
                    label: "queries=\(Self.countingQueries)", query: "queries=\(Self.countingQueries)",
                    expected: Self.countingQueries, counting: true
                )
            }
        for c in cases {
            let request = ClientRequest.get(test.path + (c.query.map { "?" + $0 } ?? ""))
            expectedRows += c.expected
            switch send(request) {
            case .response(let r):
                headers.append(HeaderChecks.check(r, test: test, now: Self.now()))
                let (rows, v) = WorldChecks.array(r, expectedCount: c.expected)
                if !c.counting {
                    let lengthWrong =
                        v.outcome == .fail
                        && (v.detail.contains("rows, expected") || v.detail.contains("expected an array"))
                    clamping.append(lengthWrong ? .fail("\(c.label): \(v.detail)") : .pass(c.label))
                }
                bodies.append(v.outcome == .pass ? v : CheckVerdict(v.outcome, "\(c.label): \(v.detail)"))
                answers.append(rows)
            case .failed(let v):
                headers.append(v)
                clamping.append(v)
                bodies.append(v)
            }
        }
        addHeaders(test, headers, count: cases.count)
        add(
            test, "clamping",
            .worst(
                clamping,
                passDetail: "array lengths right for " + QueryCount.verifierCases.map(\.label).joined(separator: ", ")))
        add(
            test, "body",
            .worst(bodies, passDetail: "\(cases.count) answers are arrays of {\"id\":ID,\"randomNumber\":NUMBER}"))
        return (answers, expectedRows)
    }

    func checkQueries() {
        resetCounts()
        let (answers, expectedRows) = sendQueryRequests(.queries)
        let requests = QueryCount.verifierCases.count + Self.countingRequests
        add(.queries, "random-rows", WorldChecks.varied(answers.suffix(Self.countingRequests).flatMap { $0 }))
        withDatabase(.queries, skipping: ["query-count", "matches-table", "tables-intact"]) {
            db throws(DatabaseProbe.Failure) in
            let counts = try db.queryCounts()
            add(
                .queries, "query-count",
                DatabaseChecks.enoughQueries(
                    "world reads", executed: counts.worldSelects, expected: expectedRows, requests: requests,
                    hidden: counts.hiddenStatements))
            add(.queries, "matches-table", WorldChecks.matchTable(answers.flatMap { $0 }, table: try db.worldTable()))
            addTablesIntact(.queries, db)
        }
    }

    func checkFortunes() {
        resetCounts()
        let n = Self.countingRequests
        var headers: [CheckVerdict] = []
        var pages: [CheckVerdict] = []
        for _ in 0..<n {
            switch send(.get("/fortunes")) {
            case .response(let r):
                headers.append(HeaderChecks.check(r, test: .fortunes, now: Self.now()))
                pages.append(FortunesCheck.page(r))
            case .failed(let v):
                headers.append(v)
                pages.append(v)
            }
        }
        addHeaders(.fortunes, headers, count: n)
        add(.fortunes, "page", .worst(pages, passDetail: "\(n) pages match the expected page"))
        withDatabase(.fortunes, skipping: ["query-count"]) { db throws(DatabaseProbe.Failure) in
            let counts = try db.queryCounts()
            add(
                .fortunes, "query-count",
                DatabaseChecks.enoughQueries(
                    "fortune reads", executed: counts.fortuneSelects, expected: n, requests: n,
                    hidden: counts.hiddenStatements))
        }
    }

    func checkUpdates() {
        var before: WorldSnapshot?
        if let database, databaseProblem == nil {
            do {
                before = try database.worldSnapshot()
            } catch {
                add(.updates, "database", .fail("reading world before the updates failed: \(error.description)"))
            }
        }
        resetCounts()
        let (answers, expectedRows) = sendQueryRequests(.updates)
        let requests = QueryCount.verifierCases.count + Self.countingRequests
        let distinctRows = answers.reduce(0) { $0 + Set($1.map(\.id)).count }
        let names = ["query-count", "persisted", "table-changed", "tables-intact"]
        withDatabase(.updates, skipping: names) { db throws(DatabaseProbe.Failure) in
            let counts = try db.queryCounts()
            let reads = DatabaseChecks.enoughQueries(
                "world reads", executed: counts.worldSelects, expected: expectedRows, requests: requests,
                hidden: counts.hiddenStatements)
            let writes = DatabaseChecks.enoughQueries(
                "world UPDATE statements", executed: counts.worldUpdates, expected: requests, requests: requests,
                hidden: counts.hiddenStatements)
            let rows = DatabaseChecks.enoughQueries(
                "rows updated", executed: counts.worldRowsUpdated, expected: distinctRows, requests: requests,
                hidden: counts.hiddenStatements)
            add(
                .updates, "query-count",
                .worst(
                    [reads, writes, rows],
                    passDetail:
                        "\(counts.worldSelects) world reads, \(counts.worldUpdates) UPDATE statements changing \(counts.worldRowsUpdated) rows for \(requests) requests"
                ))
            add(.updates, "persisted", WorldChecks.persisted(answers, tableAfter: try db.worldTable()))
            if let before {
                add(
                    .updates, "table-changed",
                    DatabaseChecks.tableChanged(before: before, after: try db.worldSnapshot()))
            }
            addTablesIntact(.updates, db)
        }
    }

    func addTablesIntact(_ test: SuiteTest, _ db: DatabaseProbe) {
        do {
            let counts = try db.rowCounts()
            add(
                test, "tables-intact", DatabaseChecks.tablesIntact(worldRows: counts.world, fortuneRows: counts.fortune)
            )
        } catch {
            add(
                test, "tables-intact",
                .fail("cannot count world and fortune rows after SQL-shaped parameters: \(error.description)"))
        }
    }
}
