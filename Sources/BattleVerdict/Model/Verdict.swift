import BattleCore

/// A ranked recommendation for one team profile, with everything behind it.
/// `battle verdict --json` writes this (schemas/verdict.schema.json describes it).
public struct Verdict: Codable, Sendable, Equatable {
    public static let formatName = "battle-verdict"
    public static let formatVersion = 1

    public var format = "\(Verdict.formatName)/\(Verdict.formatVersion)"
    public var resultsID: String
    public var profile: ProfileRecord
    public var ranking: [RankedContender]
    public var excluded: [ExcludedContender]
    public var criteria: [CriterionResult]
    /// Three to five sentences on what decided the top two.
    public var reasons: [String]
    public var sensitivity: Sensitivity?
    public var cost: CostReport
    public var basis: BasisSummary
    /// Dropped criteria, renormalised weights, stripped contenders, partial runs.
    public var notes: [String]
    /// The dataset's caveats, shown wherever its figures are.
    public var caveats: [String]
    public var datasetTitle: String
    /// The ranking recomputed on bootstrap resamples of the run; nil with fewer than two ranked.
    public var uncertainty: Uncertainty?
    /// Languages ranked from their stacks' totals, by the profile's `languageStanding`.
    public var languages: LanguageRanking? = nil
}

public struct ProfileRecord: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var summary: String
    /// Weights as given, by criterion name.
    public var weights: [String: Double]
    public var tests: [SuiteTest]?
    /// Which stack of a language ranks it (`best` or `median`); nil in verdicts before battle had it.
    public var languageStanding: LanguageBasis?

    init(_ p: TeamProfile) {
        id = p.id
        name = p.name
        summary = p.summary
        weights = Dictionary(uniqueKeysWithValues: p.weights.map { ($0.key.rawValue, $0.value) })
        tests = p.tests
        languageStanding = p.languageStanding
    }
}

public struct ExcludedContender: Codable, Sendable, Equatable {
    public var candidate: Candidate
    public var status: ContenderStatus
    public var reason: String
}

/// How much of the decision rests on measurement and how much on published figures.
public struct BasisSummary: Codable, Sendable, Equatable {
    /// Share of the counted weight on measured criteria, 0...1.
    public var measuredShare: Double
    public var publishedShare: Double
    public var measured: [Criterion]
    public var published: [Criterion]
}
