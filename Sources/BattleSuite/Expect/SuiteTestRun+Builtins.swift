import BattleCore

extension SuiteTestRun {
    /// The test's named checks on all of its answers together (`builtin`),
    /// in the order the test names them. Those reading the database are
    /// skipped, saying why, without one.
    func builtinResults(
        answers: [HTTPResponseRecord], statements: Result<[StatementStat], SuiteDatabaseFailure>,
        countProblem: String?
    ) -> [SuiteCheckResult] {
        let rows = answers.map(WorldChecks.rows(in:))
        var table: Result<[Int: Int], SuiteDatabaseFailure>?
        func worldTable(_ database: any SuiteDatabaseReader) -> Result<[Int: Int], SuiteDatabaseFailure> {
            if let table { return table }
            let read: Result<[Int: Int], SuiteDatabaseFailure>
            do {
                read = .success(WorldChecks.parsePairs(try database.scalar(WorldChecks.tableQuery) ?? ""))
            } catch {
                read = .failure(error)
            }
            table = read
            return read
        }
        return test.builtins.map { check in
            guard check.readsDatabase else {
                return SuiteCheckResult(name: check.name, SuiteVerdict(WorldChecks.varied(rows.flatMap { $0 })))
            }
            guard let database else {
                return SuiteCheckResult(name: check.name, .skip("skipped: \(noDatabaseReason)"))
            }
            if check == .rowsUpdated {
                if let countProblem { return SuiteCheckResult(name: check.name, .skip("skipped: \(countProblem)")) }
                switch statements {
                case .failure(let f):
                    return SuiteCheckResult(
                        name: check.name, .skip("skipped: cannot read pg_stat_statements: \(f.description)"))
                case .success(let s):
                    return SuiteCheckResult(name: check.name, SuiteVerdict(Self.rowsUpdated(rows, statements: s)))
                }
            }
            switch worldTable(database) {
            case .failure(let f):
                return SuiteCheckResult(name: check.name, .fail("reading the world table failed: \(f.description)"))
            case .success(let t):
                let v =
                    check == .matchesTable
                    ? WorldChecks.matchTable(rows.flatMap { $0 }, table: t)
                    : WorldChecks.persisted(rows, tableAfter: t)
                return SuiteCheckResult(name: check.name, SuiteVerdict(v))
            }
        }
    }

    /// The `rows-updated` built-in: the `UPDATE`s on world changed at least one
    /// row per distinct id of each answer (pg_stat_statements' rows).
    static func rowsUpdated(_ answers: [[WorldRow]], statements: [StatementStat]) -> CheckVerdict {
        let counts = QueryCounts(statements)
        let distinct = answers.reduce(0) { $0 + Set($1.map(\.id)).count }
        return DatabaseChecks.enoughQueries(
            "rows updated", executed: counts.worldRowsUpdated, expected: distinct, requests: answers.count,
            hidden: counts.hiddenStatements)
    }
}
