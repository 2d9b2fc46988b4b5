/// Periodic stalls in an interval series: spikes of the per-interval maximum
/// at a regular period, as a collector running every few seconds gives.
/// Pure: the report calls it on the pause probe's series; tests on made-up ones.
public struct PeriodicStalls: Sendable, Equatable {
    /// Mean time between the spikes, in seconds.
    public var periodSeconds: Double
    /// Where each spike's interval starts (a spike over neighbouring intervals counts once, at its first).
    public var spikeStarts: [Double]
    /// Median maximum of the spike intervals, in microseconds.
    public var typicalSpikeMicros: Double
    /// Median maximum of all intervals: what a spike stands out from.
    public var baselineMicros: Double

    public var spikes: Int { spikeStarts.count }

    /// A spike is an interval whose maximum is at least `factor` times the
    /// median interval maximum and `floorMicros` above it, and stands apart
    /// from the intervals that are not spikes: the smallest spike is at
    /// least twice the largest of the rest (so a busy machine's small
    /// hiccups do not blur the pattern of a large periodic stall). From the
    /// highest such cut down, the first set of at least `minimumSpikes`
    /// spikes is periodic when every gap between neighbouring spikes is
    /// within a quarter of the mean gap, or one interval (the series'
    /// resolution), of it. Spikes over neighbouring intervals count once;
    /// intervals without responses are skipped. Nil when the series shows
    /// no periodic stalls.
    public static func detect(
        _ series: [LoadInterval], factor: Double = 4, floorMicros: Double = 1_000, minimumSpikes: Int = 3
    ) -> PeriodicStalls? {
        let answered = series.filter { $0.requests > 0 }
        guard answered.count >= minimumSpikes * 2 else { return nil }
        let baseline = Statistics.median(answered.map(\.maxMicros))
        let floor = max(baseline * factor, baseline + floorMicros)
        let resolution = Statistics.median(answered.map(\.seconds))
        let maxima = Array(Set(answered.map(\.maxMicros))).sorted(by: >)
        for (i, cut) in maxima.enumerated() where cut >= floor {
            let rest = i + 1 < maxima.count ? maxima[i + 1] : 0
            guard cut >= 2 * rest else { continue }
            var starts: [Double] = []
            var spikeMaxima: [Double] = []
            var previousWasSpike = false
            for interval in answered {
                let spike = interval.maxMicros >= cut
                if spike {
                    spikeMaxima.append(interval.maxMicros)
                    if !previousWasSpike { starts.append(interval.startSeconds) }
                }
                previousWasSpike = spike
            }
            guard starts.count >= minimumSpikes, let first = starts.first, let last = starts.last else { continue }
            let period = (last - first) / Double(starts.count - 1)
            let tolerance = max(period / 4, resolution)
            let regular = zip(starts, starts.dropFirst()).allSatisfy { abs(($1 - $0) - period) <= tolerance + 1e-9 }
            guard regular, period > resolution * 1.5 else { continue }
            return PeriodicStalls(
                periodSeconds: period, spikeStarts: starts, typicalSpikeMicros: Statistics.median(spikeMaxima),
                baselineMicros: baseline)
        }
        return nil
    }
}

/// The largest rise of p99 from one interval to the next.
public struct IntervalJump: Sendable, Equatable {
    /// Start of the interval the rise lands in, in seconds.
    public var atSeconds: Double
    public var fromMicros: Double
    public var toMicros: Double

    public var riseMicros: Double { toMicros - fromMicros }

    /// Nil with fewer than two answered intervals or when p99 never rises.
    public static func largestP99(_ series: [LoadInterval]) -> IntervalJump? {
        let answered = series.filter { $0.requests > 0 }
        var best: IntervalJump?
        for (a, b) in zip(answered, answered.dropFirst()) where b.p99Micros > a.p99Micros {
            if best == nil || b.p99Micros - a.p99Micros > best!.riseMicros {
                best = IntervalJump(atSeconds: b.startSeconds, fromMicros: a.p99Micros, toMicros: b.p99Micros)
            }
        }
        return best
    }
}
