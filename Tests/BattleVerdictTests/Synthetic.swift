import BattleCore
import Foundation

@testable import BattleVerdict

/// Made-up results for tests: languages, figures and numbers that belong to no real contender.
enum Synthetic {
    static let start = Date(timeIntervalSince1970: 1_790_000_000)  // 2026-09-21

    static func trial(rps: Double, perCPU: Double?, p99: Double, rss: Int?, seconds: Double = 10) -> TrialResult {
        let n = Int(rps * seconds)
        let latency = LatencySummary(
            count: n, minMicros: 10, meanMicros: p99 / 3, stdevMicros: 1, maxMicros: p99 * 2,
            percentiles: [
                PercentileValue(percentile: 50, micros: p99 / 4), PercentileValue(percentile: 99, micros: p99),
            ])
        let load = LoadSummary(
            config: LoadConfigRecord(
                targets: ["http://127.0.0.1:1/x"], connections: 64, threads: 1, pipeline: 1, durationSeconds: seconds,
                requestLimit: nil, warmupSeconds: 1, timeoutSeconds: 5, rate: nil),
            startedAt: start, durationSeconds: seconds, requests: n, requestsPerSecond: rps, bytesRead: n * 100,
            statusCodes: ["200": n], errors: ErrorCounts(), reconnects: 0, latency: latency, endpoints: [])
        let server = perCPU.map { per in
            ResourceUsage(
                cpuSeconds: Double(n) / per, cpuCores: rps / per, peakRSSBytes: rss ?? 0, steadyRSSBytes: rss ?? 0,
                maxThreads: 4, samples: [])
        }
        return TrialResult(trial: 1, load: load, server: server, clientBound: false)
    }

    static func level(
        _ label: String = "c=64", rate: Double? = nil, rps: Double, perCPU: Double?, p99: Double, rss: Int? = 50 << 20
    ) -> LevelResult {
        LevelResult(
            label: label, connections: 64, rate: rate, trials: [trial(rps: rps, perCPU: perCPU, p99: p99, rss: rss)])
    }

    static func contender(
        _ name: String, language: String, status: ContenderStatus = .ok, failure: String? = nil,
        tests: [TestResult] = [], capacity: [CapacityResult] = [], build: BuildRecord? = nil,
        startup: StartupRecord? = nil,
        approach: String = "realistic"
    ) -> ContenderResult {
        ContenderResult(
            name: name, displayName: name.capitalized, language: language, framework: "fw-\(name)", approach: approach,
            status: status, failure: failure, build: build, startup: startup, tests: tests, capacity: capacity)
    }

    /// A contender measured on one test with the given efficiency, latency and memory.
    static func simple(
        _ name: String, language: String, perCPU: Double, p99: Double = 1000, rss: Int = 50 << 20,
        test: SuiteTest = .db, build: BuildRecord? = nil, startup: StartupRecord? = nil
    ) -> ContenderResult {
        contender(
            name, language: language,
            tests: [TestResult(test: test, levels: [level(rps: perCPU, perCPU: perCPU, p99: p99, rss: rss)])],
            build: build, startup: startup)
    }

    static func run(_ contenders: [ContenderResult], slo: String? = nil, serverCPUs: String = "0") -> RunResults {
        RunResults(
            id: "20260921-000000", startedAt: start, status: .complete,
            environment: EnvironmentRecord(
                hostname: "test", os: "Linux", kernel: "6", cpuModel: "test cpu", logicalCPUs: 2, memoryBytes: 1 << 34),
            plan: PlanRecord(
                name: "quick", tests: [.db], trials: 1, levelSeconds: 10, warmupSeconds: 1, primerSeconds: 1,
                placement: CPUPlacementRecord(server: serverCPUs, client: "1", database: "1"), slo: slo),
            contenders: contenders)
    }

    /// A dataset about made-up languages: `zed` has the bigger hiring pool, `quux` the smaller,
    /// `blub` has no figures at all.
    static let datasetText = """
        format = "battle-ecosystem/1"
        title = "test figures"
        caveats = ["Made up for tests."]

        [metric.pool]
        label = "people who use it"
        unit = "%"
        criterion = "hiring-pool"

        [metric.age]
        label = "years stable"
        unit = "years"
        criterion = "ecosystem-maturity"

        [metric.trivia]
        label = "not scored"

        [figure.zed.pool]
        value = 30
        year = "2030"
        source = "Zed census"
        tag = "P"

        [figure.quux.pool]
        value = 10
        year = "2031"
        source = "Quux poll"
        tag = "S"

        [figure.zed.age]
        since = "2016-09-21"
        year = "2016"
        source = "Zed 1.0 notes"
        tag = "P"

        [figure.quux.age]
        since = "2021-09-21"
        year = "2021"
        source = "Quux 1.0 notes"
        tag = "P"

        [figure.zed.trivia]
        text = "a fact"
        year = "2030"
        source = "somewhere"
        tag = "S"
        """

    static var dataset: EcosystemDataset { try! EcosystemDataset.parse(datasetText, file: "test.toml") }

    static let prices = PriceList(
        name: "test prices", source: "tests", date: "2030-01", tag: .primary, vcpuHour: 0.05, gbHour: 0.005)

    static func profile(_ weights: [Criterion: Double], tests: [SuiteTest]? = nil) -> TeamProfile {
        TeamProfile(id: "test", name: "Test", summary: "for tests", weights: weights, tests: tests)
    }

    static func verdict(
        _ results: RunResults, _ weights: [Criterion: Double], dataset: EcosystemDataset = Synthetic.dataset,
        cost: CostOptions = CostOptions(prices: Synthetic.prices), resamples: Int = Uncertainty.defaultResamples
    ) -> Verdict {
        VerdictBuilder.build(results, dataset: dataset, profile: profile(weights), cost: cost, resamples: resamples)
    }
}
