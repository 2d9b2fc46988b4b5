import BattleCore
import BattleVerdict
import Foundation

/// When a change between two runs counts as real rather than noise
/// (docs/REPORTS.md, "When is a change significant"): the same resampling as
/// the verdict's (docs/VERDICT.md).
///
/// For one figure of one level, the trials of OLD and of NEW are resampled
/// with replacement, each draw scaled by exp(σ·z) where σ is the pooled
/// relative spread of that figure between trials of a level (both runs, at
/// least 1%: with two or three trials a level's own spread says little), and
/// the ratio of medians NEW ÷ OLD is taken. The change is significant only
/// when the 95% interval of that ratio excludes 1 by more than
/// `minimumEffect` (entirely above 1 + effect, or below 1 − effect); both
/// runs need at least two trials. Its false-positive rate, measured on pairs
/// of runs drawn from one distribution, is under 1% (CompareTests).
public struct NoiseRule: Sendable, Equatable {
    /// Changes whose interval does not clear this fraction are never significant
    /// (a machine's run-to-run drift is of this order).
    public var minimumEffect: Double
    public var resamples: Int
    public var seed: UInt64

    public init(minimumEffect: Double = 0.03, resamples: Int = 1000, seed: UInt64 = Uncertainty.defaultSeed) {
        self.minimumEffect = minimumEffect
        self.resamples = resamples
        self.seed = seed
    }

    public static let standard = NoiseRule()

    public enum Outcome: Equatable, Sendable {
        /// Significant and in the bad direction.
        case regression
        /// Significant and in the good direction.
        case improvement
        /// The interval of the change reaches within the minimum effect of no change.
        case noise
        /// Noise cannot be judged (fewer than two trials on a side, or a zero median).
        case unknown(String)
    }

    public struct Judgement: Equatable, Sendable {
        public var outcome: Outcome
        /// 95% interval of NEW ÷ OLD; nil when it could not be judged.
        public var interval: Interval?
    }

    /// Pooled relative spread of `groups`, at least 1% (`Resampler.pooledSpread`, as the verdict pools it).
    public static func pooledSpread(_ groups: [[Double]]) -> Double { Resampler.pooledSpread(groups) }

    public func judge(old: [Double], new: [Double], spread: Double, higherIsBetter: Bool) -> Judgement {
        guard old.count >= 2, new.count >= 2 else {
            let n = min(old.count, new.count)
            return Judgement(outcome: .unknown("\(n) trial\(n == 1 ? "" : "s"): noise unknown"), interval: nil)
        }
        guard Statistics.median(old) != 0 else { return Judgement(outcome: .unknown("old median is zero"), interval: nil) }
        // The seed depends on the data, so a figure's judgement does not depend on which figures came before it.
        var rng = SplitMix64(seed: seed ^ UInt64(truncatingIfNeeded: (old + new).reduce(0) { $0 &* 31 &+ $1.bitPattern }))
        func draw(_ xs: [Double]) -> Double {
            Statistics.median(xs.indices.map { _ in xs[rng.int(in: 0...(xs.count - 1))] * exp(spread * Resampler.normal(&rng)) })
        }
        var ratios: [Double] = []
        ratios.reserveCapacity(resamples)
        for _ in 0..<max(resamples, 1) {
            let o = draw(old)
            if o != 0 { ratios.append(draw(new) / o) }
        }
        guard let interval = Interval(ratios) else { return Judgement(outcome: .unknown("no ratio"), interval: nil) }
        let up = interval.low > 1 + minimumEffect
        let down = interval.high < 1 - minimumEffect
        guard up || down else { return Judgement(outcome: .noise, interval: interval) }
        return Judgement(outcome: up == higherIsBetter ? .improvement : .regression, interval: interval)
    }
}
