import BattleArena
import BattleCore
import Foundation
import Testing

/// The CPU budget's pieces: the cgroup, cpu.stat, the contender's argv, the
/// runtime line, and how older results read.
struct CPUBudgetTests {
    @Test func cpuStatParsesBothCgroupVersions() throws {
        let v1 = "nr_periods 1200\nnr_throttled 300\nthrottled_time 750000000\nnr_bursts 0\n"
        let a = try #require(Throttling.parse(cpuStat: v1))
        #expect(a == Throttling(periods: 1200, throttledPeriods: 300, throttledSeconds: 0.75))
        let v2 = "usage_usec 10\nuser_usec 5\nsystem_usec 5\nnr_periods 40\nnr_throttled 4\nthrottled_usec 2500\n"
        let b = try #require(Throttling.parse(cpuStat: v2))
        #expect(b == Throttling(periods: 40, throttledPeriods: 4, throttledSeconds: 0.0025))
        #expect(Throttling.parse(cpuStat: "usage_usec 10\n") == nil)
        #expect(
            a.since(Throttling(periods: 200, throttledPeriods: 100, throttledSeconds: 0.25))
                == Throttling(periods: 1000, throttledPeriods: 200, throttledSeconds: 0.5))
    }

    @Test func theContenderJoinsItsCgroupBeforeItsCommandRuns() {
        let plain = ContenderServer.argv(command: "bin/server --port 1", cpus: CPUSet([0]))
        #expect(plain == ["taskset", "-c", "0", "/bin/sh", "-c", "exec bin/server --port 1"])
        let capped = ContenderServer.argv(command: "bin/server", cpus: CPUSet([0]), cgroupProcs: "/cg/x/cgroup.procs")
        #expect(capped.prefix(5) == ["taskset", "-c", "0", "/bin/sh", "-c"])
        let script = capped[5]
        #expect(script.hasPrefix("echo $$ > '/cg/x/cgroup.procs' || {"))
        #expect(script.hasSuffix("; exec bin/server"))
        #expect(script.contains("exit 125"))
    }

    @Test func runtimeLinesAreReadFromTheServerOutput() {
        let log = """
            listening on 127.0.0.1:8080
            battle-runtime: GOMAXPROCS=1 NumCPU=1
            something else
            battle-runtime: GOMAXPROCS=2 gc=default
            """
        #expect(RuntimeRecord.parseReported(log) == ["GOMAXPROCS": "2", "NumCPU": "1", "gc": "default"])
        #expect(RuntimeRecord.parseReported("no such line").isEmpty)
    }

    @Test func budgetQuotaAndDescription() {
        let b = CPUBudget(cores: 0.5, periodMicros: 5_000, reason: "test")
        #expect(b.quotaMicros == 2_500)
        #expect(b.description == "0.50 CPU (quota 2.50ms per 5.00ms)")
        #expect(CPUBudget(cores: 2, periodMicros: 10_000, reason: "").quotaMicros == 20_000)
        // Under the kernel's 1 ms minimum quota the period grows instead.
        #expect(b.quota(0.125) == (quotaMicros: 1_000, periodMicros: 8_000))
        #expect(b.quota(0.25) == (quotaMicros: 1_250, periodMicros: 5_000))
    }

    /// Files written before levels recorded their kind read with the kind inferred.
    @Test func levelsWithoutAKindReadWithOneInferred() throws {
        func decode(_ extra: String) throws -> LevelResult {
            let json = """
                {"label": "x", "connections": 64, "pipeline": 1, "trials": [], \(extra)
                 "summary": {"trials": 0, "requestsPerSecond": {"median": 0, "min": 0, "max": 0, "relativeMAD": 0, "count": 0},
                  "p50Micros": {"median": 0, "min": 0, "max": 0, "relativeMAD": 0, "count": 0},
                  "p99Micros": {"median": 0, "min": 0, "max": 0, "relativeMAD": 0, "count": 0},
                  "p999Micros": {"median": 0, "min": 0, "max": 0, "relativeMAD": 0, "count": 0},
                  "maxMicros": {"median": 0, "min": 0, "max": 0, "relativeMAD": 0, "count": 0},
                  "errors": 0, "non2xx": 0, "clientBoundTrials": 0}}
                """
            return try ResultsCoding.decoder().decode(LevelResult.self, from: Data(json.utf8))
        }
        #expect(try decode("").kind == .peak)
        #expect(try decode("\"liveHeapMB\": 128,").kind == .largeHeap)
        #expect(try decode("\"rate\": 500,").kind == .equalRate)
        #expect(try decode("\"rate\": 500, \"kind\": \"capacityStep\",").kind == .capacityStep)
    }

    /// As root (CI, the reference machine): a real cgroup with the quota, removed afterwards.
    @Test(.enabled(if: getuid() == 0, "creating cgroups needs root"))
    func cgroupIsCreatedWithTheQuotaAndRemoved() throws {
        let budget = CPUBudget(cores: 0.25, periodMicros: 4_000, reason: "test")
        let group = try CPUCgroup.create(name: "unit-test", budget: budget)
        #expect(FileManager.default.fileExists(atPath: group.procsFile))
        if group.version == 1 {
            let quota = try String(contentsOfFile: group.path + "/cpu.cfs_quota_us", encoding: .utf8)
            let period = try String(contentsOfFile: group.path + "/cpu.cfs_period_us", encoding: .utf8)
            #expect(quota.trimmingCharacters(in: .whitespacesAndNewlines) == "1000")
            #expect(period.trimmingCharacters(in: .whitespacesAndNewlines) == "4000")
        } else {
            let max = try String(contentsOfFile: group.path + "/cpu.max", encoding: .utf8)
            #expect(max.trimmingCharacters(in: .whitespacesAndNewlines) == "1000 4000")
        }
        // A test with a budget of its own changes the quota live.
        #expect(group.setQuota(budget.quota(0.5)))
        let file = group.version == 1 ? "/cpu.cfs_quota_us" : "/cpu.max"
        let now = try String(contentsOfFile: group.path + file, encoding: .utf8)
        #expect(now.hasPrefix("2000"), "\(now)")
        #expect(group.pids().isEmpty)
        #expect(group.throttling() != nil)
        #expect(group.killRemainingAndRemove() == 0)
        #expect(!FileManager.default.fileExists(atPath: group.path))
    }
}
