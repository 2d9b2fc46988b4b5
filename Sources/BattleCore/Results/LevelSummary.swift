/// Medians and spreads of a level's trials: what tables and charts show.
///
/// Spread is reported as min...max over trials and as the median absolute
/// deviation relative to the median (`relativeMAD`), which `battle compare`
/// uses as the noise floor.
public struct LevelSummary: Codable, Sendable, Equatable {
    public var trials: Int
    public var requestsPerSecond: Spread
    public var p50Micros: Spread
    /// Absent in files written before battle recorded it.
    public var p90Micros: Spread?
    public var p99Micros: Spread
    public var p999Micros: Spread
    public var maxMicros: Spread
    /// Open loop: p99 measured from the actual send time (what a naive client
    /// reports), beside the corrected `p99Micros`; nil for closed loop.
    public var uncorrectedP99Micros: Spread?
    /// Open loop: trials whose load generator did not keep the schedule (it
    /// did not really offer the rate); nil for closed loop.
    public var scheduleMissedTrials: Int?
    /// Server CPU microseconds per successful response, median over trials.
    public var cpuMicrosPerRequest: Double?
    /// Successful responses per server CPU-second, median over trials.
    public var requestsPerCPUSecond: Double?
    public var peakRSSBytes: Int?
    /// Median over trials of each trial's median RSS.
    public var steadyRSSBytes: Int?
    public var errors: Int
    /// Non-2xx responses summed over trials.
    public var non2xx: Int
    public var clientBoundTrials: Int

    public init(trials list: [TrialResult]) {
        trials = list.count
        requestsPerSecond = Spread(list.map(\.load.requestsPerSecond))
        p50Micros = Spread(list.compactMap { $0.load.latency.p50 })
        p90Micros = Spread(list.compactMap { $0.load.latency.micros(at: 90) })
        p99Micros = Spread(list.compactMap { $0.load.latency.p99 })
        p999Micros = Spread(list.compactMap { $0.load.latency.p999 })
        maxMicros = Spread(list.map(\.load.latency.maxMicros))
        let openLoop = list.filter { $0.load.schedule != nil }
        uncorrectedP99Micros = openLoop.isEmpty ? nil : Spread(openLoop.compactMap { $0.load.uncorrectedLatency?.p99 })
        scheduleMissedTrials = openLoop.isEmpty ? nil : openLoop.filter { $0.load.schedule?.fellBehind ?? false }.count
        let cpu = list.compactMap(\.cpuMicrosPerRequest)
        cpuMicrosPerRequest = cpu.isEmpty ? nil : Statistics.median(cpu)
        requestsPerCPUSecond = cpuMicrosPerRequest.flatMap { $0 > 0 ? 1e6 / $0 : nil }
        peakRSSBytes = list.compactMap { $0.server?.peakRSSBytes }.max()
        let steady = list.compactMap { $0.server?.steadyRSSBytes }.map(Double.init)
        steadyRSSBytes = steady.isEmpty ? nil : Int(Statistics.median(steady))
        errors = list.reduce(0) { $0 + $1.load.errors.total }
        non2xx = list.reduce(0) { $0 + $1.load.requests - $1.load.successes }
        clientBoundTrials = list.filter(\.clientBound).count
    }
}

/// Median, extremes and relative median absolute deviation of a sample.
public struct Spread: Codable, Sendable, Equatable {
    public var median: Double
    public var min: Double
    public var max: Double
    /// MAD / median (0 for one value or a zero median).
    public var relativeMAD: Double
    public var count: Int

    public init(_ values: [Double]) {
        count = values.count
        guard !values.isEmpty else {
            median = 0
            min = 0
            max = 0
            relativeMAD = 0
            return
        }
        median = Statistics.median(values)
        min = values.min()!
        max = values.max()!
        relativeMAD = median == 0 ? 0 : Statistics.medianAbsoluteDeviation(values) / abs(median)
    }
}
