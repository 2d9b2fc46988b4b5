import BattleCore
import BattleHTTPClient
import BattleSuite
import Foundation
import Logging

/// One verification, run start to end on one thread.
final class VerifierRun {
    let target: VerifyTarget
    let logger: Logger
    let client: VerifyClient
    let database: DatabaseProbe?
    /// Why database-side checks cannot run, when they cannot.
    var databaseProblem: String?
    private(set) var checks: [CheckResult] = []
    /// The first Date seen and when (monotonic seconds).
    var firstDate: (value: String, at: Double)?

    init(target: VerifyTarget, logger: Logger) {
        self.target = target
        self.logger = logger
        self.client = VerifyClient(host: target.host, port: target.port, timeout: target.requestTimeout)
        self.database = target.databaseURL.map { DatabaseProbe(url: $0) }
    }

    func add(_ test: SuiteTest?, _ name: String, _ verdict: CheckVerdict) {
        logger.debug(
            "check",
            metadata: ["test": "\(test?.rawValue ?? "server")", "name": "\(name)", "outcome": "\(verdict.outcome)"])
        checks.append(verdict.result(test, name))
    }

    func run() -> VerificationRecord {
        do {
            _ = try BlockingHTTPConnection(host: target.host, port: target.port, timeout: target.requestTimeout)
        } catch {
            add(nil, Verifier.reachableCheck, .fail("\(target.host):\(target.port): \(error.description)"))
            return VerificationRecord(skipped: false, checks: checks)
        }
        add(nil, Verifier.reachableCheck, .pass("\(target.host):\(target.port) accepts connections"))
        let tests = Array(Set(target.tests)).sorted()
        if tests.contains(where: \.usesDatabase) { prepareDatabase() }

        checkServer(tests)
        for test in tests {
            switch test {
            case .plaintext: checkPlaintext()
            case .json: checkJSON()
            case .db: checkDB()
            case .queries: checkQueries()
            case .fortunes: checkFortunes()
            case .updates: checkUpdates()
            case .orders: checkOrders()
            default:
                add(
                    test, "suite",
                    .fail(
                        "'\(test)' is not a Battle Suite test; a data suite's tests are checked by `battle verify --suite DIR`"
                    ))
            }
        }
        checkDate(tests)
        checkKeepAlive()
        return VerificationRecord(skipped: false, checks: checks)
    }

    // MARK: Requests

    /// Sends a request; records the first Date seen. Errors come back as a failing verdict.
    func send(_ request: ClientRequest) -> Exchange {
        do {
            let r = try client.send(request)
            if firstDate == nil, let d = r.header("Date") { firstDate = (d, MonotonicClock.seconds) }
            return .response(r)
        } catch {
            return .failed(.fail("\(request.method) \(request.target): \(error.description)"))
        }
    }

    /// A response, or the failing verdict for a request that got none.
    enum Exchange {
        case response(HTTPResponseRecord)
        case failed(CheckVerdict)
    }

    static func now() -> Int { Int(Date().timeIntervalSince1970) }

    /// Header checks for a test's responses, gathered into one check.
    func addHeaders(_ test: SuiteTest, _ verdicts: [CheckVerdict], count: Int) {
        add(
            test, "headers",
            .worst(
                verdicts,
                passDetail:
                    "\(count) responses: status, Server, Date, framing, Content-Type \(test.contentType.description)"))
    }

    // MARK: Database

    func prepareDatabase() {
        guard let database else {
            databaseProblem = "no --database-url given: query counting and table checks skipped"
            return
        }
        do {
            _ = try database.run("SELECT count(*) FROM pg_stat_statements")
        } catch {
            databaseProblem =
                "cannot count queries (\(error.description)); the database needs shared_preload_libraries=pg_stat_statements and CREATE EXTENSION pg_stat_statements"
        }
    }

    /// Runs `body` with the database when database checks can run; otherwise
    /// adds `names` as warnings saying why they were skipped.
    func withDatabase(
        _ test: SuiteTest, skipping names: [String], _ body: (DatabaseProbe) throws(DatabaseProbe.Failure) -> Void
    ) {
        guard let database, databaseProblem == nil else {
            for name in names { add(test, name, .warn("skipped: \(databaseProblem ?? "no database")")) }
            return
        }
        do {
            try body(database)
        } catch {
            add(test, "database", .fail("reading the database failed: \(error.description)"))
        }
    }

    /// Resets statement counts before a test's requests, when the database is there.
    func resetCounts() {
        guard let database, databaseProblem == nil else { return }
        do {
            try database.resetStatements()
        } catch {
            databaseProblem = "pg_stat_statements_reset() failed: \(error.description)"
        }
    }
}
