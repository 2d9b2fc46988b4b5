/// Which suite a run's figures belong to (results.json `suite`): its name,
/// version and the SHA-256 of its folder (`battle suite check` prints the
/// same hash). Results written before battle recorded it have none; they ran
/// the Battle Suite, whose folder's hash is then unknown.
public struct SuiteRecord: Codable, Sendable, Equatable {
    public var name: String
    public var version: Int
    /// SHA-256 of the suite folder's files (docs/SUITE.md §6); absent for the Battle
    /// Suite when battle ran without its `suite/battle` folder.
    public var contentHash: String?
    /// The folder the suite was read from, as given (absent for the built-in Battle Suite).
    public var folder: String?

    public init(name: String, version: Int, contentHash: String? = nil, folder: String? = nil) {
        self.name = name
        self.version = version
        self.contentHash = contentHash
        self.folder = folder
    }

    /// The Battle Suite's name.
    public static let battleName = "battle"

    /// The Battle Suite at this battle's suite version.
    public static func battle(contentHash: String? = nil) -> SuiteRecord {
        SuiteRecord(name: battleName, version: SuiteTest.suiteVersion, contentHash: contentHash)
    }

    public var isBattle: Bool { name == Self.battleName }

    /// `Battle Suite v1` or `suite helpdesk v1`, for report headers.
    public var title: String { isBattle ? "Battle Suite v\(version)" : "suite \(name) v\(version)" }

    /// The title with the hash's first 12 digits, or that it is unknown.
    public var titleWithHash: String {
        "\(title) (" + (contentHash.map { "sha256 \($0.prefix(12))" } ?? "hash unknown") + ")"
    }
}

extension RunResults {
    /// The run's suite: the recorded one, else (results older than the record)
    /// the Battle Suite at the results' suite version, hash unknown.
    public var suiteIdentity: SuiteRecord {
        suite ?? SuiteRecord(name: SuiteRecord.battleName, version: suiteVersion, contentHash: nil)
    }
}
