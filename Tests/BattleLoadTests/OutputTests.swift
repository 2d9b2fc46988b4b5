import BattleCore
import Foundation
import Testing

@testable import BattleLoad

@Suite("Text, HdrHistogram and progress output")
struct OutputTests {
    static func result(openLoop: Bool, targets: Int = 1) throws -> LoadResult {
        let url = try TargetURL.parse("http://127.0.0.1:8080/plaintext")
        let list = (0..<targets).map { LoadTarget(name: "t\($0)", url: url) }
        let config = LoadConfiguration(targets: list, connections: 64, threads: 1, duration: 10, rate: openLoop ? 5000 : nil)
        var stats = LoopStats(targets: targets, openLoop: openLoop)
        stats.startRecording()
        for i in 0..<10_000 {
            let micros = UInt64(100 + i % 900)
            stats.response(target: i % targets, status: i % 100 == 0 ? 503 : 200, planned: 0, sent: micros * 300, now: micros * 1000)
        }
        stats.failure(target: 0, kind: .timeout, planned: 0)
        let summary = LoadSummary.make(
            config: config, stats: stats, startedAt: Date(timeIntervalSince1970: 0), duration: 10,
            schedule: openLoop ? ScheduleTally(planned: 50_000, sent: 49_000, late: 900, maxLagNanos: 3_000_000) : nil,
            usage: ProcessRUsage(userSeconds: 1, systemSeconds: 2, peakRSSBytes: 30 << 20))
        return LoadResult(
            summary: summary, latency: stats.latency.histogram, uncorrectedLatency: stats.uncorrected?.histogram,
            warnings: ["only 60 of 64 connections could be opened"], interrupted: false)
    }

    @Test("closed loop: the wrk-like summary with the percentile table")
    func closedLoopText() throws {
        let text = TextSummary.render(try Self.result(openLoop: false))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "battle load GET http://127.0.0.1:8080/plaintext")
        #expect(lines[1] == "  10s measured, 1 thread, 64 connections, closed loop")
        let header = try #require(lines.first { $0.contains("p99.99") })
        for label in ["avg", "stdev", "p50", "p75", "p90", "p99", "p99.9", "p99.99", "max"] {
            #expect(header.split(separator: " ").contains(Substring(label)), "\(label) in \(header)")
        }
        let row = try #require(lines.first { $0.hasPrefix("  Latency ") })
        #expect(row.contains("ms") || row.contains("us"))
        #expect(text.contains("10000 requests in 10.00s"))
        #expect(text.contains("Requests/sec: 1000.00"))
        #expect(text.contains("Status: 200 x9900, 503 x100"))
        #expect(text.contains("Errors: timeout 1, reconnects 0"))
        #expect(text.contains("Client CPU: 1.00s user + 2.00s sys (300us per request), peak RSS 30.0 MiB"))
        #expect(text.contains("warning: only 60 of 64 connections could be opened"))
        #expect(!text.contains("uncorrected"))
    }

    @Test("open loop: corrected and uncorrected rows, and the schedule")
    func openLoopText() throws {
        let text = TextSummary.render(try Self.result(openLoop: true))
        #expect(text.contains("open loop at 5000 req/s"))
        #expect(text.contains("Latency (corrected)"))
        #expect(text.contains("Latency (uncorrected)"))
        #expect(text.contains("Schedule: 50000 planned at 5000 req/s, 900 late, 1000 unsent, max lag 3.00ms  NOT KEPT"))
    }

    @Test("several targets: a table per endpoint")
    func endpoints() throws {
        let text = TextSummary.render(try Self.result(openLoop: false, targets: 2))
        #expect(text.contains("Endpoint"))
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("  t0 ") || $0.hasPrefix("  t1 ") }
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { $0.contains("5000") })
    }

    @Test("percentile labels")
    func labels() {
        #expect(LatencySummary.tablePercentiles.map(TextSummary.percentileLabel) == ["p50", "p75", "p90", "p99", "p99.9", "p99.99", "max"])
    }

    @Test("--hdr: HdrHistogram's percentile distribution in milliseconds")
    func hdr() throws {
        let r = try Self.result(openLoop: false)
        let text = HdrDistribution.render(r.latency)
        let lines = text.split(separator: "\n")
        #expect(lines[0].contains("Value") && lines[0].contains("Percentile") && lines[0].contains("TotalCount"))
        let first = lines[1].split(separator: " ")
        #expect(Double(first[0]).map { $0 >= 0.099 && $0 <= 0.101 } == true, "first value \(first[0]) ms")
        #expect(text.contains("#[Mean"))
        #expect(text.contains("Total count    =        10000"))
        let last = try #require(lines.last { $0.contains("1.000000000000") })
        #expect(Double(last.split(separator: " ")[0]).map { $0 >= 0.998 && $0 <= 1.0 } == true)
    }

    @Test("the progress line rewrites itself and marks the warmup")
    func progress() {
        let p = LoadProgress(elapsed: 3.04, warmingUp: true, responses: 243_100, errors: 2, requestsPerSecond: 81_234)
        let line = ProgressLine.render(p)
        #expect(line.hasPrefix("\r"))
        #expect(line.hasSuffix("\u{1B}[K"))
        #expect(line.contains("3.0s  81.2k req/s  243k done  2 errors  (warmup, not recorded)"))
    }
}
