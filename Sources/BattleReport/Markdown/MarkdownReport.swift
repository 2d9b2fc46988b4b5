import BattleCore
import BattleVerdict

/// report.md: summary tables and key findings, fit for pasting into a pull
/// request. Pure: results in, text out.
public enum MarkdownReport {
    /// Renders the report with the verdict section from BattleVerdict.
    public static func render(_ results: RunResults) -> String {
        let v = VerdictSections.rendered(results)
        return render(
            results, verdict: "## Verdict\n\n" + BlockRenderer.markdown(v.section, base: 2), answer: v.answerMarkdown)
    }

    /// Renders the report with `verdict` (a Markdown section) embedded as given, and `answer` (Markdown) first.
    public static func render(_ results: RunResults, verdict: String, answer: String = "") -> String {
        let model = ReportModel(results)
        var md = "# battle report: run \(results.id)\n\n"
        let a = answer.trimmingNewlines()
        if !a.isEmpty {
            md +=
                "## The answer\n\n" + a
                + "\n\nThe evidence follows; the full verdict for every profile is at the end.\n\n"
        }
        md += header(results)
        md += "\n## Key findings\n\n"
        let findings = KeyFindings.lines(model)
        md += findings.isEmpty ? "Nothing was measured.\n" : findings.map { "- \($0)\n" }.joined()
        md += "\n## Results by test\n"
        for test in model.measuredTests { md += testTable(model, test) + equalRateTable(model, test) }
        if model.contenders.contains(where: \.isStripped) {
            md += "\n† stripped entry (docs/SUITE.md §5): shown and marked, never the best.\n"
        }
        md += StackSection.markdown(StackComparison(results))
        md += capacity(model) + heap(model) + RuntimeText.markdown(model) + footprint(model) + failures(model)
        if !results.notes.isEmpty {
            md += "\n## Notes\n\n" + results.notes.map { "- \(Escape.markdownCell($0))\n" }.joined()
        }
        let v = verdict.trimmingNewlines()
        if !v.isEmpty { md += "\n" + v + "\n" }
        md += "\n## How these figures were obtained\n\n"
        md += Method.items(results).map { "- **\($0.title).** \($0.text)\n" }.joined()
        return md
    }

    static func header(_ r: RunResults) -> String {
        let e = r.environment
        let p = r.plan
        var md = "Status **\(r.status.rawValue)** · battle \(r.battleVersion)"
        if let commit = e.battleCommit { md += " (`\(commit)`)" }
        md += " · Battle Suite v\(r.suiteVersion) · started \(DateText.iso(r.startedAt))"
        if let end = r.finishedAt { md += " · took \(NumberText.seconds(end.timeIntervalSince(r.startedAt)))" }
        md += "\n\n## Environment and plan\n\n"
        md += "- Machine: \(e.cpuModel), \(e.logicalCPUs) logical CPUs, \(NumberText.bytes(e.memoryBytes)) memory"
        if let g = e.governor { md += ", governor \(g)" }
        md += "; \(e.os), kernel \(e.kernel); host \(e.hostname)\n"
        md +=
            "- Plan **\(p.name)**: tests \(p.tests.map(\.rawValue).joined(separator: ", ")); \(p.trials) trials × \(NumberText.seconds(p.levelSeconds)) per level, warmup \(NumberText.seconds(p.warmupSeconds)), primer \(NumberText.seconds(p.primerSeconds))"
        if p.verificationSkipped { md += "; **verification skipped**" }
        md +=
            "\n- CPU placement: server \(p.placement.server), load generator \(p.placement.client), database \(p.placement.database)\n"
        md += "- " + NumberText.budgetLine(p) + "\n"
        if let tiers = r.tierLine { md += "- \(tiers)\n" }
        if let rates = p.equalRates, !rates.isEmpty {
            md +=
                "- Equal rates: "
                + rates.map { "\($0.test.rawValue) \(NumberText.rps($0.rate)) req/s (\($0.basis))" }.joined(
                    separator: "; ") + "\n"
        }
        if !e.toolchains.isEmpty {
            md +=
                "- Toolchains: "
                + e.toolchains.sorted { $0.key < $1.key }.map { named($0.key, $0.value) }.joined(separator: "; ") + "\n"
        }
        if let db = e.database { md += "- Database: \(db)\n" }
        md += "- Contenders: "
        md += r.contenders.map { c in
            "**\(c.label)** (\(c.language), \(c.frameworkAndDriver); \(c.approach)\(c.status == .ok ? "" : "; \(c.statusLine)"))"
        }.joined(separator: ", ")
        return md + "\n"
    }

