import BattleCore

/// A named plan: how long, how often and at which levels each test runs.
/// `quick` fits the whole default battle (three contenders: peak levels,
/// equal-rate levels and two capacity searches) in about five minutes on two
/// cores, builds excluded; `standard` in about twenty;
/// `full` is for a machine left alone for an hour or two.
public struct PlanProfile: Sendable, Equatable {
    public enum Name: String, Sendable, CaseIterable { case quick, standard, full }

    public var name: String
    /// Rounds: every level runs once per round, each round in a rotated contender order.
    public var trials: Int
    /// Measured seconds of one trial of one level.
    public var levelSeconds: Double
    /// The load generator's own warm-up before each measured trial (connections open, caches warm).
    public var levelWarmupSeconds: Double
    /// Load at the test's highest concurrency before its levels, in every session (discarded).
    public var testWarmupSeconds: Double
    /// A short low-concurrency run of each test in the first session (discarded):
    /// it shows a broken endpoint before the measured levels do.
    public var primerSeconds: Double
    public var primerConnections: Int = 8
    /// Connection sweep for plaintext, json and orders.
    public var concurrency: [Int]
    /// Connections for db and fortunes.
    public var databaseConcurrency: [Int]
    /// `queries=N` values for /queries and /updates, at `queryConnections`.
    public var queryCounts: [Int]
    public var updateCounts: [Int]
    public var queryConnections: Int
    /// Plaintext with HTTP pipelining at these connections (depth `pipelineDepth`).
    public var pipelinedConnections: [Int]
    public var pipelineDepth: Int = 16
    /// BATTLE_LIVE_HEAP_MB for the large-heap /orders level, and its connections.
    public var liveHeapMB: Int
    public var heapConnections: Int
    /// Measured seconds of the large-heap level when longer than `levelSeconds`:
    /// long enough for several collection cycles (nil: `levelSeconds`).
    public var heapLevelSeconds: Double? = nil
    /// Capacity search: seconds per rate tried, most rates tried, open-loop connections.
    public var capacityStepSeconds: Double
    public var capacityMaxSteps: Int
    public var capacityConnections: Int
    /// Open-loop connections of the equal-rate levels.
    public var equalRateConnections: Int = 64
    /// A data suite's tests' closed-loop levels (`[tests.X.plan] connections`), by test.
    public var suiteConnections: [SuiteTest: [Int]] = [:]
    /// The default equal rate of a test: this share of the slowest healthy
    /// contender's best peak throughput on it, so that every contender is
    /// loaded and none is overloaded.
    public var equalRateFraction: Double = 0.5
    /// The capacity search starts at this share of the contender's best peak
    /// throughput (measured at the same CPU budget) and grows by `capacityGrowth`.
    public var capacityStartFraction: Double = 0.8
    public var capacityGrowth: Double = 1.25

    /// The SLO capacity is searched under when `--slo` is not given.
    public static let defaultSLO = SLO(percentile: 99, thresholdMicros: 10_000)
    /// The tests whose capacity is searched by default: one CPU-bound, one database-bound.
    public static let defaultCapacityTests: [SuiteTest] = [.json, .db]

    public static func named(_ n: Name) -> PlanProfile {
        switch n {
        case .quick:
            PlanProfile(
                name: "quick", trials: 2, levelSeconds: 1.5, levelWarmupSeconds: 0.25, testWarmupSeconds: 0.5,
                primerSeconds: 0.5, concurrency: [64], databaseConcurrency: [64], queryCounts: [20], updateCounts: [5],
                queryConnections: 64, pipelinedConnections: [64], liveHeapMB: 128, heapConnections: 64,
                capacityStepSeconds: 1.5, capacityMaxSteps: 5, capacityConnections: 64)
        case .standard:
            PlanProfile(
                name: "standard", trials: 3, levelSeconds: 4, levelWarmupSeconds: 0.5, testWarmupSeconds: 2,
                primerSeconds: 1, concurrency: [16, 64, 256], databaseConcurrency: [64, 256], queryCounts: [1, 5, 20],
                updateCounts: [1, 20], queryConnections: 64, pipelinedConnections: [256], liveHeapMB: 512,
                heapConnections: 64, heapLevelSeconds: 25, capacityStepSeconds: 4, capacityMaxSteps: 8,
                capacityConnections: 128)
        case .full:
            PlanProfile(
                name: "full", trials: 5, levelSeconds: 10, levelWarmupSeconds: 2, testWarmupSeconds: 5,
                primerSeconds: 5, concurrency: [16, 64, 256, 512], databaseConcurrency: [16, 64, 256, 512],
                queryCounts: [1, 5, 10, 15, 20], updateCounts: [1, 5, 10, 15, 20], queryConnections: 256,
                pipelinedConnections: [256, 1024], liveHeapMB: 512, heapConnections: 256,
                heapLevelSeconds: 30, capacityStepSeconds: 10, capacityMaxSteps: 10, capacityConnections: 256)
        }
    }

    /// Measured seconds of a trial of `level`.
    public func seconds(_ level: LevelSpec) -> Double {
        level.kind == .largeHeap ? heapLevelSeconds ?? levelSeconds : levelSeconds
    }

    /// Applies `--duration` (levels, the large-heap level and capacity steps), `--heap-duration`
    /// (the large-heap level alone), `--warmup`, `--trials` and `--connections`.
    /// `--connections` replaces every connection sweep; queries/updates use its largest value.
    public func overriding(
        levelSeconds: Double? = nil, warmupSeconds: Double? = nil, trials: Int? = nil, connections: [Int]? = nil,
        heapSeconds: Double? = nil
    ) -> PlanProfile {
        var p = self
        if let levelSeconds {
            p.levelSeconds = levelSeconds
            p.capacityStepSeconds = levelSeconds
            p.heapLevelSeconds = nil
        }
        if let heapSeconds { p.heapLevelSeconds = heapSeconds }
        if let warmupSeconds {
            p.testWarmupSeconds = warmupSeconds
            p.levelWarmupSeconds = min(p.levelWarmupSeconds, warmupSeconds)
            p.primerSeconds = min(p.primerSeconds, max(warmupSeconds, 0.2))
        }
        if let trials { p.trials = trials }
        if let connections, let top = connections.max() {
            p.concurrency = connections
            p.databaseConcurrency = connections
            p.queryConnections = top
            p.pipelinedConnections = [top]
            p.heapConnections = top
            p.capacityConnections = top
            p.equalRateConnections = top
            p.primerConnections = min(p.primerConnections, top)
        }
        let overridden =
            levelSeconds != nil || warmupSeconds != nil || trials != nil || connections != nil || heapSeconds != nil
        if overridden && !p.name.hasSuffix("+custom") { p.name += "+custom" }
        return p
    }
}
