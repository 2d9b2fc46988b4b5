import BattleCore

/// The agents of a merged level, for the text summary: each one's own
/// figures beside the merged ones above it, and the level's standing. Pure.
public enum AgentTable {
    public static func render(_ s: LoadSummary) -> String {
        guard let agents = s.agents else { return "" }
        var out: [String] = [
            "", "  Agents (the figures above are their histograms added, never percentiles averaged):",
        ]
        var rows = [
            ["#", "where", "conns", "target/s", "sent/s", "requests", "p50", "p99", "max", "errors", "CPU", "clock"]
        ]
        for a in agents {
            rows.append([
                String(a.index), a.destination + (a.host.map { " (\($0))" } ?? ""),
                "\(a.openConnections.map(String.init) ?? "-")/\(a.connections)",
                a.targetRate.map { Format.count($0) } ?? "-", a.achievedRate.map { Format.count($0) } ?? "-",
                a.requests.map(String.init) ?? "-", a.latency?.p50.map(Format.micros) ?? "-",
                a.latency?.p99.map(Format.micros) ?? "-", a.latency.map { Format.micros($0.maxMicros) } ?? "-",
                a.errors.map { String($0.total) } ?? "-",
                a.cpuCores.map { c in
                    "\(Format.fixed(c, 2))/\(a.usableCores ?? 0)\((a.generatorBound ?? false) ? " BOUND" : "")"
                } ?? "-",
                a.clockOffsetSeconds.map { o in
                    "\((o < 0 ? "-" : "") + Format.micros(abs(o) * 1e6)) ±\(Format.micros((a.clockUncertaintySeconds ?? 0) * 1e6))"
                } ?? "-",
            ])
        }
        out.append(contentsOf: TextSummary.table(rows, indent: "  "))
        for a in agents where a.failure != nil { out.append("  agent \(a.index): \(a.failure!)") }
        if let standing = s.standing {
            switch standing.verdict {
            case .valid: out.append("  Merged level: valid (every agent kept its share and its clock)")
            case .lowerBound:
                out.append("  Merged level: LOWER BOUND, not to be ranked: " + standing.reasons.joined(separator: "; "))
            case .invalid:
                out.append("  Merged level: INVALID: " + standing.reasons.joined(separator: "; "))
            }
        }
        return out.joined(separator: "\n") + "\n"
    }
}