    /// `rustc 1.63.0` rather than `rustc rustc 1.63.0` when the version already names the tool.
    static func named(_ tool: String, _ version: String) -> String {
        version.lowercased().hasPrefix(tool.lowercased()) ? version : "\(tool) \(version)"
    }

    static func testTable(_ model: ReportModel, _ test: SuiteTest) -> String {
        var md = "\n### \(test.rawValue)\n\n"
        var table = Table(
            [
                "contender", "level", "req/s", "min..max", "±MAD", "p50", "p99", "p99.9", "CPU/req", "peak RSS",
                "vs best", "verification", "notes",
            ],
            align: [.left, .left, .right, .right, .right, .right, .right, .right, .right, .right, .right, .left, .left])
        for e in model.entries(test) {
            let s = e.summary
            let cells = [
                e.isBest ? "**\(e.contender.label)**" : e.contender.label,
                e.level.label,
                e.rpsLabel,
                NumberText.range(s.requestsPerSecond, NumberText.rps),
                NumberText.mad(s.requestsPerSecond.relativeMAD),
                s.p50Micros.count > 0 ? NumberText.micros(s.p50Micros.median) : NumberText.none,
                s.p99Micros.count > 0 ? NumberText.micros(s.p99Micros.median) : NumberText.none,
                s.p999Micros.count > 0 ? NumberText.micros(s.p999Micros.median) : NumberText.none,
                NumberText.cpuPerRequest(s.cpuMicrosPerRequest),
                s.peakRSSBytes.map(NumberText.bytes) ?? NumberText.none,
                e.factorLabel,
                e.verification.label,
                e.warnings.joined(separator: "; "),
            ]
            table.add(cells)
        }
        md += table.markdown()
        let missing = model.missing(test)
        if !missing.isEmpty {
            md +=
                "\nNot measured: "
                + missing.map { "\($0.name) (\($0.status == .ok ? "not in its run" : $0.statusLine))" }.joined(
                    separator: ", ") + ".\n"
        }
        return md
    }

    /// The test's equal-rate levels, where latency, CPU per request and memory are compared.
    static func equalRateTable(_ model: ReportModel, _ test: SuiteTest) -> String {
        let rows = model.equalRateRows(test)
        guard !rows.isEmpty else { return "" }
        let bestP99 = model.bestEqualRate(rows) { $0.p99 }
        let bestCPU = model.bestEqualRate(rows) { $0.summary.cpuMicrosPerRequest }
        var md = "\nAt equal rate (the same offered load for every contender, latency corrected):\n\n"
        var table = Table(
            ["contender", "level", "p50", "p90", "p99", "p99.9", "max", "p99 uncorrected", "CPU/req", "RSS", "notes"],
            align: [.left, .left, .right, .right, .right, .right, .right, .right, .right, .right, .left])
        for r in rows {
            let s = r.summary
            func bold(_ text: String, _ on: Bool) -> String { on ? "**\(text)**" : text }
            let cells = [
                r.contender.label, r.level.label,
                s.p50Micros.count > 0 ? NumberText.micros(s.p50Micros.median) : NumberText.none,
                s.p90Micros.map { $0.count > 0 ? NumberText.micros($0.median) : NumberText.none } ?? NumberText.none,
                bold(r.p99.map(NumberText.micros) ?? NumberText.none, bestP99.contains(r.id)),
                s.p999Micros.count > 0 ? NumberText.micros(s.p999Micros.median) : NumberText.none,
                NumberText.micros(s.maxMicros.median),
                s.uncorrectedP99Micros.map { $0.count > 0 ? NumberText.micros($0.median) : NumberText.none }
                    ?? NumberText.none,
                bold(NumberText.cpuPerRequest(s.cpuMicrosPerRequest), bestCPU.contains(r.id)),
                s.steadyRSSBytes.map(NumberText.bytes) ?? NumberText.none,
                r.warnings.joined(separator: "; "),
            ]
            table.add(cells)
        }
        md += table.markdown()
        return md
    }

