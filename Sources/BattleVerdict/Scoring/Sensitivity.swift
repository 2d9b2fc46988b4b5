/// How far one criterion's weight would have to move, the others kept in
/// proportion, for the runner-up to overtake the leader.
public struct WeightFlip: Codable, Sendable, Equatable {
    public var criterion: Criterion
    /// The criterion's share of the weight now and at the flip, 0...1.
    public var fromShare: Double
    public var toShare: Double
}

public struct Sensitivity: Codable, Sendable, Equatable {
    public var leader: String
    public var runnerUp: String
    /// Leader's total minus the runner-up's.
    public var margin: Double
    /// Criteria whose weight change would flip the top two, smallest change first.
    public var flips: [WeightFlip]
    /// Every other rank change: for each pair of neighbours below the top two,
    /// the smallest single weight change that would swap them.
    public var lowerFlips: [PairFlip]? = nil

    /// With weights w (sum W) and score gaps d_k = s_leader,k - s_runnerUp,k, the
    /// lead is D = Σ w_k d_k. Changing w_k by δ gives D + δ d_k, which crosses 0 at
    /// δ = -D / d_k: a raise when d_k < 0, a cut (down to 0 at most) when d_k > 0.
    /// Every scored criterion is tried, including those weighted 0 now.
    public static func analyse(_ scoring: Scoring) -> Sensitivity? {
        guard scoring.ranking.count >= 2 else { return nil }
        guard var top = analyse(scoring, scoring.ranking[0].candidate.name, scoring.ranking[1].candidate.name) else {
            return nil
        }
        if scoring.ranking.count > 2 {
            top.lowerFlips = (1..<(scoring.ranking.count - 1)).compactMap { k in
                let upper = scoring.ranking[k].candidate.name
                let lower = scoring.ranking[k + 1].candidate.name
                guard let s = analyse(scoring, upper, lower), let f = s.flips.first else { return nil }
                return PairFlip(upper: upper, lower: lower, margin: s.margin, flip: f)
            }
        }
        return top
    }

    /// The flips between `a` (ranked above) and `b`.
    static func analyse(_ scoring: Scoring, _ a: String, _ b: String) -> Sensitivity? {
        let scored = scoring.criteria.filter { $0.scored && $0.scores[a] != nil && $0.scores[b] != nil }
        let counted = scored.filter(\.counted)
        let total = counted.reduce(0) { $0 + $1.weight }
        guard total > 0 else { return nil }
        let lead = counted.reduce(0.0) { $0 + $1.weight * ($1.scores[a]! - $1.scores[b]!) }
        var flips: [WeightFlip] = []
        for c in scored {
            let gap = c.scores[a]! - c.scores[b]!
            guard abs(gap) > 1e-12 else { continue }
            let w = c.counted ? c.weight : 0
            let delta = -lead / gap
            let newWeight = w + delta
            // Cutting the only counted criterion to nothing leaves no ranking: not a flip.
            guard newWeight >= 0, total + delta > 1e-12, lead > Scorer.tieTolerance || abs(delta) > 0 else { continue }
            let from = w / total
            let to = newWeight / (total + delta)
            // A raise of the criterion the runner-up wins, or a cut of one the leader wins.
            if (gap < 0 && delta > 0) || (gap > 0 && delta < 0) {
                flips.append(WeightFlip(criterion: c.criterion, fromShare: from, toShare: to))
            }
        }
        flips.sort { abs($0.toShare - $0.fromShare) < abs($1.toShare - $1.fromShare) }
        return Sensitivity(leader: a, runnerUp: b, margin: lead / total, flips: flips)
    }
}

/// The smallest weight change that would swap two neighbours in the ranking.
public struct PairFlip: Codable, Sendable, Equatable {
    public var upper: String
    public var lower: String
    public var margin: Double
    public var flip: WeightFlip
}
