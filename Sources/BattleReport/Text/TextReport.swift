import BattleCore

/// The terminal summary `battle run` prints at the end and
/// `battle report --format text` prints: per test, the summary table and
/// the equal-rate table (BattleReport/Tables) without their detail columns.
public enum TextReport {
    public static func render(_ results: RunResults, color: Bool = false) -> String {
        let model = ReportModel(results)
        var out = header(results, color: color)
        let tests = model.measuredTests
        if tests.isEmpty { out += "\nNothing was measured.\n" }
        for test in tests {
            out += "\n" + TerminalStyle.bold.paint(test.rawValue, if: color) + "\n"
            out += SummaryTable.table(model, test).text(indent: "  ", color: color)
            let missing = SummaryTable.missing(model, test)
            if !missing.isEmpty { out += "  not measured: " + missing.joined(separator: ", ") + "\n" }
            if var equal = EqualRateTable.table(model, test) {
                // Under the summary, indented once more, titled by its first column.
                equal.columns[0].title = "at equal rate"
                out += equal.text(indent: "    ", color: color)
            }
        }
        out += StackSection.text(StackComparison(results), color: color)
        out += RuntimeText.terminal(model, color: color)
        out += footer(model, color: color)
        return out
    }

    static func header(_ r: RunResults, color: Bool) -> String {
        let p = r.plan
        // A data suite's run names its suite; a Battle Suite run's title stays as it was.
        let suite = r.suiteIdentity.isBattle ? "" : " · \(r.suiteIdentity.title)"
        let title = "battle report · run \(r.id)\(suite) · \(r.status.rawValue)"
        var s = TerminalStyle.bold.paint(title, if: color) + "\n"
        s +=
            "plan \(p.name): \(p.trials) trial\(p.trials == 1 ? "" : "s") × \(NumberText.seconds(p.levelSeconds)) per level"
        s +=
            " · server CPU \(p.placement.server) · client CPU \(p.placement.client) · database CPU \(p.placement.database)\n"
        s += NumberText.budgetLine(p) + "\n"
        if let tiers = r.tierLine { s += tiers + "\n" }
        let e = r.environment
        s +=
            "\(e.cpuModel), \(e.logicalCPUs) logical CPUs, \(NumberText.bytes(e.memoryBytes)) · \(e.os) · battle \(r.battleVersion)"
        if let commit = e.battleCommit { s += " (\(commit))" }
        return s + "\n"
    }

    static func footer(_ model: ReportModel, color: Bool) -> String {
        var s = "\n"
        if model.contenders.contains(where: \.isStripped) {
            s += "† stripped entry (docs/SUITE.md §5): shown, but never the best.\n"
        }
        s +=
            "req/s: median over trials at the peak level, ±MAD = median absolute deviation / median; vs best: share of the best realistic req/s; ≥: client-bound, a lower bound, not ranked.\n"
        if !model.equalRateTests.isEmpty {
            s +=
                "at equal rate: every contender offered the same open-loop rate; latency corrected for coordinated omission, RSS the median under load.\n"
        }
        for c in model.failed {
            let line = "\(c.name): \(c.statusLine)" + (c.failure.map { ": " + $0.firstLine } ?? "")
            s += TerminalStyle.red.paint(line, if: color) + "\n"
        }
        for note in model.results.notes { s += "note: \(note)\n" }
        return s
    }
}