    static func capacity(_ model: ReportModel) -> String {
        let rows = model.capacityTests.flatMap { test in
            model.contenders.compactMap { c in c.capacity.first { $0.test == test }.map { (c, $0) } }
        }
        guard !rows.isEmpty else { return "" }
        var md = "\n## Capacity under the SLO\n\n"
        var table = Table(
            [
                "test", "contender", "SLO", "sustained req/s", "latency at that rate", "CPU cores", "peak RSS",
                "rates tried",
            ],
            align: [.left, .left, .left, .right, .right, .right, .right, .right])
        for (c, r) in rows {
            let cells = [
                r.test.rawValue, c.label, r.slo, (r.isLowerBound ? "≥ " : "") + NumberText.rps(r.sustainedRate),
                r.latencyMicrosAtRate.map(NumberText.micros) ?? NumberText.none,
                r.cpuCoresAtRate.map { Format.fixed($0, 2) } ?? NumberText.none,
                r.peakRSSBytesAtRate.map(NumberText.bytes) ?? NumberText.none,
                "\(r.steps.count)",
            ]
            table.add(cells)
        }
        md += table.markdown()
        return md
    }

    static func heap(_ model: ReportModel) -> String {
        let tests = model.heapTests
        guard !tests.isEmpty else { return "" }
        var md = "\n## Large live heap\n\n"
        var table = Table(
            ["test", "contender", "level", "p99", "p99.9", "large-heap level", "p99", "p99.9", "p99 change"],
            align: [.left, .left, .left, .right, .right, .left, .right, .right, .right])
        for test in tests {
            for pair in model.heapPairs(test) {
                let a = pair.small.summary
                let b = pair.large.summary
                let change =
                    a.p99Micros.median > 0
                    ? NumberText.factor(b.p99Micros.median / a.p99Micros.median) : NumberText.none
                let cells = [
                    test.rawValue, pair.contender.label, pair.small.label, NumberText.micros(a.p99Micros.median),
                    NumberText.micros(a.p999Micros.median),
                    pair.large.label, NumberText.micros(b.p99Micros.median), NumberText.micros(b.p999Micros.median),
                    change,
                ]
                table.add(cells)
            }
        }
        md += table.markdown()
        return md
    }

    static func footprint(_ model: ReportModel) -> String {
        guard model.hasFootprint else { return "" }
        var md = "\n## Build and footprint\n\n"
        var table = Table(
            [
                "contender", "startup", "idle RSS", "binary", "clean build", "rebuild", "lines of code",
                "dependencies (direct / total)", "toolchain",
            ],
            align: [.left, .right, .right, .right, .right, .right, .right, .right, .left])
        for c in model.contenders {
            let b = c.build
            let deps: String
            switch (b?.directDependencies, b?.totalDependencies) {
            case (nil, nil): deps = NumberText.none
            case (let d, let t): deps = "\(d.map(String.init) ?? "?") / \(t.map(String.init) ?? "?")"
            }
            let cells = [
                c.label, c.startup.map { NumberText.seconds($0.secondsToReady) } ?? NumberText.none,
                c.startup?.idleRSSBytes.map(NumberText.bytes) ?? NumberText.none,
                b?.binaryBytes.map(NumberText.bytes) ?? NumberText.none,
                b?.cleanSeconds.map(NumberText.seconds) ?? NumberText.none,
                b?.incrementalSeconds.map(NumberText.seconds) ?? NumberText.none,
                b?.linesOfCode.map { NumberText.grouped(Double($0)) } ?? NumberText.none, deps,
                b?.toolchainVersion ?? NumberText.none,
            ]
            table.add(cells)
        }
        md += table.markdown()
        return md
    }

    static func failures(_ model: ReportModel) -> String {
        let failed = model.failed
        let verifyIssues = model.contenders.filter { !($0.verification?.failures.isEmpty ?? true) }
        guard !failed.isEmpty || !verifyIssues.isEmpty else { return "" }
        var md = "\n## Failed contenders\n\n"
        for c in failed {
            md += "- **\(c.name)**: \(c.statusLine)"
            if let f = c.failure {
                md += ": " + Escape.markdownCell(f.firstLine)
                if f.contains("\n") { md += " (the full message is in report.html)" }
            } else if let x = c.exit {
                md += x.signal.map { " (signal \($0))" } ?? x.status.map { " (exit status \($0))" } ?? ""
            }
            md += "\n"
        }
        for c in verifyIssues {
            for check in c.verification?.failures ?? [] {
                md +=
                    "- **\(c.name)** failed the check `\(check.name)`\(check.test.map { " (\($0.rawValue))" } ?? ""): \(Escape.markdownCell(check.detail))\n"
            }
        }
        return md
    }
}

extension String {
    func trimmingNewlines() -> String {
        var s = Substring(self)
        while s.first?.isNewline == true { s.removeFirst() }
        while s.last?.isNewline == true { s.removeLast() }
        return String(s)
    }
}
