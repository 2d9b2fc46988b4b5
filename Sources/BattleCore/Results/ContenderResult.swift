/// Everything measured about one contender in one run.
public struct ContenderResult: Codable, Sendable, Equatable {
    public var name: String
    public var displayName: String
    public var language: String
    public var framework: String
    /// `realistic` or `stripped` (docs/SUITE.md §5).
    public var approach: String
    public var status: ContenderStatus
    /// Why the contender did not finish, with the tail of a log when there is one.
    public var failure: String?
    public var build: BuildRecord?
    public var startup: StartupRecord?
    public var verification: VerificationRecord?
    public var tests: [TestResult]
    public var capacity: [CapacityResult]
    /// How the server process ended.
    public var exit: ExitRecord?
    /// What its runtime made of its CPUs and the CPU budget (threads, workers).
    public var runtime: RuntimeRecord?
    /// The database driver, as the manifest names it (`pgx v4.18.1`, `lib/pq 1.10.7`); nil when it names none.
    public var driver: String?
    /// The configuration measured (`battle run --tier`); nil in files written before tiers existed.
    public var tier: ContenderTier?
    /// The tier's settings (environment of the build or the server, each with its source); nil for idiomatic.
    public var tierSettings: [TierSetting]?

    public init(
        name: String, displayName: String, language: String, framework: String, approach: String,
        status: ContenderStatus, failure: String? = nil, build: BuildRecord? = nil, startup: StartupRecord? = nil,
        verification: VerificationRecord? = nil, tests: [TestResult] = [], capacity: [CapacityResult] = [],
        exit: ExitRecord? = nil, runtime: RuntimeRecord? = nil, driver: String? = nil, tier: ContenderTier? = nil,
        tierSettings: [TierSetting]? = nil
    ) {
        self.name = name
        self.displayName = displayName
        self.language = language
        self.framework = framework
        self.approach = approach
        self.status = status
        self.failure = failure
        self.build = build
        self.startup = startup
        self.verification = verification
        self.tests = tests
        self.capacity = capacity
        self.exit = exit
        self.runtime = runtime
        self.driver = driver
        self.tier = tier
        self.tierSettings = tierSettings
    }

    public func result(for test: SuiteTest) -> TestResult? { tests.first { $0.test == test } }
}

public enum ContenderStatus: String, Codable, Sendable {
    /// Built, verified (or verification skipped) and measured.
    case ok
    case buildFailed = "build-failed"
    /// Never answered its ready path within the startup timeout, or exited at start.
    case startFailed = "start-failed"
    case verifyFailed = "verify-failed"
    /// Died during a level; what was measured before is kept.
    case crashed
    /// Stopped answering during a level.
    case hung
    /// The run was interrupted before or while this contender ran.
    case interrupted
    /// Not run (its manifest was invalid, or it was filtered out).
    case skipped
    /// Some of its database tests were not measured because the database
    /// failed (again after a restart, or with --database-url): not the
    /// contender's fault. What was measured is kept.
    case databaseFailed = "database-failed"
}

public struct BuildRecord: Codable, Sendable, Equatable {
    /// Wall seconds of a build after the manifest's clean command; nil when not measured.
    public var cleanSeconds: Double?
    /// Wall seconds of a second build with nothing changed.
    public var incrementalSeconds: Double?
    public var binaryBytes: Int?
    public var linesOfCode: Int?
    /// Lines of code by language, as cloc reports them.
    public var linesByLanguage: [String: Int]?
    public var directDependencies: Int?
    public var totalDependencies: Int?
    public var toolchainVersion: String?
    /// How lines were counted (`cloc 1.96`), so figures say how they were obtained.
    public var locTool: String?

    public init(
        cleanSeconds: Double? = nil, incrementalSeconds: Double? = nil, binaryBytes: Int? = nil,
        linesOfCode: Int? = nil, linesByLanguage: [String: Int]? = nil, directDependencies: Int? = nil,
        totalDependencies: Int? = nil, toolchainVersion: String? = nil, locTool: String? = nil
    ) {
        self.cleanSeconds = cleanSeconds
        self.incrementalSeconds = incrementalSeconds
        self.binaryBytes = binaryBytes
        self.linesOfCode = linesOfCode
        self.linesByLanguage = linesByLanguage
        self.directDependencies = directDependencies
        self.totalDependencies = totalDependencies
        self.toolchainVersion = toolchainVersion
        self.locTool = locTool
    }
}

public struct StartupRecord: Codable, Sendable, Equatable {
    /// From spawn to the first 200 on the ready path (the median when the
    /// contender was started several times, once per round).
    public var secondsToReady: Double
    /// RSS of the process tree one second after ready, before any load.
    public var idleRSSBytes: Int?
    /// `secondsToReady` of every start, in order; nil in files written before it existed.
    public var samples: [Double]?

    public init(secondsToReady: Double, idleRSSBytes: Int?, samples: [Double]? = nil) {
        self.secondsToReady = secondsToReady
        self.idleRSSBytes = idleRSSBytes
        self.samples = samples
    }
}

public struct VerificationRecord: Codable, Sendable, Equatable {
    public var skipped: Bool
    public var checks: [CheckResult]
    /// A data suite's tests the contender does not implement (their first request
    /// answered 404): not failed, not measured. Absent when it implements them all.
    public var notImplemented: [SuiteTest]? = nil

    public init(skipped: Bool, checks: [CheckResult]) {
        self.skipped = skipped
        self.checks = checks
    }

    public var failures: [CheckResult] { checks.filter { $0.outcome == .fail } }
    public var warnings: [CheckResult] { checks.filter { $0.outcome == .warn } }
    public var passed: Bool { !skipped && failures.isEmpty }

    /// Whether `test` passed every check that concerns it.
    public func passed(_ test: SuiteTest) -> Bool {
        !checks.contains { $0.test == test && $0.outcome == .fail }
    }
}

/// One verifier check: what was checked, the outcome, and why.
public struct CheckResult: Codable, Sendable, Equatable {
    /// The suite test the check belongs to; nil for checks on every response.
    public var test: SuiteTest?
    public var name: String
    public var outcome: CheckOutcome
    public var detail: String

    public init(test: SuiteTest?, name: String, outcome: CheckOutcome, detail: String) {
        self.test = test
        self.name = name
        self.outcome = outcome
        self.detail = detail
    }
}

public enum CheckOutcome: String, Codable, Sendable, Comparable {
    case pass, warn, fail

    private var rank: Int {
        switch self {
        case .pass: 0
        case .warn: 1
        case .fail: 2
        }
    }

    public static func < (a: CheckOutcome, b: CheckOutcome) -> Bool { a.rank < b.rank }
}

public struct ExitRecord: Codable, Sendable, Equatable {
    /// Exit status when it exited, signal number when it was killed.
    public var status: Int32?
    public var signal: Int32?
    /// Needed SIGKILL after the grace period.
    public var killed: Bool
    /// Ended by itself before battle asked it to.
    public var unexpected: Bool

    public init(status: Int32?, signal: Int32?, killed: Bool, unexpected: Bool) {
        self.status = status
        self.signal = signal
        self.killed = killed
        self.unexpected = unexpected
    }
}
