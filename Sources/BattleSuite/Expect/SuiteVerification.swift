/// What `battle verify --suite` found: each test of the suite checked, or
/// not implemented by the server, with its checks (`--json` prints this).
public struct SuiteVerification: Codable, Sendable, Equatable {
    public var suite: String
    public var version: Int
    public var contentHash: String
    /// Why nothing could be checked: the server did not accept a connection.
    public var unreachable: String?
    public var tests: [TestVerification]
    /// The suite's `server_checks`, after the tests.
    public var server: [SuiteCheckResult]

    public init(
        suite: SuiteSpec, unreachable: String? = nil, tests: [TestVerification], server: [SuiteCheckResult] = []
    ) {
        self.server = server
        self.suite = suite.name
        self.version = suite.version
        self.contentHash = suite.contentHash
        self.unreachable = unreachable
        self.tests = tests
    }

    public var failed: Bool {
        unreachable != nil || tests.contains { $0.failed } || server.contains { $0.outcome == .fail }
    }
}

public struct TestVerification: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        /// The server answers the test; its checks say how well.
        case checked
        /// The server answered the test's first request with 404: it does not
        /// implement the test. Not a failure; such a test is not measured.
        case notImplemented = "not-implemented"
    }

    public var name: String
    public var status: Status
    public var checks: [SuiteCheckResult]

    public init(name: String, status: Status, checks: [SuiteCheckResult]) {
        self.name = name
        self.status = status
        self.checks = checks
    }

    public var failed: Bool { checks.contains { $0.outcome == .fail } }
}

public struct SuiteCheckResult: Codable, Sendable, Equatable {
    public var name: String
    public var outcome: SuiteOutcome
    public var detail: String

    public init(name: String, _ verdict: SuiteVerdict) {
        self.name = name
        self.outcome = verdict.outcome
        self.detail = verdict.detail
    }
}
