import BattleCore

/// The runtime-behaviour lines of report.md and the terminal summary: one
/// line per contender with its pause probe's maximum and p99.9 and the
/// largest interval-to-interval p99 jump. Pure.
enum RuntimeText {
    static let probeNote =
        "The pause probe is a second, independent client during these levels: GET /plaintext open loop at a low fixed rate, latency corrected, on one connection at open-loop levels (as many as the level at closed-loop ones, where its latency includes the wait behind the level's queue); its outliers measure the server's stalls (collection pauses, scheduler hiccups), not its work. It adds that small load."

    /// `## Runtime behaviour` for report.md; empty when no level was probed or has a series.
    static func markdown(_ model: ReportModel) -> String {
        let lines = model.runtimeLines()
        guard !lines.isEmpty else { return "" }
        var md = "\n## Runtime behaviour\n\n" + probeNote
        if let rate = model.results.plan.probe?.rate { md += " Here: \(Format.count(rate)) req/s." }
        md += "\n\n" + lines.map { "- \(Escape.markdownCell($0))\n" }.joined()
        for level in model.runtimeLevels {
            let rows = level.members.compactMap { m -> String? in
                guard m.probeMax != nil || m.largestJump != nil else { return nil }
                return "- \(Escape.markdownCell(memberLine(m)))\n"
            }
            guard !rows.isEmpty else { continue }
            md += "\n**\(Escape.markdownCell(level.title))**\n\n" + rows.joined()
        }
        return md
    }

    /// The terminal's lines: a heading and one line per contender; empty when there is nothing to say.
    static func terminal(_ model: ReportModel, color: Bool) -> String {
        let lines = model.runtimeLines()
        guard !lines.isEmpty else { return "" }
        var s = "\n" + TerminalStyle.bold.paint("runtime behaviour", if: color) + "\n"
        s += lines.map { "  \($0)\n" }.joined()
        for f in model.periodicStallFindings() { s += "  \(f)\n" }
        return s
    }

    /// One contender at one level: probe p99, p99.9 and max over its trials, and the largest p99 jump.
    static func memberLine(_ m: RuntimeMember) -> String {
        var parts: [String] = []
        let probes = m.trials.compactMap(\.probe)
        if !probes.isEmpty {
            let p99 = Statistics.median(probes.compactMap(\.latency.p99))
            parts.append(
                "probe p99 \(NumberText.micros(p99)), p99.9 \(m.probeP999.map(NumberText.micros) ?? NumberText.none), max \(m.probeMax.map(NumberText.micros) ?? NumberText.none) (\(probes.count) trial\(probes.count == 1 ? "" : "s"))"
            )
        }
        if let j = m.largestJump {
            parts.append(
                "largest p99 jump +\(NumberText.micros(j.jump.riseMicros)) at \(Axes.number(j.jump.atSeconds)) s (trial \(j.trial))"
            )
        }
        if let s = m.periodicStalls { parts.append("periodic stalls about every \(Format.fixed(s.period, 1)) s") }
        return "\(m.contender.label): " + parts.joined(separator: "; ")
    }
}
