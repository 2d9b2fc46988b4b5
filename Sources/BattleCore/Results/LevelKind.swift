/// What a level measures, so readers do not have to infer it from its label.
///
/// Reports and the verdict compare each kind only with the same kind:
/// throughput at `peak` levels (at the run's CPU budget), latency,
/// efficiency and memory at `equalRate` levels (one offered rate for every
/// contender), capacity from `capacityStep` levels, runtime behaviour at
/// `largeHeap` levels.
public enum LevelKind: String, Codable, Sendable, CaseIterable {
    /// Closed loop at a fixed number of connections: the highest throughput.
    case peak
    /// Open loop at the run's equal rate for this test: the same work for every contender.
    case equalRate
    /// Open loop at one rate of the capacity search under the SLO.
    case capacityStep
    /// Closed loop with a large live heap (`BATTLE_LIVE_HEAP_MB`).
    case largeHeap

    /// The kind of a level written before levels recorded one (results from
    /// battle 0.x): large heap when it had one, equal rate when it was open
    /// loop, peak otherwise.
    public static func inferred(rate: Double?, liveHeapMB: Int?) -> LevelKind {
        if (liveHeapMB ?? 0) > 0 { return .largeHeap }
        return rate == nil ? .peak : .equalRate
    }
}
