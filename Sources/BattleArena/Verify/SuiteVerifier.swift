import BattleCore
import BattleHTTPClient
import BattleSuite
import Foundation

/// `battle verify URL --suite DIR`: checks a running server against a data
/// suite, test by test (docs/VERIFY.md, "Data suites"). The checks are
/// BattleSuite's pure `SuiteTestRun`; this gives it the HTTP client and, with
/// a database URL, psql.
public enum SuiteVerifier {
    public static func verify(
        _ suite: SuiteSpec, host: String, port: Int, databaseURL: String?, requestTimeout: Double = 10,
        dateWindow: Double = 3.2
    ) async -> SuiteVerification {
        await withCheckedContinuation { (continuation: CheckedContinuation<SuiteVerification, Never>) in
            let thread = Thread {
                continuation.resume(
                    returning: run(
                        suite, host: host, port: port, databaseURL: databaseURL, timeout: requestTimeout,
                        dateWindow: dateWindow))
            }
            thread.name = "battle-verify-suite"
            thread.start()
        }
    }

    static func run(
        _ suite: SuiteSpec, host: String, port: Int, databaseURL: String?, timeout: Double, dateWindow: Double
    )
        -> SuiteVerification
    {
        do {
            _ = try BlockingHTTPConnection(host: host, port: port, timeout: timeout)
        } catch {
            return SuiteVerification(suite: suite, unreachable: "\(host):\(port): \(error.description)", tests: [])
        }
        let client = VerifyClient(host: host, port: port, timeout: timeout)
        var reader: PsqlSuiteReader?
        var reason = "no --database-url given"
        if let databaseURL, suite.tests.contains(where: \.readsDatabase) {
            let probe = DatabaseProbe(url: databaseURL)
            do {
                _ = try probe.run("SELECT 1")
                reader = PsqlSuiteReader(probe: probe)
            } catch {
                reason = "the database cannot be read (\(error.description))"
            }
        }
        let server = SuiteServerChecks(client: client, dateWindow: dateWindow)
        let tests = suite.tests.map { test in
            SuiteTestRun(
                test: test, database: reader, noDatabaseReason: reason, clock: { Int(Date().timeIntervalSince1970) }
            )
            .run(send: server.send)
        }
        return SuiteVerification(
            suite: suite, tests: tests, server: server.run(suite.serverChecks, suite: suite, tests: tests))
    }
}

/// The database side of a data suite's checks, through psql.
struct PsqlSuiteReader: SuiteDatabaseReader {
    let probe: DatabaseProbe

    func scalar(_ sql: String) throws(SuiteDatabaseFailure) -> String? {
        do {
            let out = try probe.run(sql)
            guard let line = out.split(separator: "\n", omittingEmptySubsequences: false).first, !out.isEmpty else {
                return nil
            }
            return String(
                line.split(separator: Character(DatabaseProbe.fieldSeparator), omittingEmptySubsequences: false).first
                    ?? "")
        } catch {
            throw SuiteDatabaseFailure(error.description)
        }
    }

    func resetStatements() throws(SuiteDatabaseFailure) {
        do { try probe.resetStatements() } catch { throw SuiteDatabaseFailure(error.description) }
    }

    func statements() throws(SuiteDatabaseFailure) -> [StatementStat] {
        do {
            let output = try probe.run(
                """
                SELECT regexp_replace(query, '\\s+', ' ', 'g'), calls, rows FROM pg_stat_statements
                WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                """)
            return QueryCounts.parseStats(output)
        } catch {
            throw SuiteDatabaseFailure(error.description)
        }
    }
}

/// The suite verification as a readable table.
public enum SuiteVerificationText {
    public static func render(_ v: SuiteVerification, target: String) -> String {
        var out = "battle verify \(target) --suite \(v.suite) (version \(v.version), \(v.contentHash.prefix(12)))\n\n"
        if let unreachable = v.unreachable { return out + "unreachable: \(unreachable)\n" }
        var table = Table(["TEST", "CHECK", "RESULT", "WHY"])
        for t in v.tests {
            for c in t.checks {
                let result = t.status == .notImplemented ? "NOT IMPLEMENTED" : c.outcome.rawValue.uppercased()
                table.add([t.name, c.name, result, c.detail])
            }
        }
        for c in v.server { table.add(["(server)", c.name, c.outcome.rawValue.uppercased(), c.detail]) }
        out += table.text()
        let all = v.tests.flatMap(\.checks) + v.server
        let counted = SuiteOutcome.allCases.map { o in (o, all.filter { $0.outcome == o }.count) }
        out +=
            "\n"
            + counted.map {
                "\($0.1) \(["pass": "passed", "skip": "skipped", "warn": "warned", "fail": "failed"][$0.0.rawValue]!)"
            }
            .joined(separator: ", ")
        let missing = v.tests.filter { $0.status == .notImplemented }.map(\.name)
        if !missing.isEmpty { out += "; not implemented: \(missing.joined(separator: ", "))" }
        let failing = v.tests.filter(\.failed).map(\.name)
        if !failing.isEmpty { out += "; failing tests: \(failing.joined(separator: ", "))" }
        let serverFailing = v.server.filter { $0.outcome == .fail }.map(\.name)
        if !serverFailing.isEmpty { out += "; failing server checks: \(serverFailing.joined(separator: ", "))" }
        out += "\n"
        if v.suite == "battle" {
            // The Battle Suite as data: the same checks as `battle verify URL` (docs/SUITE.md §7).
            let folded = BattleSuiteMapping.fold(v)
            let n = { (o: CheckOutcome) in folded.filter { $0.outcome == o }.count }
            out +=
                "as the built-in verifier's \(folded.count) checks: \(n(.pass)) passed, \(n(.warn)) warned, \(n(.fail)) failed"
            let failing = folded.filter { $0.outcome == .fail }.map { "\($0.test?.rawValue ?? "server") \($0.name)" }
            if !failing.isEmpty { out += " (\(failing.joined(separator: ", ")))" }
            out += "\n"
        }
        return out
    }
}
