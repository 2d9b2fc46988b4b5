import BattleCore

/// The outcome of one check with its reason: what the pure checks return.
public struct CheckVerdict: Sendable, Equatable {
    public var outcome: CheckOutcome
    public var detail: String

    public init(_ outcome: CheckOutcome, _ detail: String) {
        self.outcome = outcome
        self.detail = detail
    }

    public static func pass(_ detail: String) -> CheckVerdict { CheckVerdict(.pass, detail) }
    public static func warn(_ detail: String) -> CheckVerdict { CheckVerdict(.warn, detail) }
    public static func fail(_ detail: String) -> CheckVerdict { CheckVerdict(.fail, detail) }

    /// The worst of several verdicts, its detail naming how many others share
    /// that outcome; `passDetail` when every one passed.
    public static func worst(_ verdicts: [CheckVerdict], passDetail: String) -> CheckVerdict {
        guard let worst = verdicts.map(\.outcome).max(), worst != .pass else { return .pass(passDetail) }
        let bad = verdicts.filter { $0.outcome == worst }
        let more = bad.count > 1 ? " (and \(bad.count - 1) more)" : ""
        return CheckVerdict(worst, bad[0].detail + more)
    }

    public func result(_ test: SuiteTest?, _ name: String) -> CheckResult {
        CheckResult(test: test, name: name, outcome: outcome, detail: detail)
    }
}
