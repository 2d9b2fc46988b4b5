import BattleCore

/// The terminal summary `battle run` prints at the end and
/// `battle report --format text` prints: per test, each contender's best
/// level with req/s (median, relative MAD, min..max), p50, p99, CPU per
/// request, peak RSS and the factor to the best realistic entry.
public enum TextReport {
    public static func render(_ results: RunResults, color: Bool = false) -> String {
        let model = ReportModel(results)
        var out = header(results, color: color)
        let tests = model.measuredTests
        if tests.isEmpty { out += "\nNothing was measured.\n" }
        for test in tests {
            out += "\n" + TerminalStyle.bold.paint(test.rawValue, if: color) + "\n"
            out += table(model.entries(test)).text(indent: "  ", color: color)
            let missing = model.missing(test)
            if !missing.isEmpty {
                out +=
                    "  not measured: " + missing.map { "\($0.name) (\($0.statusLine))" }.joined(separator: ", ") + "\n"
            }
            let equal = model.equalRateRows(test)
            if !equal.isEmpty { out += equalRateTable(model, equal).text(indent: "  ", color: color) }
        }
        out += StackSection.text(StackComparison(results), color: color)
        out += RuntimeText.terminal(model, color: color)
        out += footer(model, color: color)
        return out
    }

    static func header(_ r: RunResults, color: Bool) -> String {
        let p = r.plan
        let title = "battle report · run \(r.id) · \(r.status.rawValue)"
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

    static func table(_ entries: [SummaryEntry]) -> Table {
        var t = Table(
            [
                "contender", "level", "req/s", "±MAD", "min..max", "p50", "p99", "CPU/req", "peak RSS", "vs best",
                "notes",
            ],
            align: [.left, .left, .right, .right, .right, .right, .right, .right, .right, .right, .left])
        for e in entries {
            let s = e.summary
            var notes = e.warnings
            if case .failed = e.verification { notes.insert("verification \(e.verification.label)", at: 0) }
            let factor = e.factorLabel
            t.add([
                .init(e.contender.label, e.isBest ? .green : .plain),
                .init(e.level.label),
                .init(e.rpsLabel, e.clientBound ? .yellow : .bold),
                .init(NumberText.mad(s.requestsPerSecond.relativeMAD), .dim),
                .init(NumberText.range(s.requestsPerSecond, NumberText.rps), .dim),
                .init(s.p50Micros.count > 0 ? NumberText.micros(s.p50Micros.median) : NumberText.none),
                .init(s.p99Micros.count > 0 ? NumberText.micros(s.p99Micros.median) : NumberText.none),
                .init(NumberText.cpuPerRequest(s.cpuMicrosPerRequest)),
                .init(s.peakRSSBytes.map(NumberText.bytes) ?? NumberText.none),
                .init(factor, e.isBest ? .green : .plain),
                .init(notes.joined(separator: "; "), notes.isEmpty ? .plain : .yellow),
            ])
        }
        return t
    }

    /// The test's equal-rate levels: the same offered rate for every contender.
    static func equalRateTable(_ model: ReportModel, _ rows: [EqualRateRow]) -> Table {
        var t = Table(
            ["  at equal rate", "rate", "p50", "p99", "p99.9", "max", "CPU/req", "RSS", "notes"],
            align: [.left, .left, .right, .right, .right, .right, .right, .right, .left])
        let bestP99 = model.bestEqualRate(rows) { $0.p99 }
        let bestCPU = model.bestEqualRate(rows) { $0.summary.cpuMicrosPerRequest }
        for r in rows {
            let s = r.summary
            t.add([
                .init("  " + r.contender.label),
                .init(r.level.label),
                .init(s.p50Micros.count > 0 ? NumberText.micros(s.p50Micros.median) : NumberText.none),
                .init(r.p99.map(NumberText.micros) ?? NumberText.none, bestP99.contains(r.id) ? .green : .plain),
                .init(s.p999Micros.count > 0 ? NumberText.micros(s.p999Micros.median) : NumberText.none),
                .init(NumberText.micros(s.maxMicros.median)),
                .init(NumberText.cpuPerRequest(s.cpuMicrosPerRequest), bestCPU.contains(r.id) ? .green : .plain),
                .init(s.steadyRSSBytes.map(NumberText.bytes) ?? NumberText.none),
                .init(r.warnings.joined(separator: "; "), r.warnings.isEmpty ? .plain : .yellow),
            ])
        }
        return t
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
