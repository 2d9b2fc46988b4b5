import BattleCore
import Foundation
import Testing

@testable import BattleReport

/// The runtime-behaviour parts of the reports, on small.json with interval
/// series and pause probes added to the large-heap level: go's probe spikes
/// every 5 s, rust's is flat.
@Suite("Runtime behaviour in the reports")
struct RuntimeReportTests {
    static func interval(_ start: Double, max: Double, p99: Double) -> LoadInterval {
        LoadInterval(
            startSeconds: start, seconds: 1, requests: 500, errors: 0, p50Micros: 200, p99Micros: p99,
            p999Micros: Swift.min(max, p99 * 1.5), maxMicros: max)
    }

    static func probe(spikeEvery period: Int?) -> PauseProbe {
        let series = (0..<25).map { i in
            let spike = period.map { i % $0 == 3 } ?? false
            return interval(Double(i), max: spike ? 42_000 : 700, p99: spike ? 30_000 : 400)
        }
        let latency = LatencySummary(
            count: 12_500, minMicros: 90, meanMicros: 300, stdevMicros: 100, maxMicros: series.map(\.maxMicros).max()!,
            percentiles: [
                PercentileValue(percentile: 99, micros: period == nil ? 450 : 2_100),
                PercentileValue(percentile: 99.9, micros: period == nil ? 650 : 31_000),
            ])
        return PauseProbe(
            path: "/plaintext", connections: 1, rate: 500, requests: 12_500, errors: 0, latency: latency,
            intervals: series,
            startSeconds: 0.004)
    }

    /// small.json with series and probes on every large-heap trial.
    static func results() throws -> RunResults {
        var r = try ResultsCoding.readResults(at: Repo.fixture("small.json"))
        r.plan.probe = ProbePlan()
        for c in r.contenders.indices {
            for t in r.contenders[c].tests.indices {
                for l in r.contenders[c].tests[t].levels.indices
                where r.contenders[c].tests[t].levels[l].kind == .largeHeap {
                    for k in r.contenders[c].tests[t].levels[l].trials.indices {
                        let go = r.contenders[c].name == "go"
                        var trial = r.contenders[c].tests[t].levels[l].trials[k]
                        trial.probe = probe(spikeEvery: go ? 5 : nil)
                        trial.load.intervals = (0..<25).map {
                            interval(Double($0), max: 9_000, p99: go && $0 == 8 ? 20_000 : 3_000)
                        }
                        trial.samplesStartSeconds = -0.05
                        r.contenders[c].tests[t].levels[l].trials[k] = trial
                    }
                }
            }
        }
        return r
    }

    @Test func keyFindingsNameTheContenderWithPeriodicStallsAndThePeriod() throws {
        let lines = KeyFindings.lines(ReportModel(try Self.results()))
        let stall = lines.filter { $0.contains("periodic stalls") }
        #expect(stall.count == 1, "\(stall)")
        #expect(stall.first?.hasPrefix("go's pause probe shows periodic stalls at orders c=64 heap=512MB") == true)
        #expect(stall.first?.contains("about every 5.0 s") == true)
        #expect(stall.first?.contains("spikes to 42.0ms") == true, "\(stall)")
        // Without probes (small.json as committed) there is no such finding and no runtime section.
        let plain = try ResultsCoding.readResults(at: Repo.fixture("small.json"))
        #expect(!KeyFindings.lines(ReportModel(plain)).contains { $0.contains("periodic") })
        #expect(!MarkdownReport.render(plain).contains("## Runtime behaviour"))
        #expect(!HTMLReport.render(plain).contains("runtime-chart"))
    }

    @Test func markdownAndTerminalGiveOneLinePerContender() throws {
        let r = try Self.results()
        let lines = ReportModel(r).runtimeLines()
        #expect(lines.count == 3, "\(lines)")
        let go = try #require(lines.first { $0.hasPrefix("go:") })
        #expect(go.contains("pause probe max 42.0ms, p99.9 31.0ms (orders c=64 heap=512MB)"), "\(go)")
        #expect(go.contains("largest p99 jump +17.0ms (3.00ms → 20.0ms at 8 s"), "\(go)")
        let rust = try #require(lines.first { $0.hasPrefix("rust:") })
        #expect(rust.contains("pause probe max 700us, p99.9 650us"), "\(rust)")
        #expect(!rust.contains("p99 jump"), "rust's p99 never rises: \(rust)")

        let md = MarkdownReport.render(r)
        #expect(md.contains("## Runtime behaviour"))
        #expect(md.contains("It adds that small load. Here: 500 req/s."))
        #expect(md.contains("- \(go)\n"))
        let text = TextReport.render(r)
        #expect(text.contains("runtime behaviour\n"))
        #expect(text.contains("  \(go)\n"))
    }

    @Test func htmlDrawsASmallMultiplePerContenderWithProbeOutliersMarked() throws {
        let html = HTMLReport.render(try Self.results())
        #expect(html.contains("<section id=\"runtime\">"))
        let charts = html.components(separatedBy: "class=\"chart runtime-chart\"").count - 1
        #expect(charts == 3, "one chart per contender at the large-heap level: \(charts)")
        // go's probe spikes at 3, 8, 13, 18, 23 s: five marked outliers; none for the others.
        let outliers = html.components(separatedBy: "<title>pause probe outlier").count - 1
        #expect(outliers == 5)
        #expect(html.contains("pause probe outlier: max 42.0ms in the interval from 3 s"))
        #expect(html.contains("periodic stalls about every 5.0 s"))
        // Latency, RSS and CPU share the chart's time axis.
        #expect(html.contains(">RSS MiB<") && html.contains(">CPU cores<") && html.contains(">latency<"))
    }
}
