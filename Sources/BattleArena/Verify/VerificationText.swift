import BattleCore

/// The verification as a readable table: one line per check, then a summary.
public enum VerificationText {
    public static func render(_ record: VerificationRecord, target: String) -> String {
        var table = Table(["TEST", "CHECK", "RESULT", "WHY"])
        for c in record.checks {
            table.add([c.test?.rawValue ?? "server", c.name, c.outcome.rawValue.uppercased(), c.detail])
        }
        var out = "battle verify \(target)\n\n" + table.text()
        let passed = record.checks.filter { $0.outcome == .pass }.count
        out += "\n\(passed) passed, \(record.warnings.count) warned, \(record.failures.count) failed"
        if record.skipped { out += " (skipped)" }
        let failedTests = Set(record.failures.compactMap(\.test)).sorted().map(\.rawValue)
        if !failedTests.isEmpty { out += "; failing tests: \(failedTests.joined(separator: ", "))" }
        return out + "\n"
    }
}
