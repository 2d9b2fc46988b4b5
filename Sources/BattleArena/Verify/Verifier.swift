import BattleCore
import Foundation
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
    /// Seconds to wait for one response.
    public var requestTimeout: Double
    /// Seconds over which `Date` must change (docs/SUITE.md §1 says three).
    public var dateWindow: Double

    public init(
        host: String, port: Int, databaseURL: String?, tests: [SuiteTest], requestTimeout: Double = 10,
        dateWindow: Double = 3.2
    ) {
        self.host = host
        self.port = port
        self.databaseURL = databaseURL
        self.tests = tests
        self.requestTimeout = requestTimeout
        self.dateWindow = dateWindow
    }
}

/// Checks a running server against docs/SUITE.md and returns every check with
/// its outcome and reason (docs/VERIFY.md lists them).
public enum Verifier {
    /// The check that fails when nothing answers at the address.
    public static let reachableCheck = "reachable"

    public static func verify(_ target: VerifyTarget, logger: Logger) async -> VerificationRecord {
        // Every step blocks (sockets, psql, the Date wait): run them all on a
        // thread of their own rather than on the cooperative pool.
        await withCheckedContinuation { (continuation: CheckedContinuation<VerificationRecord, Never>) in
            let thread = Thread {
                continuation.resume(returning: VerifierRun(target: target, logger: logger).run())
            }
            thread.name = "battle-verify"
            thread.start()
        }
    }

    /// Whether a record says the server could not be reached at all.
    public static func unreachable(_ record: VerificationRecord) -> Bool {
        record.checks.contains { $0.test == nil && $0.name == reachableCheck && $0.outcome == .fail }
    }
}
