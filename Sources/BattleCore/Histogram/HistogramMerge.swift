import Histogram

/// Several load agents' latencies merged exactly (issue 20): counts are
/// added bucket by bucket, never percentiles averaged. Two histograms of one
/// layout (lowest discernible value, highest trackable value, significant
/// digits) index every value to the same bucket (`HistogramLayout`), so the
/// sum of N agents' histograms is the histogram one agent would have recorded
/// from all their requests: every percentile, the count, the min and the max
/// are those of the whole. Histograms of different layouts are refused before
/// anything is added (adding would move counts between buckets, or trap).
/// Corrected and uncorrected histograms are merged apart, by separate calls.
public enum HistogramMerge {
    /// What makes two histograms' buckets the same.
    public struct Layout: Equatable, Sendable, CustomStringConvertible {
        public var lowestDiscernibleValue: UInt64
        public var highestTrackableValue: UInt64
        public var significantDigits: Int

        public init(_ h: Histogram<UInt64>) {
            lowestDiscernibleValue = h.lowestDiscernibleValue
            highestTrackableValue = h.highestTrackableValue
            significantDigits = Int(h.numberOfSignificantValueDigits.rawValue)
        }

        public var description: String {
            "lowest \(lowestDiscernibleValue), highest \(highestTrackableValue), \(significantDigits) significant digits"
        }
    }

    public enum MergeError: Error, Equatable, CustomStringConvertible {
        case noAgents
        /// Agent `agent`'s histogram is not laid out as agent 0's.
        case layoutMismatch(agent: Int, expected: Layout, found: Layout)
        /// An interval of agent `agent` starts `offBy` seconds away from the grid on T0.
        case misaligned(agent: Int, start: Double, offBy: Double)

        public var description: String {
            switch self {
            case .noAgents: "nothing to merge: no agent gave a histogram"
            case .layoutMismatch(let agent, let expected, let found):
                "agent \(agent)'s histogram layout (\(found)) differs from agent 0's (\(expected)); every agent must record with the same layout"
            case .misaligned(let agent, let start, let offBy):
                "agent \(agent)'s interval at \(HistogramLog.fixed(start)) s is \(HistogramLog.fixed(offBy)) s off the intervals on T0; its clock or its start is off"
            }
        }
    }

    /// Refuses histograms whose layouts differ from the first one's.
    public static func checkLayouts(_ histograms: [Histogram<UInt64>]) throws(MergeError) {
        guard let first = histograms.first else { throw .noAgents }
        let expected = Layout(first)
        for (agent, h) in histograms.enumerated() where Layout(h) != expected {
            throw .layoutMismatch(agent: agent, expected: expected, found: Layout(h))
        }
    }

    /// The agents' histograms added: one histogram of every request.
    public static func total(_ histograms: [Histogram<UInt64>]) throws(MergeError) -> Histogram<UInt64> {
        try checkLayouts(histograms)
        var merged = histograms[0]
        for h in histograms.dropFirst() { merged.add(h) }
        return merged
    }

    /// One agent's interval log with its start on the coordinator's clock
    /// (the agent's own start time corrected by its measured clock offset).
    public struct AgentLog: Sendable {
        public var agent: Int
        /// Seconds since the epoch, coordinator's clock, of the log's time 0.
        public var startTime: Double
        public var entries: [HistogramLog.Entry]

        public init(agent: Int, startTime: Double, entries: [HistogramLog.Entry]) {
            self.agent = agent
            self.startTime = startTime
            self.entries = entries
        }
    }

    /// The agents' intervals added on one grid: an interval starting at
    /// `startTime + start` goes to slot round((that - t0) / intervalSeconds);
    /// one further than `tolerance` intervals from its slot is refused. The
    /// result has one entry per slot that any agent filled, in order, each
    /// `intervalSeconds` long and starting at `slot * intervalSeconds` after T0.
    public static func intervals(
        _ logs: [AgentLog], t0: Double, intervalSeconds: Double, tolerance: Double = 0.25
    ) throws(MergeError) -> [HistogramLog.Entry] {
        let all = logs.flatMap { $0.entries.map(\.histogram) }
        try checkLayouts(all)
        var slots: [Int: Histogram<UInt64>] = [:]
        for log in logs {
            for entry in log.entries {
                let offset = (log.startTime + entry.start - t0) / intervalSeconds
                let slot = Int(offset.rounded())
                let off = (offset - Double(slot)) * intervalSeconds
                guard abs(off) <= tolerance * intervalSeconds else {
                    throw .misaligned(agent: log.agent, start: log.startTime + entry.start - t0, offBy: off)
                }
                if slots[slot] == nil {
                    slots[slot] = entry.histogram
                } else {
                    slots[slot]!.add(entry.histogram)
                }
            }
        }
        return slots.keys.sorted().map { slot in
            HistogramLog.Entry(
                start: Double(slot) * intervalSeconds, length: intervalSeconds, histogram: slots[slot]!)
        }
    }
}
