import BattleCore

/// The verification as a readable table: one line per check, then a summary.
public enum VerificationText {
    public static func render(_ record: VerificationRecord, target: String) -> String {
        var rows: [(String, String, String, String)] = [("TEST", "CHECK", "RESULT", "WHY")]
        for c in record.checks {
            rows.append((c.test?.rawValue ?? "server", c.name, c.outcome.rawValue.uppercased(), c.detail))
        }
        let w0 = rows.map(\.0.count).max() ?? 0
        let w1 = rows.map(\.1.count).max() ?? 0
        let w2 = rows.map(\.2.count).max() ?? 0
        func pad(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: max(0, w - s.count)) }
        var out = "battle verify \(target)\n\n"
        for r in rows {
            out += "\(pad(r.0, w0))  \(pad(r.1, w1))  \(pad(r.2, w2))  \(r.3)\n"
        }
        let passed = record.checks.filter { $0.outcome == .pass }.count
        out += "\n\(passed) passed, \(record.warnings.count) warned, \(record.failures.count) failed"
        if record.skipped { out += " (skipped)" }
        let failedTests = Set(record.failures.compactMap(\.test)).sorted().map(\.rawValue)
        if !failedTests.isEmpty { out += "; failing tests: \(failedTests.joined(separator: ", "))" }
        return out + "\n"
    }
}
