import BattleCore
import BattleVerdict

/// `battle compare` output: a text table for the terminal and Markdown for
/// a pull request. Pure: a `Comparison` in, text out.
public enum CompareReport {
    public static func text(_ c: Comparison, failOn percent: Double? = nil, color: Bool = false) -> String {
        var s =
            "battle compare · OLD \(c.oldID) → NEW \(c.newID) · \(c.matching == .best ? "the level where OLD peaked" : "levels with the same label")\n"
        s += rule(c) + "\n"
        for w in c.warnings { s += TerminalStyle.yellow.paint("warning: " + w, if: color) + "\n" }
        for test in SuiteTest.ordered(c.rows.map(\.test)) {
            let rows = c.rows.filter { $0.test == test }
            guard !rows.isEmpty else { continue }
            s += "\n" + TerminalStyle.bold.paint(test.rawValue, if: color) + "\n"
            var t = Table(
                ["contender", "level", "metric", "old", "new", "change", "95% interval", "verdict"],
                align: [.left, .left, .left, .right, .right, .right, .right, .left])
            for r in rows {
                for (i, ch) in r.changes.enumerated() {
                    let role: Table.Role =
                        ch.outcome == .regression ? .bad : ch.outcome == .improvement ? .good : .plain
                    t.add([
                        .init(i == 0 ? r.contender : ""), .init(i == 0 ? levelText(r) : ""), .init(ch.metric.rawValue),
                        .init(ch.metric.format(ch.old.median)), .init(ch.metric.format(ch.new.median)),
                        .init(ch.relativeChange.map(NumberText.signedPercent) ?? NumberText.none, role),
                        .init(intervalText(ch), .muted),
                        .init(verdict(ch.outcome), role),
                    ])
                }
            }
            s += t.text(indent: "  ", color: color)
        }
        for g in c.gaps {
            let line = "\(g.contender)\(g.test.map { " " + $0.rawValue } ?? ""): \(g.reason)"
            s += TerminalStyle.red.paint(line, if: color && g.failedInNew) + "\n"
        }
        s += "\n" + tally(c) + "\n"
        if let percent { s += gate(c, percent) + "\n" }
        return s
    }

    public static func markdown(_ c: Comparison, failOn percent: Double? = nil) -> String {
        var md = "## battle compare: \(c.oldID) → \(c.newID)\n\n"
        md +=
            "Levels compared: \(c.matching == .best ? "the level where OLD peaked, in both runs" : "every level with the same label"). "
            + rule(c) + "\n\n"
        for w in c.warnings { md += "> **Warning:** \(Escape.markdownCell(w))\n\n" }
        if !c.rows.isEmpty {
            var table = Table(
                ["test", "contender", "level", "metric", "old", "new", "change", "95% interval", "verdict"],
                align: [.left, .left, .left, .left, .right, .right, .right, .right, .left])
            for r in c.rows {
                for ch in r.changes {
                    let v = verdict(ch.outcome)
                    let cells = [
                        r.test.rawValue, r.contender, levelText(r), ch.metric.rawValue, ch.metric.format(ch.old.median),
                        ch.metric.format(ch.new.median),
                        ch.relativeChange.map(NumberText.signedPercent) ?? NumberText.none,
                        intervalText(ch),
                        ch.outcome == .regression || ch.outcome == .improvement ? "**\(v)**" : v,
                    ]
                    table.add(cells)
                }
            }
            md += table.markdown()
            md += "\n"
        }
        for g in c.gaps {
            md += "- \(g.contender)\(g.test.map { " " + $0.rawValue } ?? ""): \(Escape.markdownCell(g.reason))\n"
        }
        if !c.gaps.isEmpty { md += "\n" }
        md += tally(c) + "\n"
        if let percent { md += "\n" + gate(c, percent, bullet: "- ") + "\n" }
        return md
    }

    static func rule(_ c: Comparison) -> String {
        "A change is significant when the 95% interval of NEW ÷ OLD (\(c.rule.resamples) resamples of both runs' trials) clears no change by more than \(Axes.trim(Format.fixed(c.rule.minimumEffect * 100, 1)))%; on runs drawn from one distribution that calls fewer than 1 figure in 100 significant."
    }

    /// `-14.2%..-9.8%`: the interval of the change.
    static func intervalText(_ ch: Comparison.Change) -> String {
        guard let i = ch.interval else { return NumberText.none }
        return NumberText.signedPercent(i.low - 1) + ".." + NumberText.signedPercent(i.high - 1)
    }

    static func levelText(_ r: Comparison.Row) -> String {
        r.oldLevel == r.newLevel ? r.newLevel : "\(r.oldLevel) → \(r.newLevel)"
    }

    static func verdict(_ o: NoiseRule.Outcome) -> String {
        switch o {
        case .regression: "regression"
        case .improvement: "improvement"
        case .noise: "within noise"
        case .unknown(let why): why
        }
    }

    static func tally(_ c: Comparison) -> String {
        let all = c.rows.flatMap(\.changes)
        let reg = c.regressions.count
        let imp = c.improvements.count
        let noise = all.filter { $0.outcome == .noise }.count
        var s =
            "\(reg) significant regression\(reg == 1 ? "" : "s"), \(imp) improvement\(imp == 1 ? "" : "s"), \(noise) within noise"
        if c.unknownCount > 0 { s += ", \(c.unknownCount) not judged (fewer than two trials)" }
        return s + "."
    }

    static func gate(_ c: Comparison, _ percent: Double, bullet: String = "  ") -> String {
        let failures = c.failures(worseThan: percent)
        let limit = Axes.trim(Format.fixed(percent, 2)) + "%"
        if failures.isEmpty {
            return "--fail-on-regression \(limit): passed (no significant regression worse than \(limit))."
        }
        return "--fail-on-regression \(limit): FAILED\n" + failures.map { bullet + $0 }.joined(separator: "\n")
    }
}
