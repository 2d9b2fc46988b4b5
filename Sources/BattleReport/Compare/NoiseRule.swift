import BattleCore

/// When a change between two runs counts as real rather than noise
/// (docs/REPORTS.md, "When is a change significant").
///
/// A change is significant only when all three hold:
/// 1. both runs have at least two trials with the figure (one trial says
///    nothing about noise);
/// 2. the trials do not overlap: every trial of one run is beyond every
///    trial of the other (min..max ranges are disjoint);
/// 3. the relative change of the medians exceeds both `madFactor` times the
///    larger relative MAD of the two runs and `minimumEffect`.
public struct NoiseRule: Sendable, Equatable {
    public var madFactor: Double
    /// Changes smaller than this fraction are never significant (run-to-run
    /// drift of a machine is of this order).
    public var minimumEffect: Double

    public init(madFactor: Double = 3, minimumEffect: Double = 0.01) {
        self.madFactor = madFactor
        self.minimumEffect = minimumEffect
    }

    public static let standard = NoiseRule()

    public enum Outcome: Equatable, Sendable {
        /// Significant and in the bad direction.
        case regression
        /// Significant and in the good direction.
        case improvement
        /// Within the spread measured across trials.
        case noise
        /// Noise cannot be judged (fewer than two trials on a side, or a zero median).
        case unknown(String)
    }

    /// The threshold a relative change must exceed, given both runs' spreads.
    public func threshold(_ old: Spread, _ new: Spread) -> Double {
        max(madFactor * max(old.relativeMAD, new.relativeMAD), minimumEffect)
    }

    public func classify(old: Spread, new: Spread, higherIsBetter: Bool) -> Outcome {
        guard old.count >= 2, new.count >= 2 else {
            return .unknown(
                "\(min(old.count, new.count)) trial\(min(old.count, new.count) == 1 ? "" : "s"): noise unknown")
        }
        guard old.median != 0 else { return .unknown("old median is zero") }
        let change = new.median / old.median - 1
        let disjoint = new.min > old.max || new.max < old.min
        guard disjoint, abs(change) > threshold(old, new) else { return .noise }
        let better = higherIsBetter ? change > 0 : change < 0
        return better ? .improvement : .regression
    }
}
