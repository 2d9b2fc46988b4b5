import BattleCore

/// The outcome of one check of a data suite.
public enum SuiteOutcome: String, Codable, Sendable, Comparable, CaseIterable {
    case pass
    /// Not run, with the reason (a database check without `--database-url`).
    case skip
    case warn
    case fail

    private var rank: Int {
        switch self {
        case .pass: 0
        case .skip: 1
        case .warn: 2
        case .fail: 3
        }
    }

    public static func < (a: SuiteOutcome, b: SuiteOutcome) -> Bool { a.rank < b.rank }
}

/// A check's outcome and why: what every evaluator returns.
public struct SuiteVerdict: Sendable, Equatable {
    public var outcome: SuiteOutcome
    public var detail: String

    public init(_ outcome: SuiteOutcome, _ detail: String) {
        self.outcome = outcome
        self.detail = detail
    }

    public static func pass(_ detail: String) -> SuiteVerdict { SuiteVerdict(.pass, detail) }
    public static func fail(_ detail: String) -> SuiteVerdict { SuiteVerdict(.fail, detail) }
    public static func skip(_ detail: String) -> SuiteVerdict { SuiteVerdict(.skip, detail) }

    public init(_ v: CheckVerdict) {
        switch v.outcome {
        case .pass: self.init(.pass, v.detail)
        case .warn: self.init(.warn, v.detail)
        case .fail: self.init(.fail, v.detail)
        }
    }

    /// The worst of several, naming how many share it; `passDetail` when all passed.
    public static func worst(_ verdicts: [SuiteVerdict], passDetail: String) -> SuiteVerdict {
        guard let worst = verdicts.map(\.outcome).max(), worst != .pass else { return .pass(passDetail) }
        let bad = verdicts.filter { $0.outcome == worst }
        let more = bad.count > 1 ? " (and \(bad.count - 1) more)" : ""
        return SuiteVerdict(worst, bad[0].detail + more)
    }
}

/// Why the database could not answer.
public struct SuiteDatabaseFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// What the database-reading checks ask of the database. BattleArena's
/// psql-backed reader is the real one; tests give a fake.
public protocol SuiteDatabaseReader {
    /// The first column of the first row as text (NULL as empty text), or nil when there is no row.
    func scalar(_ sql: String) throws(SuiteDatabaseFailure) -> String?
    /// `pg_stat_statements_reset()`.
    func resetStatements() throws(SuiteDatabaseFailure)
    /// The statements run since the last reset.
    func statements() throws(SuiteDatabaseFailure) -> [StatementStat]
}
