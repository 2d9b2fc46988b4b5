import BattleCore
import BattleSuite
import Foundation

extension ArenaRun {
    /// `--suite`: verifies the contender with the data-suite verifier. A test
    /// whose first request answers 404 is not implemented: recorded as such,
    /// not failed, and dropped from the contender's plan; any failed check
    /// keeps the contender from being measured, as in the Battle Suite.
    func verifySuite(_ suite: DataSuite, _ session: ContenderSession, tests: [SuiteTest]) async throws {
        let id = session.slot
        let name = session.name
        var spec = suite.spec
        spec.tests = spec.tests.filter { tests.contains(SuiteTest($0.name)) }
        let v = await SuiteVerifier.verify(
            spec, host: "127.0.0.1", port: session.server.port, databaseURL: database?.endpoint.url)
        try interruption.check()
        let record = Self.record(v)
        slots[id].result.verification = record
        if let t = session.server.process.poll() {
            fail(
                id, .crashed,
                "it exited (\(t.description)) during verification; last lines of \(session.server.logFile):\n\(session.server.logTail())"
            )
            slots[id].result.exit = ExitRecord(status: t.status, signal: t.signal, killed: false, unexpected: true)
            return
        }
        let missing = record.notImplemented ?? []
        if !missing.isEmpty {
            slots[id].tests.removeAll(where: missing.contains)
            slots[id].capacityTests.removeAll(where: missing.contains)
            note(
                "\(name) does not implement \(missing.map(\.rawValue).joined(separator: ", ")) of suite \(suite.spec.name) (404 on the first request): not implemented, not measured"
            )
            say("\(name): not implemented: \(missing.map(\.rawValue).joined(separator: ", "))")
        }
        guard record.passed else { return failVerification(id, record, suite: suite.spec.name) }
        if slots[id].tests.isEmpty {
            fail(
                id, .verifyFailed,
                "it implements none of the tests of suite \(suite.spec.name) (every first request answered 404)")
            return
        }
        say("\(name): verified (\(record.checks.count) checks, \(record.warnings.count) warnings)")
    }

    /// A data suite's verification as results.json's record: skipped checks
    /// (no database to read) are warnings that say so; not-implemented tests
    /// are listed, their checks left out.
    static func record(_ v: SuiteVerification) -> VerificationRecord {
        var checks: [CheckResult] = []
        if let unreachable = v.unreachable {
            checks.append(CheckResult(test: nil, name: "reachable", outcome: .fail, detail: unreachable))
        }
        var missing: [SuiteTest] = []
        for t in v.tests {
            let test = SuiteTest(t.name)
            if t.status == .notImplemented {
                missing.append(test)
                continue
            }
            for c in t.checks {
                let outcome: CheckOutcome =
                    switch c.outcome {
                    case .pass: .pass
                    case .skip, .warn: .warn
                    case .fail: .fail
                    }
                let detail = c.outcome == .skip ? "skipped: \(c.detail)" : c.detail
                checks.append(CheckResult(test: test, name: c.name, outcome: outcome, detail: detail))
            }
        }
        var record = VerificationRecord(skipped: false, checks: checks)
        record.notImplemented = missing.isEmpty ? nil : missing
        return record
    }
}
