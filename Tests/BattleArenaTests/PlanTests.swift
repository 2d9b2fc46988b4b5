import BattleCore
import Testing

@testable import BattleArena

@Suite struct PlanTests {
    @Test func quickPlanLevels() {
        let q = PlanProfile.named(.quick)
        #expect(q.levels(for: .plaintext).map(\.label) == ["c=64", "c=64 p=16"])
        #expect(q.levels(for: .json).map(\.label) == ["c=64"])
        #expect(q.levels(for: .queries).map(\.path) == ["/queries?queries=20"])
        #expect(q.levels(for: .updates).map(\.label) == ["q=5"])
        #expect(q.heapLevel(for: SuiteTest.allCases)?.label == "c=64 heap=128MB")
        #expect(q.heapLevel(for: [.json]) == nil)
        #expect(q.testPlans(for: [.orders, .json]).map(\.test) == [.json, .orders])
    }

    @Test func standardSweepsConcurrencyAndQueries() {
        let s = PlanProfile.named(.standard)
        #expect(s.levels(for: .json).map(\.connections) == [16, 64, 256])
        #expect(s.levels(for: .queries).compactMap(\.queries) == [1, 5, 20])
        #expect(s.levels(for: .plaintext).last?.pipeline == 16)
        #expect(s.heapLevel(for: [.orders])?.liveHeapMB == 512)
        #expect(s.testPlans(for: [.json])[0].warmupConnections == 256)
    }

    @Test func overridesReplaceTheSweeps() {
        let p = PlanProfile.named(.standard).overriding(levelSeconds: 1, warmupSeconds: 0, trials: 1, connections: [8, 4])
        #expect(p.name == "standard+custom")
        #expect(p.levelSeconds == 1 && p.trials == 1 && p.capacityStepSeconds == 1)
        #expect(p.testWarmupSeconds == 0 && p.levelWarmupSeconds == 0)
        #expect(p.levels(for: .json).map(\.connections) == [8, 4])
        #expect(p.levels(for: .queries).allSatisfy { $0.connections == 8 })
        #expect(p.primerConnections == 8)
        #expect(PlanProfile.named(.quick).overriding().name == "quick")
    }

    /// The default battle's measuring phase (three contenders, equal-rate
    /// levels, two capacity searches) is estimated at under seven minutes; the
    /// estimate runs about 30% over the measured time (BENCHMARKS.md), which is
    /// under five minutes on two cores.
    @Test func quickFitsInFiveMinutesForThreeFullContenders() {
        let e = PlanEstimate(profile: .named(.quick))
        let capacity = PlanProfile.defaultCapacityTests
        let total = 3 * e.contender(tests: SuiteTest.allCases, verify: true, capacityTests: capacity)
        #expect(total > 180 && total < 420, "quick plan estimate \(total) s")
        let withoutEqual = 3 * e.contender(tests: SuiteTest.allCases, verify: true, capacityTests: capacity, equalRate: false)
        #expect(total - withoutEqual > 30, "equal-rate levels cost \(total - withoutEqual) s")
        let standard = 3 * PlanEstimate(profile: .named(.standard)).contender(
            tests: SuiteTest.allCases, verify: true, capacityTests: capacity)
        #expect(standard > 15 * 60 && standard < 32 * 60, "standard plan estimate \(standard) s")
    }

    @Test func roundsRotateTheOrder() {
        #expect(RoundOrder.order(count: 3, round: 0) == [0, 1, 2])
        #expect(RoundOrder.order(count: 3, round: 1) == [1, 2, 0])
        #expect(RoundOrder.order(count: 3, round: 2) == [2, 0, 1])
        #expect(RoundOrder.order(count: 3, round: 3) == [0, 1, 2])
        #expect(RoundOrder.order(count: 0, round: 1) == [])
        // Over `count` rounds every contender takes every position once.
        for position in 0..<3 {
            #expect(Set((0..<3).map { RoundOrder.order(count: 3, round: $0)[position] }) == [0, 1, 2])
        }
    }

    @Test func loadRequestArguments() {
        var r = LoadRequest(url: "http://127.0.0.1:8080/json", connections: 64, durationSeconds: 1.5, warmupSeconds: 0.25)
        #expect(r.arguments == ["load", "--json", "--no-progress", "-c", "64", "-d", "1500ms", "--warmup", "250ms", "http://127.0.0.1:8080/json"])
        r.pipeline = 16
        r.rate = 5000.4
        r.targetsFile = "/tmp/t.toml"
        #expect(Array(r.arguments.suffix(6)) == ["--pipeline", "16", "-R", "5000", "--targets", "/tmp/t.toml"])
        #expect(r.deadlineSeconds > 1.75)
    }

    @Test func levelLabels() {
        #expect(LevelSpec(test: .json, connections: 64).label == "c=64")
        #expect(LevelSpec(test: .plaintext, connections: 256, pipeline: 16).label == "c=256 p=16")
        #expect(LevelSpec(test: .queries, connections: 64, queries: 20).label == "q=20")
        #expect(LevelSpec(test: .orders, connections: 64, liveHeapMB: 512).label == "c=64 heap=512MB")
        #expect(LevelSpec(test: .json, connections: 64, rate: 4999.6).label == "rate=5000/s")
        #expect(LevelSpec(test: .orders, connections: 64, liveHeapMB: 512).emptyResult().liveHeapMB == 512)
        #expect(LevelSpec(test: .json, connections: 64).emptyResult().liveHeapMB == nil)
    }
}
