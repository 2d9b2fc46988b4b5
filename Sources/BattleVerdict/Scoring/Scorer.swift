import BattleCore
/// A contender as the scorer sees it.
public struct Candidate: Codable, Sendable, Equatable {
    public var name: String
    public var displayName: String
    public var language: String

    public init(name: String, displayName: String, language: String) {
        self.name = name
        self.displayName = displayName
        self.language = language
    }
}

/// One criterion after scoring: its components, whether it counted, each contender's 0...1 score.
public struct CriterionResult: Codable, Sendable, Equatable {
    public var criterion: Criterion
    public var basis: Criterion.Basis
    /// The profile's weight as given.
    public var weight: Double
    /// Its share of the weights that counted (0 when it did not count).
    public var share: Double
    /// True when at least one component had data for every contender.
    public var scored: Bool
    /// Why it was left out of the totals, when it was weighted but had no data.
    public var droppedBecause: String?
    /// Mean of the counted components' scores, by contender name.
    public var scores: [String: Double]
    public var components: [Component]

    /// Whether it entered the totals.
    public var counted: Bool { scored && weight > 0 }
}

public struct RankedContender: Codable, Sendable, Equatable {
    /// 1 for the best; tied totals share a rank.
    public var rank: Int
    public var candidate: Candidate
    /// Σ weight × score / Σ weight over the criteria that counted, 0...1.
    public var total: Double
    /// 95% interval of the total over bootstrap resamples of the run.
    public var interval: Interval? = nil
    /// Share of resamples in which it ranked first.
    public var firstShare: Double? = nil
}

public struct Scoring: Codable, Sendable, Equatable {
    public var criteria: [CriterionResult]
    public var ranking: [RankedContender]
    /// Notes on what was dropped and how the weights were renormalised.
    public var notes: [String]

    public func result(_ c: Criterion) -> CriterionResult? { criteria.first { $0.criterion == c } }
}

/// The scoring method (docs/VERDICT.md): per component, score = value / best
/// (higher is better) or best / value (lower is better), so the best gets 1 and
/// every score is a plain ratio in 0...1; a criterion's score is the mean of its
/// components; the total is Σ w·s / Σ w over the criteria that have data for
/// every contender. A component some contender lacks is dropped for everyone,
/// so all totals rest on the same evidence.
public enum Scorer {
    /// Totals closer than this are a tie.
    public static let tieTolerance = 1e-9

    public static func score(
        _ candidates: [Candidate], evidence: [Criterion: [Component]], weights: [Criterion: Double]
    ) -> Scoring {
        var criteria: [CriterionResult] = []
        var notes: [String] = []
        let names = candidates.map(\.name)
        for criterion in Criterion.allCases {
            let weight = weights[criterion] ?? 0
            var components = evidence[criterion] ?? []
            for i in components.indices {
                let missing = candidates.filter { components[i].values[$0.name] == nil }
                let present = candidates.count - missing.count
                if candidates.isEmpty {
                    components[i].droppedBecause = "no contender to compare"
                } else if missing.isEmpty {
                    components[i].counted = true
                } else if criterion.basis == .published, present >= 2 {
                    // A published figure one language lacks does not erase it for the others:
                    // they are compared on it, and the one without it shows "no data".
                    components[i].counted = true
                } else {
                    components[i].droppedBecause = "no data for " + missing.map(\.displayName).joined(separator: ", ")
                }
            }
            let counted = components.filter(\.counted)
            var scores: [String: Double] = [:]
            if !counted.isEmpty {
                for name in names {
                    let parts = counted.compactMap { comp -> Double? in
                        guard let v = comp.values[name] else { return nil }
                        return comp.better.score(v, best: best(comp, names.compactMap { comp.values[$0] }))
                    }
                    if !parts.isEmpty { scores[name] = parts.reduce(0, +) / Double(parts.count) }
                }
            }
            var dropped: String?
            if counted.isEmpty, weight > 0 {
                dropped =
                    components.isEmpty
                    ? "nothing to score it from"
                    : Array(Set(components.compactMap(\.droppedBecause))).sorted().joined(separator: "; ")
            }
            criteria.append(
                CriterionResult(
                    criterion: criterion, basis: criterion.basis, weight: weight, share: 0, scored: !counted.isEmpty,
                    droppedBecause: dropped, scores: scores, components: components))
        }
        let countedWeight = criteria.filter(\.counted).reduce(0) { $0 + $1.weight }
        for i in criteria.indices where criteria[i].counted { criteria[i].share = criteria[i].weight / countedWeight }

        let dropped = criteria.filter { $0.droppedBecause != nil }
        if !dropped.isEmpty {
            let list = dropped.map { "\($0.criterion.title) (\($0.droppedBecause!))" }.joined(separator: "; ")
            notes.append(
                countedWeight > 0
                    ? "Left out and the other weights renormalised to sum to 100%: \(list)."
                    : "Nothing could be scored: \(list).")
        }
        let partial = criteria.filter { $0.counted && $0.components.contains { !$0.counted } }
        for c in partial {
            let gone = c.components.filter { !$0.counted }.map { "\($0.key) (\($0.droppedBecause ?? "no data"))" }
            notes.append("\(c.criterion.title.capitalizedFirst) is scored without \(gone.joined(separator: ", ")).")
        }

        // A contender with no score on a counted criterion (no published figure at all) is
        // totalled over the criteria it has: the gap's weight is spread over the rest, and said.
        for c in criteria where c.counted {
            for cand in candidates where c.scores[cand.name] == nil {
                notes.append(
                    "\(cand.displayName) has no data for \(c.criterion.title): its \(Format.fixed(c.share * 100, 0))% of the weight is spread over its other criteria."
                )
            }
        }
        var ranking: [RankedContender] = []
        if countedWeight > 0 {
            let totals = candidates.map { cand -> RankedContender in
                let own = criteria.filter { $0.counted && $0.scores[cand.name] != nil }
                let weight = own.reduce(0.0) { $0 + $1.weight }
                let sum = own.reduce(0.0) { $0 + $1.weight * $1.scores[cand.name]! }
                return RankedContender(rank: 0, candidate: cand, total: weight > 0 ? sum / weight : 0)
            }
            ranking = totals.sorted {
                abs($0.total - $1.total) > tieTolerance ? $0.total > $1.total : $0.candidate.name < $1.candidate.name
            }
            for i in ranking.indices {
                ranking[i].rank =
                    i > 0 && abs(ranking[i].total - ranking[i - 1].total) <= tieTolerance ? ranking[i - 1].rank : i + 1
            }
        }
        return Scoring(criteria: criteria, ranking: ranking, notes: notes)
    }
}

extension Scorer {
    /// The best value of a component. For lower-is-better figures a 0 (a free
    /// contender, an instant start) scores 1 and the others are compared with
    /// the smallest value above 0, so a zero never zeroes everyone else.
    static func best(_ comp: Component, _ values: [Double]) -> Double {
        if comp.better == .lower, values.contains(0), let positive = values.filter({ $0 > 0 }).min() { return positive }
        return comp.better.best(values) ?? 0
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
