import BattleCore

/// A few plain sentences drawn from the figures, for the top of report.md
/// and report.html. Deterministic: same results, same sentences.
enum KeyFindings {
    static func lines(_ model: ReportModel) -> [String] {
        var out: [String] = []
        for test in model.measuredTests {
            let entries = model.entries(test)
            guard let lead = entries.first(where: { $0.isBest }) ?? entries.first else { continue }
            var s =
                "\(test.rawValue): \(lead.contender.label) leads with \(NumberText.rps(lead.rps)) req/s (\(lead.level.label))"
            if lead.clientBound {
                out.append(
                    "\(test.rawValue): no contender could be ranked: every peak figure is client-bound (a lower bound): "
                        + entries.map { "\($0.contender.label) \($0.rpsLabel)" }.joined(separator: ", ") + ".")
                continue
            }
            let others = entries.filter { $0.contender.name != lead.contender.name }
            if !others.isEmpty {
                s +=
                    "; "
                    + others.map {
                        $0.clientBound
                            ? "\($0.contender.label) \($0.rpsLabel) (client-bound, not ranked)"
                            : "\($0.contender.label) \($0.factorToBest.map(NumberText.factor) ?? NumberText.none)"
                    }
                    .joined(separator: ", ")
            }
            out.append(s + ".")
        }
        if model.equalRateTests.isEmpty {
            // Results without equal-rate levels: compared at each one's peak level, as they were.
            out += wins(model, "the lowest p99", { $0.summary.p99Micros.count > 0 ? $0.summary.p99Micros.median : nil })
            out += wins(model, "the least CPU per request", { $0.summary.cpuMicrosPerRequest })
            out += wins(model, "the smallest peak RSS", { $0.summary.peakRSSBytes.map(Double.init) })
        } else {
            out += equalRateWins(model, "the lowest p99", { $0.p99 })
            out += equalRateWins(model, "the least CPU per request", { $0.summary.cpuMicrosPerRequest })
            out += equalRateWins(model, "the smallest RSS", { $0.summary.steadyRSSBytes.map(Double.init) })
        }
        for test in model.capacityTests {
            let found = model.contenders.compactMap { c in c.capacity.first { $0.test == test }.map { (c, $0) } }
                .sorted {
                    ($0.1.isLowerBound ? 1 : 0, -$0.1.sustainedRate) < ($1.1.isLowerBound ? 1 : 0, -$1.1.sustainedRate)
                }
            guard let slo = found.first?.1.slo else { continue }
            out.append(
                "\(test.rawValue) under \(slo): "
                    + found.map {
                        "\($0.0.label) sustains \($0.1.isLowerBound ? "≥ " : "")\(NumberText.rps($0.1.sustainedRate)) req/s\($0.1.isLowerBound ? " (client-bound, not ranked)" : "")"
                    }.joined(separator: ", ")
                    + ".")
        }
        for test in model.heapTests {
            let parts = model.heapPairs(test).map { pair in
                let a = pair.small.summary.p99Micros.median
                let b = pair.large.summary.p99Micros.median
                let ratio = a > 0 ? " (\(NumberText.factor(b / a)))" : ""
                return "\(pair.contender.label) \(NumberText.micros(a)) → \(NumberText.micros(b))\(ratio)"
            }
            out.append("\(test.rawValue) p99 with a large live heap: " + parts.joined(separator: ", ") + ".")
        }
        out += model.periodicStallFindings()
        var bound: [String] = []
        var boundTrials = 0
        for c in model.contenders {
            for t in c.tests {
                for l in t.levels where l.summary.clientBoundTrials > 0 {
                    bound.append("\(c.name) \(t.test.rawValue) \(l.label)")
                    boundTrials += l.summary.clientBoundTrials
                }
            }
        }
        if !bound.isEmpty {
            out.append(
                "\(boundTrials) trial\(boundTrials == 1 ? " was" : "s were") client-bound (the load generator's CPUs were saturated), so \(bound.count == 1 ? "this level's figures are lower bounds" : "these levels' figures are lower bounds"), not ranked: \(bound.joined(separator: ", "))."
            )
        }
        for c in model.failed {
            out.append("\(c.name) \(c.statusLine)" + (c.failure.map { ": " + $0.firstLine } ?? "") + ".")
        }
        return out
    }

    /// "rust has the lowest p99 at equal rate on 3 of 4 tests." among rankable equal-rate rows.
    static func equalRateWins(_ model: ReportModel, _ what: String, _ value: (EqualRateRow) -> Double?) -> [String] {
        var count: [String: Int] = [:]
        var tests = 0
        for test in model.equalRateTests {
            let rows = model.equalRateRows(test)
            let best = model.bestEqualRate(rows, value)
            guard !best.isEmpty else { continue }
            tests += 1
            for r in rows where best.contains(r.id) { count[r.contender.name, default: 0] += 1 }
        }
        guard tests > 0 else { return [] }
        let ranked = model.contenders.map(\.name).filter { count[$0] != nil }.sorted { count[$0]! > count[$1]! }
        return [
            ranked.map { "\($0) has \(what) at equal rate on \(count[$0]!) of \(tests) test\(tests == 1 ? "" : "s")" }
                .joined(separator: "; ") + "."
        ]
    }

    /// "rust has the lowest p99 on 3 of 4 tests." among realistic entries.
    static func wins(_ model: ReportModel, _ what: String, _ value: (SummaryEntry) -> Double?) -> [String] {
        var count: [String: Int] = [:]
        var tests = 0
        for test in model.measuredTests {
            let entries = model.entries(test).filter { !$0.stripped }.compactMap { e in value(e).map { (e, $0) } }
            guard entries.count >= 2, let best = entries.min(by: { $0.1 < $1.1 }) else { continue }
            tests += 1
            count[best.0.contender.name, default: 0] += 1
        }
        guard tests > 0 else { return [] }
        let order = model.contenders.map(\.name).filter { count[$0] != nil }
        let ranked = order.sorted { count[$0]! > count[$1]! }
        return [
            ranked.map { "\($0) has \(what) on \(count[$0]!) of \(tests) test\(tests == 1 ? "" : "s")" }.joined(
                separator: "; ") + "."
        ]
    }
}
