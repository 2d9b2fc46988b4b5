import Foundation

/// The results file of one `battle run`: `results/<id>/results.json`
/// (schemas/results.schema.json). Later stages (report, compare, verdict) read
/// only this file, never a running system.
public struct RunResults: Codable, Sendable, Equatable {
    public static let formatName = "battle-results"
    /// Version 1. Bump when a field changes meaning or disappears; readers
    /// refuse files of a newer major version with a clear message.
    public static let formatVersion = 1

    public var format: String = "\(RunResults.formatName)/\(RunResults.formatVersion)"
    /// The run's id, also its folder name: `20261129-101500`.
    public var id: String
    public var battleVersion: String
    /// The Battle Suite's version (docs/SUITE.md §2), kept in every file for older readers.
    public var suiteVersion: Int
    /// The suite the figures belong to (absent in results written before battle recorded it:
    /// those ran the Battle Suite; see `suiteIdentity`).
    public var suite: SuiteRecord? = nil
    public var startedAt: Date
    public var finishedAt: Date?
    public var status: RunStatus
    public var environment: EnvironmentRecord
    public var plan: PlanRecord
    public var contenders: [ContenderResult]
    /// Warnings about the run as a whole (noisy machine, client-bound levels, ...).
    public var notes: [String]
    /// Every time the database failed during the run, and what battle did (absent when it never did).
    public var databaseIncidents: [DatabaseIncident]? = nil

    public init(
        id: String, battleVersion: String = BattleVersion.string, suiteVersion: Int = SuiteTest.suiteVersion,
        startedAt: Date, finishedAt: Date? = nil, status: RunStatus, environment: EnvironmentRecord,
        plan: PlanRecord, contenders: [ContenderResult] = [], notes: [String] = [],
        databaseIncidents: [DatabaseIncident]? = nil, suite: SuiteRecord? = nil
    ) {
        self.suite = suite
        self.id = id
        self.battleVersion = battleVersion
        self.suiteVersion = suiteVersion
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.status = status
        self.environment = environment
        self.plan = plan
        self.contenders = contenders
        self.notes = notes
        self.databaseIncidents = databaseIncidents
    }
}

public enum RunStatus: String, Codable, Sendable {
    /// Still running: the file is rewritten after every contender.
    case running
    /// Every planned contender was attempted.
    case complete
    /// Stopped early (Ctrl-C, a fatal error), or the database failed for good
    /// so database tests were left out; what was measured is kept.
    case partial
}

/// Where and with what the run happened (TFB users asked for this: #4065).
public struct EnvironmentRecord: Codable, Sendable, Equatable {
    public var hostname: String
    public var os: String
    public var kernel: String
    public var cpuModel: String
    public var logicalCPUs: Int
    public var memoryBytes: Int
    /// The CPU frequency governor when readable (`performance`, `powersave`), else nil.
    public var governor: String?
    /// Toolchain versions by name: `swift`, `rustc`, `go`, `postgres`, `wrk` ...
    public var toolchains: [String: String]
    /// battle's own git commit, with `-dirty` when the tree had changes.
    public var battleCommit: String?
    public var database: String?
    /// `battle run --hosts`: where the roles ran and the round trips between hosts.
    public var hosts: HostsEnvironment?

    public init(
        hostname: String, os: String, kernel: String, cpuModel: String, logicalCPUs: Int, memoryBytes: Int,
        governor: String? = nil, toolchains: [String: String] = [:], battleCommit: String? = nil,
        database: String? = nil
    ) {
        self.hostname = hostname
        self.os = os
        self.kernel = kernel
        self.cpuModel = cpuModel
        self.logicalCPUs = logicalCPUs
        self.memoryBytes = memoryBytes
        self.governor = governor
        self.toolchains = toolchains
        self.battleCommit = battleCommit
        self.database = database
    }
}

/// The plan that ran, as the user chose it and as battle expanded it.
public struct PlanRecord: Codable, Sendable, Equatable {
    /// `quick`, `standard`, `full` or `custom`.
    public var name: String
    public var tests: [SuiteTest]
    public var trials: Int
    public var levelSeconds: Double
    public var warmupSeconds: Double
    public var primerSeconds: Double
    public var placement: CPUPlacementRecord
    /// The SLO capacity was searched under, e.g. `p99<=10ms`; nil when not searched.
    public var slo: String?
    /// Tests whose capacity was searched under `slo`.
    public var capacityTests: [SuiteTest]?
    /// Verification was skipped with `--no-verify`.
    public var verificationSkipped: Bool
    /// The CPU budget every contender ran under; nil when uncapped.
    public var serverCPUBudget: CPUBudget?
    /// The offered rate of each test's equal-rate level, the same for every contender.
    public var equalRates: [EqualRate]?
    /// Length of one interval of each trial's `intervals` series (`--interval`); nil in files written before.
    public var intervalSeconds: Double?
    /// Measured seconds of the large-heap level, when it differs from `levelSeconds`.
    public var heapLevelSeconds: Double?
    /// The pause probe's levels and rate; nil when no level was probed.
    public var probe: ProbePlan?
    /// The tiers asked for (`battle run --tier`): `[idiomatic]`, `[tuned]` or both; nil in files written before.
    public var tiers: [ContenderTier]?

    public init(
        name: String, tests: [SuiteTest], trials: Int, levelSeconds: Double, warmupSeconds: Double,
        primerSeconds: Double, placement: CPUPlacementRecord, slo: String? = nil, capacityTests: [SuiteTest]? = nil,
        verificationSkipped: Bool = false, serverCPUBudget: CPUBudget? = nil, equalRates: [EqualRate]? = nil,
        intervalSeconds: Double? = nil, heapLevelSeconds: Double? = nil, probe: ProbePlan? = nil,
        tiers: [ContenderTier]? = nil
    ) {
        self.name = name
        self.tests = tests
        self.trials = trials
        self.levelSeconds = levelSeconds
        self.warmupSeconds = warmupSeconds
        self.primerSeconds = primerSeconds
        self.placement = placement
        self.slo = slo
        self.capacityTests = capacityTests
        self.verificationSkipped = verificationSkipped
        self.serverCPUBudget = serverCPUBudget
        self.equalRates = equalRates
        self.intervalSeconds = intervalSeconds
        self.heapLevelSeconds = heapLevelSeconds
        self.probe = probe
        self.tiers = tiers
    }
}

/// CPU sets as `taskset -c` lists (`0`, `1-3`, `0,2`).
public struct CPUPlacementRecord: Codable, Sendable, Equatable {
    public var server: String
    public var client: String
    public var database: String

    public init(server: String, client: String, database: String) {
        self.server = server
        self.client = client
        self.database = database
    }
}
