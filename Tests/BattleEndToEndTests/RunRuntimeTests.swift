import BattleCore
import Foundation
import Testing

extension RunTests {
    /// Every trial keeps its interval series and an interval log under hdr/;
    /// probed levels carry the pause probe, with its own series and log; the
    /// server samples are placed on the load window's clock.
    @Test func trialsKeepTheirSeriesLogsAndPauseProbe() throws {
        let sandbox = try RunHarness.Sandbox()
        defer { sandbox.remove() }
        let out = try RunHarness.run(
            sandbox, contenders: ["fake-ok"],
            arguments: ["--tests", "json", "--duration", "2s", "--probe", "peak"] + RunHarness.quickFlags)
        #expect(out.status == 0, "stderr:\n\(out.stderr)")
        let r = try #require(out.results, "stderr:\n\(out.stderr)")
        #expect(r.plan.intervalSeconds == 1)
        #expect(r.plan.probe == ProbePlan(kinds: [.peak], rate: 500))
        let trial = try #require(r.contender("fake-ok")?.result(for: .json)?.levels.first?.trials.first)
        let series = try #require(trial.load.intervals)
        #expect(series.count == 2, "2 s in 1 s intervals: \(series.count)")
        #expect(series.reduce(0) { $0 + $1.requests } == trial.load.requests)
        let start = try #require(trial.samplesStartSeconds)
        #expect(abs(start) < 1.5, "samples start \(start) s from the window's opening")

        let folder = (sandbox.latestResults as NSString).deletingLastPathComponent
        let log = try #require(trial.hdrLog)
        #expect(log == "hdr/fake-ok-json-c8-t1.hlog")
        let text = try String(contentsOfFile: folder + "/" + log, encoding: .utf8)
        #expect(text.hasPrefix("#[Logged with battle load"))
        #expect(text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.hasPrefix("\"") }.count == 2)

        let probe = try #require(trial.probe, "no pause probe; notes: \(r.notes)")
        // At a closed-loop level the probe opens as many connections as the level (8 here).
        #expect(probe.path == "/plaintext" && probe.connections == 8 && probe.rate == 500)
        #expect(probe.requests > 500, "500/s over 2 s: \(probe.requests)")
        #expect(probe.errors == 0)
        #expect(abs(probe.startSeconds) < 1, "the probe's window opens \(probe.startSeconds) s from the level's")
        #expect(probe.intervals?.count == 2)
        let probeLog = try #require(probe.hdrLog)
        #expect(FileManager.default.fileExists(atPath: folder + "/" + probeLog))
        #expect(out.stdout.contains("runtime behaviour"), "stdout:\n\(out.stdout)")
        RunHarness.expectNothingLeft(sandbox)
    }

    /// `--interval none --probe none` record neither; a runtime knob the
    /// manifest does not declare is refused before anything runs.
    @Test func seriesAndProbeCanBeTurnedOffAndUndeclaredKnobsAreRefused() throws {
        let sandbox = try RunHarness.Sandbox()
        defer { sandbox.remove() }
        let refused = try RunHarness.run(
            sandbox, contenders: ["fake-ok"], arguments: ["--env", "fake-ok:GOGC=200"] + RunHarness.quickFlags)
        #expect(refused.status == ExitStatus.usage.rawValue)
        #expect(
            refused.stderr.contains("--env 'fake-ok:GOGC=200': GOGC is not a runtime knob of fake-ok (it declares none")
        )

        let out = try RunHarness.run(
            sandbox, contenders: ["fake-ok"],
            arguments: ["--tests", "json", "--duration", "1s", "--interval", "none", "--probe", "none"]
                + RunHarness.quickFlags)
        #expect(out.status == 0, "stderr:\n\(out.stderr)")
        let r = try #require(out.results)
        #expect(r.plan.intervalSeconds == nil && r.plan.probe == nil)
        let trial = try #require(r.contender("fake-ok")?.result(for: .json)?.levels.first?.trials.first)
        #expect(trial.load.intervals == nil && trial.hdrLog == nil && trial.probe == nil)
        let folder = (sandbox.latestResults as NSString).deletingLastPathComponent
        #expect(!FileManager.default.fileExists(atPath: folder + "/hdr"))
        RunHarness.expectNothingLeft(sandbox)
    }
}
