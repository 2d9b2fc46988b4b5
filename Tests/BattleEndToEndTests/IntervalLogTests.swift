import BattleCore
import Foundation
import Testing

/// `battle load --interval/--hdr-log`: the interval log is read back by an
/// independent implementation, Python's `hdrhistogram` package (installed by
/// scripts/bootstrap into `$BATTLE_TOOLS/py-venv`, default `.tools/py-venv`),
/// and agrees with battle's own `--json` figures.
@Suite("battle load interval logs (end to end)", .serialized)
struct IntervalLogTests {
    static var python: String {
        let tools = ProcessInfo.processInfo.environment["BATTLE_TOOLS"] ?? ReportE2E.repo + "/.tools"
        return tools + "/py-venv/bin/python"
    }

    struct PythonReading: Decodable {
        struct Interval: Decodable {
            let start: Double
            let length: Double
            let count: Int
            let max: UInt64
        }
        let intervals: [Interval]
        let count: Int
        let percentiles: [String: Double]
    }

    /// What Python's HistogramLogReader makes of `log`.
    func readWithPython(_ log: String) throws -> PythonReading {
        // Missing, the package must fail this test, not skip it.
        try #require(
            FileManager.default.isExecutableFile(atPath: Self.python),
            "no Python venv with hdrhistogram at \(Self.python): run scripts/bootstrap (it installs it there)")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.python)
        p.arguments = [ReportE2E.repo + "/Tests/Fixtures/histograms/read-hdr-log.py", log]
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        try #require(
            p.terminationStatus == 0,
            "read-hdr-log.py failed (is hdrhistogram installed in \(Self.python)? run scripts/bootstrap): \(errors)")
        return try JSONDecoder().decode(PythonReading.self, from: data)
    }

    /// Same value within the histogram's precision (3 significant digits).
    func equivalent(_ a: Double, _ b: Double) -> Bool {
        abs(a - b) <= max(a, b) / 1000 + 1
    }

    @Test("Python's HistogramLogReader reads --hdr-log back: same counts, intervals and percentiles")
    func pythonReadsTheLog() throws {
        let server = try LoopbackHTTPServer(status: 200)
        defer { server.stop() }
        let base = NSTemporaryDirectory() + "battle-hlog-\(UUID().uuidString.prefix(8))"
        defer {
            try? FileManager.default.removeItem(atPath: base + ".hlog")
            try? FileManager.default.removeItem(atPath: base + ".uncorrected.hlog")
        }
        let r = try ReportE2E.battle([
            "load", server.url + "/", "-R", "1500", "-d", "2s", "-c", "8", "--interval", "200ms", "--json",
            "--no-progress", "--hdr-log", base + ".hlog", "--hdr-log-uncorrected", base + ".uncorrected.hlog",
        ])
        #expect(r.status == ExitStatus.ok.rawValue, "\(r.stderr)")
        let summary = try ResultsCoding.decoder().decode(LoadSummary.self, from: Data(r.stdout.utf8))
        let series = try #require(summary.intervals)
        #expect(summary.config.intervalSeconds == 0.2)
        #expect(series.count == 10, "2 s in intervals of 200 ms")

        let text = try String(contentsOfFile: base + ".hlog", encoding: .utf8)
        #expect(text.contains("#[StartTime: "))
        #expect(text.contains(HistogramLog.legend))

        let python = try readWithPython(base + ".hlog")
        #expect(python.count == summary.requests)
        #expect(python.intervals.map(\.count) == series.map(\.requests))
        for (p, i) in zip(python.intervals, series) {
            #expect(abs(p.start - i.startSeconds) < 0.0015, "interval start \(p.start) s vs \(i.startSeconds) s")
            #expect(equivalent(Double(p.max), i.maxMicros), "interval at \(i.startSeconds) s: max")
            #expect(abs(p.length - i.seconds) < 0.0015)
        }
        for (key, p) in [("50", 50.0), ("90", 90), ("99", 99), ("99.9", 99.9)] {
            let ours = try #require(summary.latency.micros(at: p))
            let theirs = try #require(python.percentiles[key])
            #expect(equivalent(ours, theirs), "p\(key): battle \(ours) us, Python \(theirs) us")
        }
        #expect(equivalent(summary.latency.maxMicros, try #require(python.percentiles["100"])))

        // The uncorrected log holds the same responses, measured from the actual send.
        let uncorrected = try readWithPython(base + ".uncorrected.hlog")
        #expect(uncorrected.count == summary.requests)
        let p99 = try #require(summary.uncorrectedLatency?.p99)
        #expect(equivalent(p99, try #require(uncorrected.percentiles["99"])))
    }

    @Test("--interval below 100ms and --hdr-log-uncorrected without -R are refused, naming the flag")
    func refusals() throws {
        let short = try ReportE2E.battle(["load", "http://127.0.0.1:9/", "--interval", "50ms"])
        #expect(short.status == ExitStatus.usage.rawValue)
        #expect(short.stderr.contains("--interval must be at least 100ms"), "\(short.stderr)")
        let closed = try ReportE2E.battle(["load", "http://127.0.0.1:9/", "--hdr-log-uncorrected", "/tmp/x.hlog"])
        #expect(closed.status == ExitStatus.usage.rawValue)
        #expect(closed.stderr.contains("--hdr-log-uncorrected needs -R/--rate"), "\(closed.stderr)")
        let folder = try ReportE2E.battle([
            "load", "http://127.0.0.1:9/", "--hdr-log", "/nonexistent-folder/x.hlog",
        ])
        #expect(folder.status == ExitStatus.failure.rawValue)
        #expect(
            folder.stderr.contains("--hdr-log /nonexistent-folder/x.hlog: cannot create the file"), "\(folder.stderr)")
    }
}
