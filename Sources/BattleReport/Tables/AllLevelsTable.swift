import BattleCore

/// Every measured level of a test, every contender: what the summary row was
/// chosen from. report.html only (folded under the summary).
enum AllLevelsTable {
    static func table(_ model: ReportModel, _ test: SuiteTest) -> Table {
        var t = Table(
            [
                "contender", "level", "trials", "req/s", "min..max", "±MAD", "p50", "p99", "p99.9", "max", "CPU/req",
                "peak RSS", "errors", "non-2xx", "client-bound",
            ],
            numeric: Set(2...14))
        for c in model.contenders {
            for l in c.result(for: test)?.levels ?? [] where !l.trials.isEmpty {
                let s = l.summary
                t.add([
                    ReportCells.contender(c, model), .init(l.label), .init("\(s.trials)"),
                    .init(NumberText.rps(s.requestsPerSecond.median)),
                    .init(NumberText.range(s.requestsPerSecond, NumberText.rps)),
                    .init(NumberText.mad(s.requestsPerSecond.relativeMAD)),
                    ReportCells.latency(s.p50Micros), ReportCells.latency(s.p99Micros),
                    ReportCells.latency(s.p999Micros), ReportCells.latency(s.maxMicros),
                    .init(NumberText.cpuPerRequest(s.cpuMicrosPerRequest)), ReportCells.bytes(s.peakRSSBytes),
                    .init(NumberText.grouped(Double(s.errors))), .init(NumberText.grouped(Double(s.non2xx))),
                    .init("\(s.clientBoundTrials)/\(s.trials)"),
                ])
            }
        }
        return t
    }
}
