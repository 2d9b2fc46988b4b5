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
        // 4000 req/s on 2 CPUs: 2000 per vCPU, so 5 vCPUs, priced fractionally.
        #expect(a.vcpus == 5)
        #expect(a.coresPerInstance == 2 && a.instanceCPUs == 2)
        #expect(a.instances == 3)  // whole instances of 2 CPUs, the separate line
        // Memory as sold: at least 2 GB per vCPU (10 GiB), more than the RSS (1 GiB per 2 CPUs, 2.5 GiB).
        #expect(a.memoryGiB == 10)
        #expect(abs(a.monthlyUSD! - (5 * 0.05 + 10 * 0.005) * 730) < 1e-9)
        #expect(abs(a.roundedMonthlyUSD! - (6 * 0.05 + 12 * 0.005) * 730) < 1e-9)
        let perMillion = try #require(a.usdPerMillionRequests)
        #expect(abs(perMillion - a.monthlyUSD! / (10_000 * 3600 * 730) * 1e6) < 1e-12)
        let b = try #require(report.estimate("b"))
        #expect(b.vcpus == 2 && b.instances == 1 && b.memoryGiB == 4)
        #expect(report.assumptions.contains { $0.contains("GB per vCPU") && $0.contains("RSS") })
    }

    /// At the default 10k req/s a contender just under and one just over the rate of one instance used to
    /// cost one and two instances: fractional vCPUs price them within 0.1%.
    @Test func theInstanceBoundaryNoLongerDoublesACost() throws {
        let r = Synthetic.run(
            [withCapacity("under", capacity(9_999, rss: 1 << 28)), withCapacity("over", capacity(10_001, rss: 1 << 28))],
            slo: "p99<=10ms")
        let report = CostModel.estimate(
            r.contenders, results: r, options: CostOptions(targetRPS: 10_000, prices: Synthetic.prices), profileTest: nil)
        let under = try #require(report.estimate("under")?.monthlyUSD)
        let over = try #require(report.estimate("over")?.monthlyUSD)
        #expect(abs(under / over - 1) < 0.001)
        #expect(report.estimate("under")?.instances == 2 && report.estimate("over")?.instances == 1)
        // Memory does not vanish into RSS no provider sells: 256 MiB of RSS is priced as 2 GB per vCPU.
        #expect(abs((report.estimate("over")?.memoryGiB ?? 0) - 2 * 10_000 / 10_001.0) < 1e-9)
    }

    /// Under a CPU budget one instance is the budget: capacity per vCPU is the rate ÷ the budget.
    @Test func aBudgetSetsTheInstanceSize() throws {
        var r = Synthetic.run([withCapacity("a", capacity(3000))], slo: "p99<=10ms")
        r.plan.serverCPUBudget = CPUBudget(cores: 0.5, reason: "test")
        let report = CostModel.estimate(
            r.contenders, results: r, options: CostOptions(targetRPS: 12_000, prices: Synthetic.prices), profileTest: nil)
        let a = try #require(report.estimate("a"))
        #expect(a.instanceCPUs == 0.5)
        #expect(a.vcpus == 2)  // 3000 req/s per half CPU = 6000 per vCPU
        #expect(a.instances == 4)
    }

    /// Without capacity, cost comes from CPU per request, and efficiency is then not scored a second time.
    @Test func costFromCPUSecondsIsNotCountedTwice() throws {
        let r = Synthetic.run([Synthetic.simple("a", language: "zed", perCPU: 2500), Synthetic.simple("b", language: "quux", perCPU: 1000)])
        let v = Synthetic.verdict(r, [.costAtTargetLoad: 1, .throughputPerCore: 1])
        #expect(v.cost.method == .cpuSeconds)
        #expect(v.criteria.first { $0.criterion == .throughputPerCore }?.counted == false)
        #expect(v.notes.contains { $0.contains("throughput per core is not also scored") })
        let alone = Synthetic.verdict(r, [.throughputPerCore: 1])
        #expect(alone.criteria.first { $0.criterion == .throughputPerCore }?.counted == true)
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
            options: CostOptions(targetRPS: 10_000, slo: try SLO(parsing: "p99=5ms"), prices: Synthetic.prices),
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
        let strict = try SLO(parsing: "p99=5ms")
        let report = CostModel.estimate(
            r.contenders, results: r, options: CostOptions(targetRPS: 4000, slo: strict, prices: Synthetic.prices),
            profileTest: nil)
        #expect(report.estimate("a")?.ratePerInstance == 2000)
        #expect(report.estimate("a")?.instances == 2)
        #expect(report.slo == "p99<=5.00ms")
        // Another percentile cannot be read from a p99 search: the run's SLO is used, and said.
        let other = CostModel.estimate(
            r.contenders, results: r,
            options: CostOptions(targetRPS: 4000, slo: try SLO(parsing: "p99.9<=5ms"), prices: Synthetic.prices),
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
        #expect(try SLO(parsing: "p99=10ms") == SLO(percentile: 99, thresholdMicros: 10_000))
        #expect(try SLO(parsing: "p99.9<=250us") == SLO(percentile: 99.9, thresholdMicros: 250))
        #expect(try SLO(parsing: " P50 < 1s ").thresholdMicros == 1_000_000)
        #expect(throws: SLO.ParseError.self) { try SLO(parsing: "99=10ms") }
        #expect(throws: SLO.ParseError.self) { try SLO(parsing: "p99=fast") }
        #expect(throws: SLO.ParseError.self) { try SLO(parsing: "p101=1ms") }
    }

    @Test func userPricesOverrideTheList() {
        let p = Synthetic.prices.overriding(vcpuHour: 0.1, gbHour: nil)
        #expect(p.vcpuHour == 0.1 && p.gbHour == Synthetic.prices.gbHour)
        #expect(p.name.contains("--vcpu-hour"))
        #expect(Synthetic.prices.overriding(vcpuHour: nil, gbHour: nil) == Synthetic.prices)
    }
}
