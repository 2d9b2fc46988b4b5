import BattleCore
import Foundation

/// Everything `battle run` decided from its flags, validated.
public struct ArenaOptions: Sendable {
    public var root: String
    /// The contenders to run (after `--only`), valid or not.
    public var contenders: [DiscoveredContender]
    public var profile: PlanProfile
    /// `--tests`: only these (each contender runs those it implements); nil = all it implements.
    public var tests: [SuiteTest]?
    public var placement: CPUPlacement
    public var skipCleanBuild: Bool
    /// `--no-build`: use what is already built (build figures are not recorded).
    public var skipBuild: Bool
    public var verify: Bool
    /// `--database-url`: an existing server instead of a throwaway one.
    public var databaseURL: DatabaseEndpoint?
    public var slo: SLO?
    public var capacityTests: [SuiteTest]
    /// The CPU budget of every contender; nil runs them uncapped.
    public var cpuBudget: CPUBudget?
    /// `--rate`: equal rates given by the user, per test.
    public var equalRates: [SuiteTest: [Double]]
    /// Run equal-rate levels (on by default).
    public var equalRateLevels: Bool
    /// The folder holding run folders (`ROOT/results` by default).
    public var resultsBase: String
    /// The load generator's argv before `load ...`: battle's own executable.
    public var loadGenerator: [String]
    /// BATTLE_TOOLS.
    public var tools: String
    public var databasePool: Int
    /// battle's environment, passed on to builds and contenders.
    public var environment: [String: String]
    /// `--interval`: each trial's interval series and interval log (nil: off).
    public var intervalSeconds: Double? = 1
    /// `--probe`, `--probe-rate`: the pause probe.
    public var probe = ProbePlan()
    /// `--env NAME:KNOB=VALUE`: runtime knobs per contender, checked against the manifests' `run.knobs`.
    public var runtimeEnv: [String: [String: String]] = [:]
    /// `--tier`: the tiers asked for (`contenders` already holds each asked configuration).
    public var tiers: [ContenderTier] = [.idiomatic]
    /// What `--tier` could not do as asked (a contender without a tuned tier), for the run's notes.
    public var tierNotes: [String] = []
    /// `--suite DIR`: the data suite measured instead of the Battle Suite (nil: the Battle Suite).
    public var dataSuite: DataSuite? = nil
    /// The Battle Suite's folder's hash (`ROOT/suite/battle`), when that folder exists.
    public var battleSuiteHash: String? = nil

    /// The suite results.json records.
    public var suiteRecord: SuiteRecord { dataSuite?.record ?? .battle(contentHash: battleSuiteHash) }

    /// `--hosts FILE`: every load runs through the file's load agents (ArenaRun+Hosts).
    public var hosts: HostsRun?

    public init(
        root: String, contenders: [DiscoveredContender], profile: PlanProfile, tests: [SuiteTest]?,
        placement: CPUPlacement,
        skipCleanBuild: Bool = false, skipBuild: Bool = false, verify: Bool = true,
        databaseURL: DatabaseEndpoint? = nil,
        slo: SLO? = nil, capacityTests: [SuiteTest] = PlanProfile.defaultCapacityTests, cpuBudget: CPUBudget? = nil,
        equalRates: [SuiteTest: [Double]] = [:], equalRateLevels: Bool = true, resultsBase: String,
        loadGenerator: [String],
        tools: String, databasePool: Int = 16, environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.root = root
        self.contenders = contenders
        self.profile = profile
        self.tests = tests
        self.placement = placement
        self.skipCleanBuild = skipCleanBuild
        self.skipBuild = skipBuild
        self.verify = verify
        self.databaseURL = databaseURL
        self.slo = slo
        self.capacityTests = capacityTests
        self.cpuBudget = cpuBudget
        self.equalRates = equalRates
        self.equalRateLevels = equalRateLevels
        self.resultsBase = resultsBase
        self.loadGenerator = loadGenerator
        self.tools = tools
        self.databasePool = databasePool
        self.environment = environment
    }

    /// The tests a contender runs: what it implements, filtered by `--tests`.
    /// With a data suite, every test of the suite (a contender that does not
    /// implement one answers 404 and the verifier drops it).
    public func plannedTests(for m: ContenderManifest) -> [SuiteTest] {
        let all = dataSuite?.tests ?? m.tests
        guard let tests else { return all }
        return all.filter(tests.contains)
    }

    /// The tests whose capacity is searched for a contender (with `--slo`).
    public func plannedCapacityTests(for m: ContenderManifest) -> [SuiteTest] {
        guard slo != nil else { return [] }
        if let dataSuite { return dataSuite.capacityTests.filter(plannedTests(for: m).contains) }
        return capacityTests.filter(plannedTests(for: m).contains)
    }
}
