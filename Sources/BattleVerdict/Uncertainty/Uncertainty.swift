import BattleCore

/// How sure a verdict is: the ranking recomputed on bootstrap resamples of
/// the run (`Resampler`), with each total's interval, how often each
/// contender came first, and whether the leader is separable from the rest.
public struct Uncertainty: Codable, Sendable, Equatable {
    /// The leader is the winner only when, in at least this share of
    /// resamples, its total beats every other contender's by at least
    /// `minimumLead`; otherwise the verdict says there is no clear winner.
    public static let separableShare = 0.9
    /// The smallest lead (in score points, 0...1) worth a decision.
    public static let minimumLead = 0.03
    public static let defaultResamples = 400
    public static let defaultSeed: UInt64 = 0x6261_7474_6c65  // "battle"

    public var resamples: Int
    public var seed: UInt64
    /// 95% interval of each ranked contender's total over the resamples.
    public var totals: [String: Interval]
    /// Share of resamples in which each contender ranked first (a tie for first splits the credit).
    public var firstShares: [String: Double]
    /// Share of resamples in which the leader's total beat each other
    /// contender's by at least `minimumLead`.
    public var leadShares: [String: Double]
    /// True when the leader's lead over every other contender held in at least `separableShare` of resamples.
    public var clearWinner: Bool
    /// When there is no clear winner: the leader and every contender it did not separate from, in ranking order.
    public var tiedForFirst: [String]
    /// 95% interval of the leader's value ÷ the runner-up's, per counted
    /// component, keyed `criterion/component` (e.g. `tail-latency/json`).
    public var ratios: [String: Interval]

    public static func key(_ criterion: Criterion, _ component: String) -> String { "\(criterion.rawValue)/\(component)" }
}

/// Bootstrap copies of one results file, drawn once and shared by every
/// profile's verdict (they do not depend on the profile).
public struct Resamples: Sendable {
    public let seed: UInt64
    public let copies: [RunResults]

    public init(_ results: RunResults, count: Int = Uncertainty.defaultResamples, seed: UInt64 = Uncertainty.defaultSeed) {
        self.seed = seed
        var rng = SplitMix64(seed: seed)
        let resampler = Resampler(results)
        copies = (0..<max(count, 0)).map { _ in resampler.resample(results, using: &rng) }
    }
}

enum UncertaintyAnalysis {
    /// Scores the bootstrap copies of the run exactly as the verdict scores
    /// the original (same profile, dataset and cost question).
    static func analyse(_ resamples: Resamples, point: Scoring, score: (RunResults) -> Scoring) -> Uncertainty? {
        guard !resamples.copies.isEmpty, point.ranking.count >= 2 else { return nil }
        let seed = resamples.seed
        let names = point.ranking.map(\.candidate.name)
        let leader = names[0]
        let runnerUp = names[1]
        var totals: [String: [Double]] = [:]
        var first: [String: Double] = [:]
        var ratios: [String: [Double]] = [:]
        var leads: [String: Double] = [:]
        let keys: [(Criterion, String)] = point.criteria.filter(\.counted).flatMap { c in
            c.components.filter(\.counted).map { (c.criterion, $0.key) }
        }
        let count = resamples.copies.count
        for copy in resamples.copies {
            let s = score(copy)
            for r in s.ranking { totals[r.candidate.name, default: []].append(r.total) }
            let total = Dictionary(uniqueKeysWithValues: s.ranking.map { ($0.candidate.name, $0.total) })
            for other in names.dropFirst() where (total[leader] ?? 0) - (total[other] ?? 0) >= Uncertainty.minimumLead {
                leads[other, default: 0] += 1
            }
            let winners = s.ranking.filter { $0.rank == 1 }.map(\.candidate.name)
            for w in winners { first[w, default: 0] += 1 / Double(winners.count) }
            for (criterion, key) in keys {
                guard let comp = s.criteria.first(where: { $0.criterion == criterion })?.components.first(where: { $0.key == key }),
                    let a = comp.values[leader], let b = comp.values[runnerUp], b != 0, a.isFinite, b.isFinite
                else { continue }
                ratios[Uncertainty.key(criterion, key), default: []].append(a / b)
            }
        }
        let shares = Dictionary(uniqueKeysWithValues: names.map { ($0, (first[$0] ?? 0) / Double(count)) })
        let leadShares = Dictionary(uniqueKeysWithValues: names.dropFirst().map { ($0, (leads[$0] ?? 0) / Double(count)) })
        let close = names.dropFirst().filter { (leadShares[$0] ?? 0) < Uncertainty.separableShare }
        let clear = close.isEmpty
        return Uncertainty(
            resamples: count, seed: seed, totals: totals.compactMapValues { Interval($0) }, firstShares: shares,
            leadShares: leadShares, clearWinner: clear, tiedForFirst: clear ? [] : [leader] + close,
            ratios: ratios.compactMapValues { Interval($0) })
    }
}
