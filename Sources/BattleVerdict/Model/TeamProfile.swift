import BattleCore

/// A team's priorities: a weight per criterion (any non-negative numbers;
/// only their shares matter), optionally the suite tests that matter to it.
public struct TeamProfile: Sendable, Equatable {
    /// `startup`, or the file name for a `--weights` file.
    public var id: String
    public var name: String
    public var summary: String
    public var weights: [Criterion: Double]
    /// Measured criteria use only these tests when set (and measured).
    public var tests: [SuiteTest]?
    /// The test the cost model prices; nil picks one (see `CostModel`).
    public var costTest: SuiteTest?
    /// Which stack of a language ranks it: the best (a team that picks the
    /// fastest stack) or the median (a team that takes the mainstream one).
    public var languageStanding: LanguageBasis = .best

    public init(
        id: String, name: String, summary: String = "", weights: [Criterion: Double], tests: [SuiteTest]? = nil,
        costTest: SuiteTest? = nil, languageStanding: LanguageBasis = .best
    ) {
        self.id = id
        self.name = name
        self.summary = summary
        self.weights = weights
        self.tests = tests
        self.costTest = costTest
        self.languageStanding = languageStanding
    }

    public func weight(_ c: Criterion) -> Double { weights[c] ?? 0 }

    /// Weights as shares of their sum, in criterion order.
    public var shares: [(criterion: Criterion, share: Double)] {
        let total = weights.values.reduce(0, +)
        return Criterion.allCases.map { ($0, total > 0 ? weight($0) / total : 0) }
    }
}

/// The built-in team profiles (data/profiles.toml) in file order.
public struct ProfileSet: Sendable, Equatable {
    public var profiles: [TeamProfile]
    /// The profile used when none is named.
    public var defaultID: String

    public func profile(_ id: String) -> TeamProfile? { profiles.first { $0.id == id.lowercased() } }
    public var ids: [String] { profiles.map(\.id) }
}
