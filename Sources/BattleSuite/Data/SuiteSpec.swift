/// A suite read from a folder of data (docs/SUITE.md, "Suites as data"):
/// `suite.toml` names it and its tests; the files it names (SQL seeds,
/// parameter values, JSONL bodies, JSON Schemas) are read into the values
/// here, so a `SuiteSpec` is the whole suite and needs no file any more.
public struct SuiteSpec: Sendable, Equatable {
    public init(
        name: String, version: Int, description: String?, seed: [SeedFile], tests: [SuiteTestSpec], contentHash: String,
        serverChecks: [ServerBuiltinCheck] = []
    ) {
        self.serverChecks = serverChecks
        self.name = name
        self.version = version
        self.description = description
        self.seed = seed
        self.tests = tests
        self.contentHash = contentHash
    }

    public var name: String
    public var version: Int
    public var description: String?
    /// The database seed: SQL files run in order on an empty database.
    public var seed: [SeedFile]
    public var tests: [SuiteTestSpec]
    /// Checks on the server as a whole, run after the tests (`server_checks`).
    public var serverChecks: [ServerBuiltinCheck]
    /// SHA-256 of every file in the folder (`SuiteFiles.contentHash`), for results to record.
    public var contentHash: String

    public func test(named name: String) -> SuiteTestSpec? { tests.first { $0.name == name } }
}

/// One SQL file of the seed, with its text.
public struct SeedFile: Sendable, Equatable {
    public init(path: String, sql: String) {
        self.path = path
        self.sql = sql
    }

    public var path: String
    public var sql: String
}

/// One test of a data suite: its parameters, its requests (one, or a weighted
/// mix), the levels the plan gives it, and its checks.
public struct SuiteTestSpec: Sendable, Equatable {
    public init(
        name: String, description: String?, parameters: [ParameterSpec], requests: [RequestSpec], plan: PlanSpec,
        databaseChecks: [DatabaseCheck], verifySamples: Int, builtins: [TestBuiltinCheck] = []
    ) {
        self.builtins = builtins
        self.name = name
        self.description = description
        self.parameters = parameters
        self.requests = requests
        self.plan = plan
        self.databaseChecks = databaseChecks
        self.verifySamples = verifySamples
    }

    public var name: String
    public var description: String?
    public var parameters: [ParameterSpec]
    public var requests: [RequestSpec]
    public var plan: PlanSpec
    /// Checks on the database after all of the test's requests.
    public var databaseChecks: [DatabaseCheck]
    /// Requests of each kind `battle verify --suite` sends (a request's own
    /// `verify_samples` overrides it).
    public var verifySamples: Int
    /// Named checks on all of the test's answers together (`builtin`).
    public var builtins: [TestBuiltinCheck]

    public func parameter(_ name: String) -> ParameterSpec? { parameters.first { $0.name == name } }

    /// Whether a check of this test reads the database.
    public var readsDatabase: Bool {
        !databaseChecks.isEmpty || builtins.contains(where: \.readsDatabase)
            || requests.contains { $0.checks.contains(where: \.readsDatabase) }
    }
}

/// A named value drawn for every request: an integer from a range, or a line of a file.
public struct ParameterSpec: Sendable, Equatable {
    public init(name: String, source: Source) {
        self.name = name
        self.source = source
    }

    public enum Source: Sendable, Equatable {
        /// Uniform over the closed range.
        case range(ClosedRange<Int>)
        /// Uniform over the lines of `file` (blank lines left out).
        case values(file: String, [String])
    }

    public var name: String
    public var source: Source
}

/// One kind of request of a test. A test with several is a traffic mix: each
/// request of a level is of kind `i` with probability `weight[i] / Σ weight`.
/// A kind of weight 0 is only sent by `battle verify` (edge cases), never in a load.
public struct RequestSpec: Sendable, Equatable {
    public init(
        name: String, weight: Int, method: String, path: Template, headers: [HeaderTemplate], body: BodySpec?,
        checks: [ResponseCheck], verifySamples: Int? = nil
    ) {
        self.verifySamples = verifySamples
        self.name = name
        self.weight = weight
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
        self.checks = checks
    }

    public var name: String
    public var weight: Int
    public var method: String
    /// The request target; parameter values are percent-encoded into it.
    public var path: Template
    public var headers: [HeaderTemplate]
    public var body: BodySpec?
    /// Checks on each response, in the order they are reported.
    public var checks: [ResponseCheck]
    /// Requests of this kind `battle verify --suite` sends, when not the test's `verify_samples`.
    public var verifySamples: Int?
}

public struct HeaderTemplate: Sendable, Equatable {
    public init(name: String, value: Template) {
        self.name = name
        self.value = value
    }

    public var name: String
    public var value: Template
}

/// Where a request's body comes from.
public enum BodySpec: Sendable, Equatable {
    /// A template filled with the request's parameters.
    case template(Template)
    /// One line of a JSONL file, picked uniformly for each request.
    case lines(file: String, [String])
}

/// The levels a test gets in a plan.
public struct PlanSpec: Sendable, Equatable {
    public init(connections: [Int], rates: [Int], equalRate: Bool, capacity: Bool) {
        self.connections = connections
        self.rates = rates
        self.equalRate = equalRate
        self.capacity = capacity
    }

    /// Closed-loop levels: connection counts.
    public var connections: [Int]
    /// Open-loop levels at fixed rates (requests per second).
    public var rates: [Int]
    /// Whether the test takes part in the equal-rate rounds.
    public var equalRate: Bool
    /// Whether the test takes part in the capacity search.
    public var capacity: Bool

    public static let defaults = PlanSpec(connections: [16, 64, 256], rates: [], equalRate: true, capacity: false)

    /// A `verify_only` test's plan: no level, no equal-rate round, no capacity
    /// search. `battle verify --suite` checks the test; a run never loads it.
    public static let verifyOnly = PlanSpec(connections: [], rates: [], equalRate: false, capacity: false)

    /// Whether the test is only verified, never loaded (`verify_only = true`).
    public var isVerifyOnly: Bool { connections.isEmpty && rates.isEmpty }
}
