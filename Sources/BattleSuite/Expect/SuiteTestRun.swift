import BattleCore

/// Checks one test of a data suite against a server: sends its requests
/// through `send` (the caller's HTTP client), evaluates every declared check
/// on every response, and the database checks around them. No I/O of its
/// own: `battle verify --suite` gives it BattleHTTPClient and psql; tests give
/// canned responses and a fake database.
public struct SuiteTestRun {
    public typealias Send = (SampledRequest) -> Result<HTTPResponseRecord, SendFailure>

    /// Why a request got no response.
    public struct SendFailure: Error, Sendable, CustomStringConvertible {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    public let test: SuiteTestSpec
    public let seed: UInt64
    /// The database, when its checks can run.
    public let database: (any SuiteDatabaseReader)?
    /// Why the database checks are skipped when `database` is nil.
    public let noDatabaseReason: String

    /// The verifier's clock (seconds since the epoch), read as each response
    /// arrives, for the `date-header` built-in; nil: Date freshness is not judged.
    public let clock: (@Sendable () -> Int)?

    public init(
        test: SuiteTestSpec, seed: UInt64 = 0xBA77_1E5D, database: (any SuiteDatabaseReader)?,
        noDatabaseReason: String = "no --database-url given", clock: (@Sendable () -> Int)? = nil
    ) {
        self.clock = clock
        self.test = test
        self.seed = seed
        self.database = database
        self.noDatabaseReason = noDatabaseReason
    }

    /// The requests the verifier sends: `verifySamples` of each kind (the
    /// request's own, else the test's), kind by kind.
    public var requests: [SampledRequest] {
        var sampler = RequestSampler(test: test, seed: seed)
        return test.requests.indices.flatMap { kind in
            (0..<(test.requests[kind].verifySamples ?? test.verifySamples)).map { _ in sampler.request(kind: kind) }
        }
    }

    /// Whether a check reads `pg_stat_statements`.
    var needsStatements: Bool {
        test.builtins.contains(.rowsUpdated)
            || test.databaseChecks.contains { if case .queryCount = $0 { true } else { false } }
    }

    public func run(send: Send) -> TestVerification {
        let requests = self.requests
        let mixed = test.requests.count > 1
        func label(_ kind: Int, _ name: String) -> String { mixed ? "\(test.requests[kind].name): \(name)" : name }

        var results: [SuiteCheckResult] = []
        let effects = test.databaseChecks.compactMap { if case .effect(let e) = $0 { e } else { nil } }
        let counts = test.databaseChecks.compactMap { if case .queryCount(let q) = $0 { q } else { nil } }
        var before: [Result<Int, SuiteDatabaseFailure>] = []
        var countProblem: String?
        if let database {
            before = effects.map { $0.read(database) }
            if needsStatements {
                do {
                    try database.resetStatements()
                } catch {
                    countProblem = "pg_stat_statements_reset() failed: \(error.description)"
                }
            }
        }

        // Every response first; the checks afterwards, once the statements
        // are read, so the checks' own queries (sql fields) are not counted.
        var exchanges: [(SampledRequest, Result<HTTPResponseRecord, SendFailure>, Int?)] = []
        for (i, request) in requests.enumerated() {
            let answer = send(request)
            let arrived = clock?()
            if i == 0, case .success(let r) = answer, r.status == 404,
                !test.requests[request.kind].checks.contains(.status(404))
            {
                return TestVerification(
                    name: test.name, status: .notImplemented,
                    checks: [
                        SuiteCheckResult(
                            name: "implemented",
                            .skip(
                                "\(request.method) \(request.target) answered 404: the server does not implement \(test.name)"
                            ))
                    ])
            }
            exchanges.append((request, answer, arrived))
        }
        var statements: Result<[StatementStat], SuiteDatabaseFailure> = .failure(SuiteDatabaseFailure("not read"))
        if let database, needsStatements, countProblem == nil {
            do {
                statements = .success(try database.statements())
            } catch {
                statements = .failure(error)
            }
        }

        // verdicts[kind][check]
        var verdicts = test.requests.map { r in r.checks.map { _ in [SuiteVerdict]() } }
        for (request, answer, arrived) in exchanges {
            let checks = test.requests[request.kind].checks
            switch answer {
            case .success(let r):
                for (c, check) in checks.enumerated() {
                    verdicts[request.kind][c].append(
                        check.evaluate(
                            r, parameters: request.parameters, database: database, request: request, now: arrived))
                }
            case .failure(let e):
                for c in checks.indices {
                    verdicts[request.kind][c].append(.fail("\(request.method) \(request.target): \(e.description)"))
                }
            }
        }
        for (kind, spec) in test.requests.enumerated() {
            for (c, check) in spec.checks.enumerated() {
                let vs = verdicts[kind][c]
                let passDetail = "\(vs.count) responses: " + (vs.first?.detail ?? "")
                let allSkipped = !vs.isEmpty && vs.allSatisfy { $0.outcome == .skip }
                results.append(
                    SuiteCheckResult(
                        name: label(kind, check.name),
                        allSkipped ? vs[0] : .worst(vs.filter { $0.outcome != .skip }, passDetail: passDetail)))
            }
        }

        let answers = exchanges.compactMap { if case .success(let r) = $0.1 { r } else { nil } }
        let sentKinds = requests.map { test.requests[$0.kind].name }
        results += builtinResults(answers: answers, statements: statements, countProblem: countProblem)

        guard let database else {
            for check in test.databaseChecks {
                results.append(SuiteCheckResult(name: check.name, .skip("skipped: \(noDatabaseReason)")))
            }
            return TestVerification(name: test.name, status: .checked, checks: results)
        }
        do {
            for check in test.databaseChecks {
                switch check {
                case .effect(let e):
                    let i = effects.firstIndex(of: e)!
                    switch (before[i], e.read(database)) {
                    case (.success(let b), .success(let a)):
                        results.append(
                            SuiteCheckResult(
                                name: check.name, e.evaluate(before: b, after: a, requests: requests.count)))
                    case (.failure(let f), _), (_, .failure(let f)):
                        results.append(
                            SuiteCheckResult(name: check.name, .fail("reading \(e.query) failed: \(f.description)")))
                    }
                case .queryCount(let q):
                    if let countProblem {
                        results.append(SuiteCheckResult(name: check.name, .skip("skipped: \(countProblem)")))
                        continue
                    }
                    switch statements {
                    case .success(let s):
                        results.append(SuiteCheckResult(name: check.name, q.evaluate(statements: s, sent: sentKinds)))
                    case .failure(let f):
                        results.append(
                            SuiteCheckResult(
                                name: check.name, .skip("skipped: cannot read pg_stat_statements: \(f.description)")))
                    }
                }
            }
        }
        return TestVerification(name: test.name, status: .checked, checks: results)
    }
}
