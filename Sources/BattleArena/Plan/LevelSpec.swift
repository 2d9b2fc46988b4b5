import BattleCore

/// One level of a test: what the load generator is asked to do.
public struct LevelSpec: Sendable, Equatable, Hashable {
    public var test: SuiteTest
    public var connections: Int
    public var pipeline: Int = 1
    public var queries: Int?
    /// BATTLE_LIVE_HEAP_MB the contender runs with for this level (0 = default).
    public var liveHeapMB: Int = 0
    /// Open-loop rate (equal-rate levels, capacity search); nil for closed loop.
    public var rate: Double?
    public var kind: LevelKind

    public init(
        test: SuiteTest, connections: Int, pipeline: Int = 1, queries: Int? = nil, liveHeapMB: Int = 0,
        rate: Double? = nil,
        kind: LevelKind? = nil
    ) {
        self.test = test
        self.connections = connections
        self.pipeline = pipeline
        self.queries = queries
        self.liveHeapMB = liveHeapMB
        self.rate = rate
        self.kind = kind ?? LevelKind.inferred(rate: rate, liveHeapMB: liveHeapMB)
    }

    /// `c=64`, `c=256 p=16`, `q=20`, `c=64 heap=512MB`; open loop:
    /// `rate=5000/s` (equal rate, `q=20 rate=500/s` for queries) and
    /// `capacity 5000/s` (a step of the capacity search).
    public var label: String {
        if let rate {
            let r = "\(Int(rate.rounded()))/s"
            if kind == .capacityStep { return "capacity \(r)" }
            return (queries.map { "q=\($0) " } ?? "") + "rate=" + r
        }
        if let queries { return "q=\(queries)" }
        var s = "c=\(connections)"
        if pipeline > 1 { s += " p=\(pipeline)" }
        if liveHeapMB > 0 { s += " heap=\(liveHeapMB)MB" }
        return s
    }

    /// The request path, with `?queries=N` for queries and updates.
    public var path: String {
        if let queries { return test.path + "?queries=\(queries)" }
        return test.path
    }

    public func emptyResult() -> LevelResult {
        LevelResult(
            label: label, connections: connections, pipeline: pipeline, queries: queries,
            liveHeapMB: test == .orders ? liveHeapMB : nil, rate: rate, kind: kind)
    }
}

/// The levels of one test in a contender's session.
public struct TestPlan: Sendable, Equatable {
    public var test: SuiteTest
    public var levels: [LevelSpec]

    /// The connections the test's warm-up uses: its busiest level's.
    public var warmupConnections: Int { levels.map(\.connections).max() ?? 64 }
}

extension PlanProfile {
    /// The levels of `test` run with the default (small) heap.
    public func levels(for test: SuiteTest) -> [LevelSpec] {
        switch test {
        case .plaintext:
            concurrency.map { LevelSpec(test: test, connections: $0) }
                + pipelinedConnections.map { LevelSpec(test: test, connections: $0, pipeline: pipelineDepth) }
        case .json, .orders:
            concurrency.map { LevelSpec(test: test, connections: $0) }
        case .db, .fortunes:
            databaseConcurrency.map { LevelSpec(test: test, connections: $0) }
        case .queries:
            queryCounts.map { LevelSpec(test: test, connections: queryConnections, queries: $0) }
        case .updates:
            updateCounts.map { LevelSpec(test: test, connections: queryConnections, queries: $0) }
        default:
            (suiteConnections[test] ?? []).map { LevelSpec(test: test, connections: $0) }
        }
    }

    /// The session plan for a contender implementing `tests`: tests in suite order.
    public func testPlans(for tests: [SuiteTest]) -> [TestPlan] {
        // A data suite's verify-only test has no level: it is not loaded.
        SuiteTest.ordered(tests).map { TestPlan(test: $0, levels: levels(for: $0)) }.filter { !$0.levels.isEmpty }
    }

    /// The large-heap /orders level (run in a separate session), when orders is planned.
    public func heapLevel(for tests: [SuiteTest]) -> LevelSpec? {
        guard tests.contains(.orders), liveHeapMB > 0 else { return nil }
        return LevelSpec(test: .orders, connections: heapConnections, liveHeapMB: liveHeapMB)
    }

    /// The `queries=N` of a test's equal-rate level: the heaviest count the
    /// plan runs (nil for tests without a count).
    public func equalRateQueries(for test: SuiteTest) -> Int? {
        switch test {
        case .queries: queryCounts.max()
        case .updates: updateCounts.max()
        default: nil
        }
    }

    /// A test's equal-rate level at `rate`: open loop, no pipelining, default heap.
    public func equalRateLevel(for test: SuiteTest, rate: Double) -> LevelSpec {
        LevelSpec(
            test: test, connections: equalRateConnections, queries: equalRateQueries(for: test), rate: rate,
            kind: .equalRate)
    }
}
