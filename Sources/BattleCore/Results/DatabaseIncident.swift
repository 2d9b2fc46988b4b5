import Foundation

/// The database failed during a run (its server exited or stopped answering):
/// when, during what, what its log said last, and what battle did about it.
public struct DatabaseIncident: Codable, Sendable, Equatable {
    public enum Action: String, Codable, Sendable {
        /// A fresh database was started and seeded; the affected contender's
        /// database tests ran again from the start of the interrupted level.
        case restarted
        /// It failed again after a restart, or the restart failed: the
        /// database tests still to run were not run (`database-failed`).
        case gaveUp = "gave-up"
        /// A database of the user's (--database-url) is never restarted: the
        /// database tests still to run were not run (`database-failed`).
        case notRestarted = "not-restarted"
    }

    public var at: Date
    /// The contender in progress (nil when none was).
    public var contender: String?
    /// `db c=64 (trial 1)`, `verification`, `the start of a session`.
    public var during: String
    /// `its postmaster (PID 4242) is gone`, `the health query (SELECT 1) failed: ...`.
    public var problem: String
    /// The last lines of the server's log (empty for --database-url).
    public var logTail: [String]
    public var action: Action
    /// Why a restart failed, when it did.
    public var restartError: String?

    public init(
        at: Date, contender: String?, during: String, problem: String, logTail: [String], action: Action,
        restartError: String? = nil
    ) {
        self.at = at
        self.contender = contender
        self.during = during
        self.problem = problem
        self.logTail = logTail
        self.action = action
        self.restartError = restartError
    }
}
