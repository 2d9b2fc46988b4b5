import BattleCore
import Logging

/// What the verifier checks: a running server, and optionally the database it uses.
public struct VerifyTarget: Sendable {
    /// `127.0.0.1` or `::1` (or a host name resolving to loopback).
    public var host: String
    public var port: Int
    /// `postgres://user@host:port/db`: enables query counting and table snapshots.
    public var databaseURL: String?
    /// The tests to check (the contender's manifest `tests`).
    public var tests: [SuiteTest]

    public init(host: String, port: Int, databaseURL: String?, tests: [SuiteTest]) {
        self.host = host
        self.port = port
        self.databaseURL = databaseURL
        self.tests = tests
    }
}

/// INTERFACE STUB (owned by the verify work): checks a running server against
/// docs/SUITE.md and returns every check with its outcome and reason.
public enum Verifier {
    public static func verify(_ target: VerifyTarget, logger: Logger) async -> VerificationRecord {
        VerificationRecord(
            skipped: false,
            checks: [CheckResult(test: nil, name: "verifier", outcome: .fail, detail: "the verifier is not built yet")])
    }
}
