import BattleCore

/// results.csv: one row per contender × test × level × trial, for
/// spreadsheets and notebooks. Columns are documented in docs/REPORTS.md;
/// empty cells mean "not measured".
public enum CSVReport {
    public static let columns = [
        "run_id", "contender", "language", "approach", "status", "test", "level", "connections", "pipeline", "queries",
        "live_heap_mb", "rate", "trial", "duration_s", "requests", "successes", "requests_per_s", "errors", "non_2xx",
        "p50_us", "p90_us", "p99_us", "p99_9_us", "p99_99_us", "max_us", "mean_us", "server_cpu_s", "server_cpu_cores",
        "cpu_us_per_request", "peak_rss_bytes", "steady_rss_bytes", "max_threads", "client_cpu_s", "client_bound",
        "trial_error", "tier", "driver",
    ]

    public static func render(_ results: RunResults) -> String {
        var out = columns.joined(separator: ",") + "\n"
        for c in results.contenders {
            for t in c.tests {
                for l in t.levels {
                    for trial in l.trials {
                        out += row(results, c, t.test, l, trial).map(Escape.csv).joined(separator: ",") + "\n"
                    }
                }
            }
        }
        return out
    }

    static func row(
        _ r: RunResults, _ c: ContenderResult, _ test: SuiteTest, _ l: LevelResult, _ t: TrialResult
    ) -> [String] {
        let load = t.load
        let lat = load.latency
        let server = t.server
        return [
            r.id, c.name, c.language, c.approach, c.status.rawValue, test.rawValue, l.label, "\(l.connections)",
            "\(l.pipeline)",
            l.queries.map(String.init) ?? "", l.liveHeapMB.map(String.init) ?? "", num(l.rate, 2), "\(t.trial)",
            num(load.durationSeconds, 3), "\(load.requests)", "\(load.successes)", num(load.requestsPerSecond, 2),
            "\(load.errors.total)", "\(load.requests - load.successes)", num(lat.micros(at: 50), 1),
            num(lat.micros(at: 90), 1),
            num(lat.micros(at: 99), 1), num(lat.micros(at: 99.9), 1), num(lat.micros(at: 99.99), 1),
            lat.count > 0 ? num(lat.maxMicros, 1) : "", lat.count > 0 ? num(lat.meanMicros, 1) : "",
            num(server?.cpuSeconds, 4),
            num(server?.cpuCores, 4), num(t.cpuMicrosPerRequest, 3), server.map { "\($0.peakRSSBytes)" } ?? "",
            server.map { "\($0.steadyRSSBytes)" } ?? "", server.map { "\($0.maxThreads)" } ?? "",
            num(load.client?.cpuSeconds, 4),
            t.clientBound ? "true" : "false", t.error ?? "", c.tier?.rawValue ?? "", c.driver ?? "",
        ]
    }

    static func num(_ v: Double?, _ digits: Int) -> String {
        guard let v, v.isFinite else { return "" }
        return Format.fixed(v, digits)
    }
}
