import BattleSuite
import Foundation

/// Asks the suite's database what the verifier needs, through `psql` run as a
/// subprocess with the database URL: resets and reads `pg_stat_statements`,
/// and reads `world` and `fortune`. Blocking; the verifier runs on its own thread.
struct DatabaseProbe {
    var url: String
    /// Seconds a connection or a statement may take.
    var timeout = 10

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static let fieldSeparator = "\u{1F}"

    /// Runs one SQL command and returns its unaligned, tuples-only output.
    func run(_ sql: String) throws(Failure) -> String {
        var env = ProcessInfo.processInfo.environment
        env["PGCONNECT_TIMEOUT"] = String(timeout)
        env["PGOPTIONS"] = "-c statement_timeout=\(timeout * 1000)"
        let argv = ["psql", url, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-F", Self.fieldSeparator, "-c", sql]
        let limit = Double(timeout) * 2 + 5
        let output: CapturedCommand.Output
        do {
            output = try CapturedCommand.runBlocking(argv, environment: env, timeout: limit)
        } catch {
            throw Failure(description: "\(error.description); install the PostgreSQL client (scripts/bootstrap)")
        }
        guard let end = output.termination else {
            throw Failure(description: "psql did not finish within \(Int(limit)) s")
        }
        guard end.succeeded else {
            let line = output.stderr.split(separator: "\n").first.map(String.init) ?? end.description
            throw Failure(description: "psql failed: \(line)")
        }
        return output.stdout
    }

    func resetStatements() throws(Failure) {
        _ = try run("SELECT pg_stat_statements_reset()")
    }

    /// Statements run in this database since the last reset, by kind.
    func queryCounts() throws(Failure) -> QueryCounts {
        let output = try run(
            """
            SELECT regexp_replace(query, '\\s+', ' ', 'g'), calls, rows FROM pg_stat_statements
            WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
            """)
        return QueryCounts(QueryCounts.parseStats(output))
    }

    func worldSnapshot() throws(Failure) -> WorldSnapshot {
        let output = try run(
            "SELECT count(*), coalesce(sum(randomnumber), 0), md5(coalesce(string_agg(id || ':' || randomnumber, ',' ORDER BY id), '')) FROM world"
        )
        guard let s = WorldSnapshot.parse(output.replacingOccurrences(of: Self.fieldSeparator, with: "|")) else {
            throw Failure(description: "unexpected snapshot of world: \(output.prefix(80))")
        }
        return s
    }

    /// Every `world` row: id → randomnumber.
    func worldTable() throws(Failure) -> [Int: Int] {
        let output = try run("SELECT id, randomnumber FROM world ORDER BY id")
        return DatabaseChecks.parseTable(output.replacingOccurrences(of: Self.fieldSeparator, with: "|"))
    }

    func rowCounts() throws(Failure) -> (world: Int?, fortune: Int?) {
        let output = try run("SELECT (SELECT count(*) FROM world), (SELECT count(*) FROM fortune)")
        let f = output.trimmingCharacters(in: .whitespacesAndNewlines).components(separatedBy: Self.fieldSeparator)
        return (f.first.flatMap { Int($0) }, f.count > 1 ? Int(f[1]) : nil)
    }
}
