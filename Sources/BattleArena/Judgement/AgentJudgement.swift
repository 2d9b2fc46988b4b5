import BattleCore

/// What a level run by load agents (`battle run --hosts`) says about its own
/// side, as `LoadAssessment` does for a single load generator: a level an
/// agent limited (missed its rate, generator-bound, its CPUs busy) is a
/// lower bound, never ranked, like a client-bound one; an invalid level (an
/// agent died or gave no result, a clock off by more than the bound) is
/// reported as the trial's error and not ranked either. Pure.
struct AgentJudgement: Sendable, Equatable {
    /// Shown as a lower bound and never ranked (the client-bound flag).
    var notRanked: Bool
    /// The trial's error, for an invalid level.
    var error: String?
    /// For the run's notes: why, in a few words.
    var reason: String?

    static func judge(_ standing: LevelStanding?) -> AgentJudgement {
        guard let standing else { return AgentJudgement(notRanked: false) }
        switch standing.verdict {
        case .valid: return AgentJudgement(notRanked: false)
        case .lowerBound:
            return AgentJudgement(notRanked: true, reason: "agents: " + standing.reasons.joined(separator: "; "))
        case .invalid:
            let why = standing.reasons.joined(separator: "; ")
            return AgentJudgement(
                notRanked: true, error: "the merged level is invalid: \(why)", reason: "invalid: \(why)")
        }
    }
}
