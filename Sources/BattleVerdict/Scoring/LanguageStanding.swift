import BattleCore

/// Which of a language's stacks speaks for it in a profile's language ranking.
public enum LanguageBasis: String, Codable, Sendable, CaseIterable {
    /// Its best verified stack: a team that will pick and tune the fastest stack (cost-driven, latency-critical).
    case best
    /// Its median stack: a team that takes the mainstream stack and whatever its people already know.
    case median

    public var words: String {
        switch self {
        case .best: "its best verified stack"
        case .median: "its median stack"
        }
    }
}

/// One language in a verdict: its stacks' totals summarised two ways.
public struct LanguageStanding: Codable, Sendable, Equatable {
    /// 1 for the best by the profile's basis; equal figures share a rank.
    public var rank: Int
    public var language: String
    /// Its ranked stacks (contender names), best first.
    public var stacks: [String]
    /// The total of its best stack, and which stack that is.
    public var best: Double
    public var bestStack: String
    /// The median of its stacks' totals (the mean of the middle two with an even count).
    public var median: Double
    /// 95% intervals of `best` and `median` over the run's resamples.
    public var bestInterval: Interval?
    public var medianInterval: Interval?
    /// Share of resamples in which it ranked first by the profile's basis.
    public var firstShare: Double?

    public func value(_ basis: LanguageBasis) -> Double { basis == .best ? best : median }
}

/// The verdict's second answer: languages ranked from their stacks' totals.
public struct LanguageRanking: Codable, Sendable, Equatable {
    /// The profile's choice: which figure ranks the languages.
    public var decidedBy: LanguageBasis
    public var languages: [LanguageStanding]
    /// The leading language beat every other by at least `Uncertainty.minimumLead` in
    /// `Uncertainty.separableShare` of the resamples; nil without resamples.
    public var clearWinner: Bool?

    /// Languages from ranked contenders' totals (verified stacks only: the
    /// ranking holds no failed contender), grouped case-insensitively; `samples`
    /// are the same computed on each resample, for intervals and first shares.
    public static func build(
        _ ranking: [RankedContender], basis: LanguageBasis, samples: [[LanguageStanding]] = []
    ) -> LanguageRanking {
        var languages = standings(ranking, basis: basis)
        var clear: Bool?
        if !samples.isEmpty, !languages.isEmpty {
            func find(_ s: [LanguageStanding], _ l: String) -> LanguageStanding? {
                s.first { $0.language.lowercased() == l.lowercased() }
            }
            for i in languages.indices {
                let l = languages[i].language
                languages[i].bestInterval = Interval(samples.compactMap { find($0, l)?.best })
                languages[i].medianInterval = Interval(samples.compactMap { find($0, l)?.median })
                var first = 0.0
                for s in samples {
                    let winners = s.filter { $0.rank == 1 }
                    if winners.contains(where: { $0.language.lowercased() == l.lowercased() }) {
                        first += 1 / Double(winners.count)
                    }
                }
                languages[i].firstShare = first / Double(samples.count)
            }
            if languages.count > 1 {
                let leader = languages[0].language
                clear = languages.dropFirst().allSatisfy { other in
                    let held = samples.filter { s in
                        guard let a = find(s, leader), let b = find(s, other.language) else { return false }
                        return a.value(basis) - b.value(basis) >= Uncertainty.minimumLead
                    }.count
                    return Double(held) / Double(samples.count) >= Uncertainty.separableShare
                }
            }
        }
        return LanguageRanking(decidedBy: basis, languages: languages, clearWinner: clear)
    }

    /// The point figures, ranked by `basis` (ties broken by the other figure, then by name).
    public static func standings(_ ranking: [RankedContender], basis: LanguageBasis) -> [LanguageStanding] {
        var order: [String] = []
        var groups: [String: [RankedContender]] = [:]
        for r in ranking {
            let key = r.candidate.language.lowercased()
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(r)
        }
        var out: [LanguageStanding] = order.compactMap { key in
            guard let stacks = groups[key]?.sorted(by: { $0.total > $1.total }), let top = stacks.first else {
                return nil
            }
            return LanguageStanding(
                rank: 0, language: top.candidate.language, stacks: stacks.map(\.candidate.name), best: top.total,
                bestStack: top.candidate.name, median: Statistics.median(stacks.map(\.total)))
        }
        let other: LanguageBasis = basis == .best ? .median : .best
        out.sort {
            let a = $0.value(basis)
            let b = $1.value(basis)
            if abs(a - b) > Scorer.tieTolerance { return a > b }
            if abs($0.value(other) - $1.value(other)) > Scorer.tieTolerance { return $0.value(other) > $1.value(other) }
            return $0.language < $1.language
        }
        for i in out.indices {
            out[i].rank =
                i > 0 && abs(out[i].value(basis) - out[i - 1].value(basis)) <= Scorer.tieTolerance
                ? out[i - 1].rank : i + 1
        }
        return out
    }
}
