import BattleCore
import Foundation
import Testing

extension RunTests {
    /// `--server-cpu-limit 0.25`: a contender that spins a CPU (a busy child
    /// beside its server) gets a quarter of a CPU per second of wall time, by
    /// /proc, and the results and the report say so.
    @Test(.enabled(if: getuid() == 0, "the CPU budget needs root to create a cgroup"))
    func cpuBudgetHoldsABusyContender() throws {
        let sandbox = try RunHarness.Sandbox()
        defer { sandbox.remove() }
        let before = Self.battleCgroups("fake-busy")
        let flags = RunHarness.quickFlags + ["--server-cpu-limit", "0.25", "--server-cpu-period", "10ms"]
        let out = try RunHarness.run(
            sandbox, contenders: ["fake-busy"],
            arguments: ["--no-verify", "--duration", "3s", "--tests", "plaintext"] + flags)
        #expect(out.status == ExitStatus.ok.rawValue, "stderr:\n\(out.stderr)")
        let r = try #require(out.results, "no readable results.json; stderr:\n\(out.stderr)")
        let budget = try #require(r.plan.serverCPUBudget)
        #expect(budget.cores == 0.25 && budget.periodMicros == 10_000 && budget.reason == "--server-cpu-limit")
        let c = try #require(r.contender("fake-busy"))
        let trial = try #require(c.result(for: .plaintext)?.levels.first?.trials.first)
        let usage = try #require(trial.server, "the server was not sampled")
        #expect(
            abs(usage.cpuCores - 0.25) <= 0.05, "the busy contender used \(usage.cpuCores) CPUs under a 0.25 budget")
        let throttled = try #require(trial.throttling, "no cpu.stat figures")
        #expect(
            throttled.throttledPeriods > throttled.periods / 2,
            "throttled in \(throttled.throttledPeriods) of \(throttled.periods) periods")
        #expect(c.runtime?.cpuLimitCores == 0.25)
        #expect((c.runtime?.idleThreads ?? 0) >= 1)
        // The figure is reported: the trial's line and every report's header.
        #expect(
            out.stderr.contains("server CPU 0.2") || out.stderr.contains("server CPU 0.3"), "stderr:\n\(out.stderr)")
        #expect(out.stderr.contains("CPU budget: every contender runs under 0.25 CPU (quota 2.50ms per 10.0ms)"))
        #expect(out.stdout.contains("CPU budget: 0.25 CPU"))
        let md = try String(contentsOfFile: sandbox.root + "/results/latest/report.md", encoding: .utf8)
        #expect(md.contains("CPU budget: 0.25 CPU (quota 2.50ms per 10.0ms) per contender"))
        #expect(
            Self.battleCgroups("fake-busy").subtracting(before).isEmpty,
            "cgroups left: \(Self.battleCgroups("fake-busy").subtracting(before))")
        RunHarness.expectNothingLeft(sandbox)
    }

    /// Without a budget battle still holds each contender in a cgroup: a
    /// grandchild that starts its own session and ignores SIGTERM is found and
    /// stopped there, so nothing outlives the run.
    @Test(.enabled(if: getuid() == 0, "tracking contenders in a cgroup needs root"))
    func aProcessThatLeavesTheGroupIsStillStopped() throws {
        let sandbox = try RunHarness.Sandbox()
        defer { sandbox.remove() }
        let before = Self.battleCgroups("fake-escape")
        let out = try RunHarness.run(
            sandbox, contenders: ["fake-escape"],
            arguments: ["--no-verify", "--duration", "1s", "--tests", "plaintext"] + RunHarness.quickFlags)
        #expect(out.status == ExitStatus.ok.rawValue, "stderr:\n\(out.stderr)")
        let escaped = ((try? FileManager.default.contentsOfDirectory(atPath: sandbox.pids)) ?? []).filter { file in
            (try? String(contentsOfFile: sandbox.pids + "/" + file, encoding: .utf8)) == "escaped"
        }
        #expect(escaped.count >= 1, "the fake did not start its escaping grandchild")
        let notes = out.results?.notes ?? []
        #expect(notes.contains { $0.contains("fake-escape left processes running") }, "notes: \(notes)")
        #expect(
            Self.battleCgroups("fake-escape").subtracting(before).isEmpty,
            "cgroups left: \(Self.battleCgroups("fake-escape").subtracting(before))")
        RunHarness.expectNothingLeft(sandbox)
    }

    /// Two contenders get one equal rate per test (half of the slower's peak,
    /// or `--rate`), run open loop, recorded with their kind.
    @Test func equalRateLevelsOfferEveryContenderOneRate() throws {
        let sandbox = try RunHarness.Sandbox()
        defer { sandbox.remove() }
        let base = ["--no-verify", "--duration", "1s", "--tests", "plaintext,json", "--trials", "1", "--warmup", "0"]
        let flags = ["--connections", "8", "--slo", "none", "--server-cpu-limit", "none", "--rate", "json=300"]
        let out = try RunHarness.run(sandbox, contenders: ["fake-ok", "fake-ok-two"], arguments: base + flags)
        #expect(out.status == ExitStatus.ok.rawValue, "stderr:\n\(out.stderr)")
        let r = try #require(out.results, "no readable results.json; stderr:\n\(out.stderr)")
        let rates = try #require(r.plan.equalRates)
        #expect(rates.map(\.test) == [.plaintext, .json])
        let json = try #require(rates.first { $0.test == .json })
        #expect(json.rate == 300 && json.basis == "--rate")
        let plaintext = try #require(rates.first { $0.test == .plaintext })
        // The basis is the peak without pipelining (the equal-rate level does not pipeline).
        let peaks = r.contenders.compactMap { c in
            c.result(for: .plaintext)?.levels(.peak).first { $0.pipeline == 1 }?.summary.requestsPerSecond.median
        }
        #expect(peaks.count == 2)
        let half = (peaks.min() ?? 0) / 2
        #expect(plaintext.rate <= half && plaintext.rate >= half * 0.9, "\(plaintext) from peaks \(peaks)")
        for c in r.contenders {
            for rate in rates {
                let levels = c.result(for: rate.test)?.levels(.equalRate) ?? []
                #expect(
                    levels.count == 1 && levels.first?.rate == rate.rate,
                    "\(c.name) \(rate.test.rawValue): \(levels.map(\.label))")
                let trial = try #require(levels.first?.trials.first)
                #expect(trial.load.config.mode == .open && trial.load.config.rate == rate.rate)
                #expect(trial.load.uncorrectedLatency != nil && trial.load.schedule != nil)
                #expect(levels.first?.summary.uncorrectedP99Micros != nil)
            }
            #expect(c.capacity.isEmpty)
        }
        #expect(out.stdout.contains("at equal rate"))
        #expect(out.stderr.contains("equal rate: json at 300 req/s for every contender (--rate)"))
        RunHarness.expectNothingLeft(sandbox)
    }

    /// A budget given with --server-cpu-limit larger than the server's CPUs is a flag error.
    @Test func aBudgetAboveTheServersCPUsIsABadFlag() throws {
        let sandbox = try RunHarness.Sandbox()
        defer { sandbox.remove() }
        let out = try RunHarness.run(
            sandbox, contenders: ["fake-ok"], arguments: ["--server-cpus", "0", "--server-cpu-limit", "3"], timeout: 30)
        #expect(out.status == ExitStatus.usage.rawValue)
        #expect(out.stderr.contains("--server-cpu-limit 3: the server has only 1 CPU"), "stderr:\n\(out.stderr)")
        let bad = try RunHarness.run(
            sandbox, contenders: ["fake-ok"], arguments: ["--server-cpu-limit", "half"], timeout: 30)
        #expect(bad.status == ExitStatus.usage.rawValue)
        #expect(
            bad.stderr.contains(
                "The value 'half' is invalid for '--server-cpu-limit <server-cpu-limit>': write CPUs of time per second"),
            "stderr:\n\(bad.stderr)")
    }

    /// battle's cgroups for `contender` (named battle-PID-CONTENDER) under the
    /// v1 cpu controller (or v2 root) still present. Only this test's
    /// contender counts: another battle on the shared machine (a real run
    /// beside the tests) has cgroups of its own that come and go.
    static func battleCgroups(_ contender: String) -> Set<String> {
        Set(
            ["/sys/fs/cgroup/cpu", "/sys/fs/cgroup", "/sys/fs/cgroup/unified"].flatMap { root in
                ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).filter {
                    $0.hasPrefix("battle-") && $0.hasSuffix("-" + contender)
                }
                .map {
                    root + "/" + $0
                }
            })
    }
}
