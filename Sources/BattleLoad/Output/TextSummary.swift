import BattleCore

/// The human summary `battle load` prints, in wrk's spirit: what ran, the
/// latency spread and percentile table, throughput, statuses and errors,
/// then a per-endpoint table. Pure: a result in, text out.
public enum TextSummary {
    public static func render(_ result: LoadResult) -> String {
        let s = result.summary
        let c = s.config
        var out: [String] = []
        let mode = c.rate.map { "open loop at \(Format.count($0)) req/s" } ?? "closed loop"
        let pipeline = c.pipeline > 1 ? ", pipeline \(c.pipeline)" : ""
        let target = c.targets.count == 1 ? c.targets[0] : "\(c.targets.count) targets"
        out.append("battle load \(target)")
        out.append(
            "  \(Format.duration(s.durationSeconds)) measured\(c.warmupSeconds > 0 ? " after \(Format.duration(c.warmupSeconds)) warmup" : ""), "
                + "\(c.threads) thread\(c.threads == 1 ? "" : "s"), \(c.connections) connections, \(mode)\(pipeline)")
        if result.interrupted { out.append("  interrupted: figures cover the window up to the stop") }
        out.append("")

        let headers = ["", "avg", "stdev"] + LatencySummary.tablePercentiles.map(percentileLabel)
        var rows: [[String]] = [headers]
        let latencyName = s.uncorrectedLatency == nil ? "Latency" : "Latency (corrected)"
        rows.append(latencyRow(latencyName, s.latency))
        if let u = s.uncorrectedLatency { rows.append(latencyRow("Latency (uncorrected)", u)) }
        out.append(contentsOf: table(rows, indent: "  "))
        if s.uncorrectedLatency != nil {
            out.append("  corrected: from each request's planned send time (coordinated omission removed, as wrk2);")
            out.append("  uncorrected: from the actual send, what a closed-loop tool would report.")
        }
        out.append("")

        out.append("  \(s.requests) requests in \(Format.fixed(s.durationSeconds, 2))s, \(Format.bytes(s.bytesRead)) read")
        out.append("  Requests/sec: \(Format.fixed(s.requestsPerSecond, 2))")
        let transfer = s.durationSeconds > 0 ? Double(s.bytesRead) / s.durationSeconds : 0
        out.append("  Transfer/sec: \(Format.bytes(Int(transfer)))")
        out.append("  Status: " + statusText(s.statusCodes))
        out.append("  Errors: " + errorText(s.errors) + ", reconnects \(s.reconnects)")
        if let sched = s.schedule {
            out.append(
                "  Schedule: \(sched.planned) planned at \(Format.count(sched.targetRate)) req/s, \(sched.late) late, "
                    + "\(sched.unsent) unsent, max lag \(Format.micros(sched.maxLagMicros))"
                    + (sched.fellBehind ? "  NOT KEPT: add connections (-c) or lower the rate (-R)" : ""))
        }
        if let u = s.client {
            let perRequest = s.requests > 0 ? u.cpuSeconds / Double(s.requests) * 1e6 : 0
            var line = "  Client CPU: \(Format.fixed(u.userSeconds, 2))s user + \(Format.fixed(u.systemSeconds, 2))s sys"
            if s.requests > 0 { line += " (\(Format.micros(perRequest)) per request)" }
            if let rss = u.peakRSSBytes { line += ", peak RSS \(Format.bytes(rss))" }
            out.append(line)
        }

        if s.endpoints.count > 1 {
            out.append("")
            var rows = [["Endpoint", "requests", "req/s", "p50", "p99", "max", "errors", "statuses"]]
            for e in s.endpoints {
                rows.append([
                    e.name, String(e.requests),
                    Format.fixed(s.durationSeconds > 0 ? Double(e.requests) / s.durationSeconds : 0, 1),
                    Format.micros(e.latency.p50 ?? 0), Format.micros(e.latency.p99 ?? 0), Format.micros(e.latency.maxMicros),
                    String(e.errors.total), statusText(e.statusCodes),
                ])
            }
            out.append(contentsOf: table(rows, indent: "  "))
        }
        for w in result.warnings { out.append("warning: \(w)") }
        return out.joined(separator: "\n") + "\n"
    }

    static func percentileLabel(_ p: Double) -> String {
        if p == 100 { return "max" }
        return "p" + (p == p.rounded() ? String(Int(p)) : Format.fixed(p, p * 10 == (p * 10).rounded() ? 1 : 2))
    }

    private static func latencyRow(_ name: String, _ l: LatencySummary) -> [String] {
        guard l.count > 0 else { return [name, "-", "-"] + LatencySummary.tablePercentiles.map { _ in "-" } }
        return [name, Format.micros(l.meanMicros), Format.micros(l.stdevMicros)]
            + LatencySummary.tablePercentiles.map { p in
                p == 100 ? Format.micros(l.maxMicros) : l.micros(at: p).map(Format.micros) ?? "-"
            }
    }

    static func statusText(_ codes: [String: Int]) -> String {
        guard !codes.isEmpty else { return "none" }
        return codes.sorted { $0.key < $1.key }.map { "\($0.key) x\($0.value)" }.joined(separator: ", ")
    }

    /// `none`, or `connect 3, timeout 2`.
    public static func errorText(_ e: ErrorCounts) -> String {
        guard e.total > 0 else { return "none" }
        let parts: [(String, Int)] = [
            ("connect", e.connect), ("read", e.read), ("write", e.write), ("timeout", e.timeout), ("malformed", e.malformed),
        ]
        return parts.filter { $0.1 > 0 }.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
    }

    /// Left-aligned first column, right-aligned others; the first row titles the columns.
    static func table(_ rows: [[String]], indent: String) -> [String] {
        guard let titles = rows.first else { return [] }
        var t = Table(titles, align: titles.indices.map { $0 == 0 ? .left : .right })
        for r in rows.dropFirst() { t.add(r) }
        return t.textLines(indent: indent)
    }
}
