import BattleCore

/// What every format's failures part lists, chosen once: the contenders that
/// did not finish cleanly, and each contender's failed verification checks.
/// Not a table: report.md gives a line each (the reason's first line),
/// report.html the whole message and how the process ended, the terminal
/// a line per failed contender.
struct FailureList {
    let failed: [ContenderResult]
    let checks: [(contender: ContenderResult, failures: [CheckResult])]

    init(_ model: ReportModel) {
        failed = model.failed
        checks = model.contenders.compactMap { c in
            let bad = c.verification?.failures ?? []
            return bad.isEmpty ? nil : (c, bad)
        }
    }

    var isEmpty: Bool { failed.isEmpty && checks.isEmpty }

    /// ` (json)` after a check that belongs to a test.
    static func test(_ check: CheckResult) -> String { check.test.map { " (\($0.rawValue))" } ?? "" }
}
