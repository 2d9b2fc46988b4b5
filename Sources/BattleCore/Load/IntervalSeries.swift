import Histogram

/// One entry of `battle load --json`'s `intervals`: what the measured
/// window's responses looked like over `seconds` from `startSeconds` (after
/// the window opened). Latency is the corrected view in open loop; a
/// response counts in the interval it arrived in.
public struct LoadInterval: Codable, Sendable, Equatable {
    public var startSeconds: Double
    public var seconds: Double
    public var requests: Int
    /// Failed requests and connect attempts noticed in the interval.
    public var errors: Int
    public var p50Micros: Double
    public var p99Micros: Double
    public var p999Micros: Double
    public var maxMicros: Double

    public init(
        startSeconds: Double, seconds: Double, requests: Int, errors: Int, p50Micros: Double, p99Micros: Double,
        p999Micros: Double, maxMicros: Double
    ) {
        self.startSeconds = startSeconds
        self.seconds = seconds
        self.requests = requests
        self.errors = errors
        self.p50Micros = p50Micros
        self.p99Micros = p99Micros
        self.p999Micros = p999Micros
        self.maxMicros = maxMicros
    }
}

/// The bounded per-interval series of a run: at most `cap` entries, however
/// long the run. When the number of intervals is known up front (a run with
/// a duration), each entry covers `step` consecutive intervals (1 unless
/// there would be more than `cap`), merged as histograms, so its figures are
/// exact. When it is not (`-n` alone) and the series fills up, neighbouring
/// entries are merged pairwise and `step` doubles: such a merged entry sums
/// requests and errors and keeps the larger of each percentile and of the
/// maximum (an upper bound: spikes stay visible).
public struct IntervalSeries: Sendable {
    public static let cap = 3_600

    public let cap: Int
    /// Intervals per entry.
    public private(set) var step: Int
    public private(set) var entries: [LoadInterval] = []
    private var pending: Pending?

    private struct Pending: Sendable {
        var start: Double
        var seconds: Double
        var histogram: Histogram<UInt64>
        var requests: Int
        var errors: Int
        var intervals: Int
    }

    /// `expectedIntervals`: how many intervals the run will have, when known.
    public init(expectedIntervals: Int?, cap: Int = IntervalSeries.cap) {
        self.cap = max(2, cap)
        step = max(1, ((expectedIntervals ?? 1) + self.cap - 1) / self.cap)
    }

    /// Adds the next interval, in order.
    public mutating func add(
        start: Double, seconds: Double, histogram: Histogram<UInt64>, requests: Int, errors: Int
    ) {
        if pending == nil {
            pending = Pending(
                start: start, seconds: seconds, histogram: histogram, requests: requests, errors: errors, intervals: 1)
        } else {
            pending!.seconds = start + seconds - pending!.start
            pending!.histogram.add(histogram)
            pending!.requests += requests
            pending!.errors += errors
            pending!.intervals += 1
        }
        if pending!.intervals >= step { flush() }
    }

    /// The series, with a last partial entry.
    public mutating func finish() -> [LoadInterval] {
        flush()
        return entries
    }

    private mutating func flush() {
        guard let p = pending else { return }
        pending = nil
        if entries.count == cap { halve() }
        let h = p.histogram
        let empty = h.totalCount == 0
        entries.append(
            LoadInterval(
                startSeconds: p.start, seconds: p.seconds, requests: p.requests, errors: p.errors,
                p50Micros: empty ? 0 : Double(h.valueAtPercentile(50)),
                p99Micros: empty ? 0 : Double(h.valueAtPercentile(99)),
                p999Micros: empty ? 0 : Double(h.valueAtPercentile(99.9)), maxMicros: empty ? 0 : Double(h.max)))
    }

    /// Merges neighbouring entries pairwise; later entries cover twice as many intervals.
    private mutating func halve() {
        entries = stride(from: 0, to: entries.count, by: 2).map { i in
            guard i + 1 < entries.count else { return entries[i] }
            let a = entries[i]
            let b = entries[i + 1]
            return LoadInterval(
                startSeconds: a.startSeconds, seconds: b.startSeconds + b.seconds - a.startSeconds,
                requests: a.requests + b.requests, errors: a.errors + b.errors,
                p50Micros: max(a.p50Micros, b.p50Micros), p99Micros: max(a.p99Micros, b.p99Micros),
                p999Micros: max(a.p999Micros, b.p999Micros), maxMicros: max(a.maxMicros, b.maxMicros))
        }
        step *= 2
    }
}
