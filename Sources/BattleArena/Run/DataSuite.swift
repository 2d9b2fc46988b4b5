import BattleCore
import BattleSuite

/// `battle run --suite DIR`: the data suite the run measures instead of the
/// Battle Suite (docs/SUITE.md, "Running a data suite").
public struct DataSuite: Sendable {
    public var spec: SuiteSpec
    /// The folder as given on the command line.
    public var folder: String

    public init(spec: SuiteSpec, folder: String) {
        self.spec = spec
        self.folder = folder
    }

    /// What results.json records of it.
    public var record: SuiteRecord {
        SuiteRecord(name: spec.name, version: spec.version, contentHash: spec.contentHash, folder: folder)
    }

    /// Its tests, in suite-file order.
    public var tests: [SuiteTest] { spec.tests.map { SuiteTest($0.name) } }

    public func spec(of test: SuiteTest) -> SuiteTestSpec? { spec.test(named: test.rawValue) }

    /// Whether `test` is loaded at all: a test whose plan has no level (`verify_only`) is only verified.
    public func isLoaded(_ test: SuiteTest) -> Bool {
        guard let p = spec(of: test)?.plan else { return false }
        return !(p.connections.isEmpty && p.rates.isEmpty)
    }

    /// The closed-loop levels of every loaded test, for `PlanProfile.suiteConnections`.
    public var connections: [SuiteTest: [Int]] {
        Dictionary(uniqueKeysWithValues: spec.tests.map { (SuiteTest($0.name), $0.plan.connections) })
    }

    /// The tests taking part in the equal-rate rounds: `equal_rate = true`, or fixed `rates` given.
    public var equalRateTests: [SuiteTest] {
        spec.tests.filter { $0.plan.equalRate || !$0.plan.rates.isEmpty }.map { SuiteTest($0.name) }
    }

    /// A test's `rates`: its equal rates, the same for every contender (as `--rate TEST=R` would give).
    public var rates: [SuiteTest: [Double]] {
        var out: [SuiteTest: [Double]] = [:]
        for t in spec.tests where !t.plan.rates.isEmpty { out[SuiteTest(t.name)] = t.plan.rates.map(Double.init) }
        return out
    }

    /// The tests searched for capacity under `--slo` (`capacity = true`).
    public var capacityTests: [SuiteTest] { spec.tests.filter(\.plan.capacity).map { SuiteTest($0.name) } }

    /// Whether the run needs a database: the suite seeds one, or a check reads it.
    public var usesDatabase: Bool { !spec.seed.isEmpty || spec.tests.contains(where: \.readsDatabase) }

    /// The database schema a session resets to: the Battle Suite's schema, then
    /// the suite's seed files in order (each must be safe to run again).
    public func schema(battleSchema: String) -> String {
        var s = battleSchema
        if !s.hasSuffix("\n") { s += "\n" }
        for f in spec.seed {
            s += "\n-- \(folder)/\(f.path)\n" + f.sql
            if !s.hasSuffix("\n") { s += "\n" }
        }
        return s
    }
}
