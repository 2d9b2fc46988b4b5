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
        md += section("Capacity under the SLO", CapacityTable.table(model))
        md += section("Large live heap", HeapTable.table(model)) + RuntimeText.markdown(model)
        md += section("Build and footprint", FootprintTable.table(model)) + failures(model)
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
        md += " · \(r.suiteIdentity.title) · started \(DateText.iso(r.startedAt))"
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
        var md = "\n### \(test.rawValue)\n\n" + SummaryTable.table(model, test).markdown()
        let missing = SummaryTable.missing(model, test)
        if !missing.isEmpty { md += "\nNot measured: " + missing.joined(separator: ", ") + ".\n" }
        return md
    }

    /// The test's equal-rate levels, where latency, CPU per request and memory are compared.
    static func equalRateTable(_ model: ReportModel, _ test: SuiteTest) -> String {
        guard let t = EqualRateTable.table(model, test) else { return "" }
        return "\nAt equal rate (the same offered load for every contender, latency corrected):\n\n" + t.markdown()
    }

    /// A section of one table, or nothing when there is no table.
    static func section(_ title: String, _ table: Table?) -> String {
        table.map { "\n## \(title)\n\n" + $0.markdown() } ?? ""
    }

    static func failures(_ model: ReportModel) -> String {
        let list = FailureList(model)
        guard !list.isEmpty else { return "" }
        var md = "\n## Failed contenders\n\n"
        for c in list.failed {
            md += "- **\(c.name)**: \(c.statusLine)"
            if let f = c.failure {
                md += ": " + Escape.markdownCell(f.firstLine)
                if f.contains("\n") { md += " (the full message is in report.html)" }
            } else if let x = c.exit {
                md += x.signal.map { " (signal \($0))" } ?? x.status.map { " (exit status \($0))" } ?? ""
            }
            md += "\n"
        }
        for (c, failures) in list.checks {
            for check in failures {
                md +=
                    "- **\(c.name)** failed the check `\(check.name)`\(FailureList.test(check)): \(Escape.markdownCell(check.detail))\n"
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
