import BattleCore
import Testing

@testable import BattleVerdict

@Suite struct CostModelTests {
    func capacity(
        _ rate: Double, slo: String = "p99<=10ms", rss: Int = 1 << 30, steps: [CapacityStep] = []
    ) -> CapacityResult {
        CapacityResult(
            test: .db, slo: slo, sustainedRate: rate, latencyMicrosAtRate: 8000, cpuCoresAtRate: 1,
            peakRSSBytesAtRate: rss,
            steps: steps)
    }

    func withCapacity(_ name: String, _ cap: CapacityResult) -> ContenderResult {
        var c = Synthetic.simple(name, language: "zed", perCPU: 1000)
        c.capacity = [cap]
        return c
    }

    @Test func capacityGivesInstancesCoresMemoryAndMonthlyCost() throws {
        let r = Synthetic.run(
            [withCapacity("a", capacity(4000)), withCapacity("b", capacity(10_000, rss: 1 << 29))], slo: "p99<=10ms",
            serverCPUs: "0-1")
        let report = CostModel.estimate(
            r.contenders, results: r, options: CostOptions(targetRPS: 10_000, prices: Synthetic.prices),
            profileTest: nil)
        #expect(report.method == .capacity)
        #expect(report.test == .db)
        let a = try #require(report.estimate("a"))
        #expect(a.instances == 3)  // ceil(10000 / 4000)
        #expect(a.coresPerInstance == 2)
        #expect(a.vcpus == 6)
        #expect(a.memoryGiB == 3)
        // (6 vCPU × 0.05 + 3 GiB × 0.005) × 730
        #expect(abs(a.monthlyUSD! - (6 * 0.05 + 3 * 0.005) * 730) < 1e-9)
        let b = try #require(report.estimate("b"))
        #expect(b.instances == 1 && b.memoryGiB == 0.5)
        #expect(report.assumptions.contains { $0.contains("peak RSS") && $0.contains("times the instances") })
    }

    @Test func withoutCapacityItUsesCPUSecondsAndSaysSo() throws {
        let r = Synthetic.run([Synthetic.simple("a", language: "zed", perCPU: 2500), withCapacity("b", capacity(100))])
        let report = CostModel.estimate(
            r.contenders, results: r, options: CostOptions(targetRPS: 10_000, prices: Synthetic.prices),
            profileTest: nil)
        #expect(report.method == .cpuSeconds)  // one method for all, since a has no capacity
        #expect(report.slo == nil)
        #expect(report.estimate("a")?.vcpus == 4)
        #expect(report.estimate("b")?.vcpus == 10)
        #expect(report.assumptions.contains { $0.contains("ignores latency") })
        #expect(report.estimate("a")!.basis.contains("no capacity measured"))
        let asked = CostModel.estimate(
            r.contenders, results: r,
            options: CostOptions(targetRPS: 10_000, slo: try LatencySLO.parse("p99=5ms"), prices: Synthetic.prices),
            profileTest: nil)
        #expect(asked.assumptions.contains { $0.contains("Your SLO (p99<=5.00ms) could not be applied") })
    }

    @Test func aStricterSLOIsReadFromTheSearchSteps() throws {
        let steps = [
            CapacityStep(rate: 1000, latencyMicros: 2000, errorRate: 0, met: true),
            CapacityStep(rate: 2000, latencyMicros: 4000, errorRate: 0, met: true),
            CapacityStep(rate: 4000, latencyMicros: 9000, errorRate: 0, met: true),
            CapacityStep(rate: 8000, latencyMicros: 30000, errorRate: 0, met: false),
        ]
        let r = Synthetic.run([withCapacity("a", capacity(4000, steps: steps))], slo: "p99<=10ms")
        let strict = try LatencySLO.parse("p99=5ms")
        let report = CostModel.estimate(
            r.contenders, results: r, options: CostOptions(targetRPS: 4000, slo: strict, prices: Synthetic.prices),
            profileTest: nil)
        #expect(report.estimate("a")?.ratePerInstance == 2000)
        #expect(report.estimate("a")?.instances == 2)
        #expect(report.slo == "p99<=5.00ms")
        // Another percentile cannot be read from a p99 search: the run's SLO is used, and said.
        let other = CostModel.estimate(
            r.contenders, results: r,
            options: CostOptions(targetRPS: 4000, slo: try LatencySLO.parse("p99.9<=5ms"), prices: Synthetic.prices),
            profileTest: nil)
        #expect(other.estimate("a")?.ratePerInstance == 4000)
        #expect(other.estimate("a")!.basis.contains("cannot be read"))
    }

    @Test func neverMeetingTheSLOScoresZeroOnCost() throws {
        let r = Synthetic.run([withCapacity("a", capacity(0)), withCapacity("b", capacity(1000))], slo: "p99<=10ms")
        let v = Synthetic.verdict(r, [.costAtTargetLoad: 1])
        let cost = try #require(v.criteria.first { $0.criterion == .costAtTargetLoad })
        #expect(cost.scores["a"] == 0 && cost.scores["b"] == 1)
        #expect(v.cost.estimate("a")?.method == .sloNeverMet)
        #expect(cost.components[0].display("a") == "SLO not met")
    }

    @Test func costTestPreferenceAndExplicitChoice() {
        let json = Synthetic.simple("a", language: "zed", perCPU: 10, test: .json)
        #expect(CostModel.pickTest([json], explicit: nil) == .json)
        #expect(CostModel.pickTest([json], explicit: .orders) == .orders)
        let db = Synthetic.simple("b", language: "zed", perCPU: 10, test: .db)
        #expect(CostModel.pickTest([json, db], explicit: nil) == .db)  // no test both measured: the first any did
        #expect(CostModel.pickTest([], explicit: nil) == nil)
    }

    @Test func cpuListsAndSLOs() throws {
        #expect(CostModel.cpuCount("0") == 1)
        #expect(CostModel.cpuCount("1-3") == 3)
        #expect(CostModel.cpuCount("0,2,4-5") == 4)
        #expect(try LatencySLO.parse("p99=10ms") == LatencySLO(percentile: 99, thresholdMicros: 10_000))
        #expect(try LatencySLO.parse("p99.9<=250us") == LatencySLO(percentile: 99.9, thresholdMicros: 250))
        #expect(try LatencySLO.parse(" P50 < 1s ").thresholdMicros == 1_000_000)
        #expect(throws: LatencySLO.Failure.self) { try LatencySLO.parse("99=10ms") }
        #expect(throws: LatencySLO.Failure.self) { try LatencySLO.parse("p99=fast") }
        #expect(throws: LatencySLO.Failure.self) { try LatencySLO.parse("p101=1ms") }
    }

    @Test func userPricesOverrideTheList() {
        let p = Synthetic.prices.overriding(vcpuHour: 0.1, gbHour: nil)
        #expect(p.vcpuHour == 0.1 && p.gbHour == Synthetic.prices.gbHour)
        #expect(p.name.contains("--vcpu-hour"))
        #expect(Synthetic.prices.overriding(vcpuHour: nil, gbHour: nil) == Synthetic.prices)
    }
}
