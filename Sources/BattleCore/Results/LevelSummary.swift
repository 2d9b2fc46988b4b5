/// Medians and spreads of a level's trials: what tables and charts show.
///
/// Spread is reported as min...max over trials and as the median absolute
/// deviation relative to the median (`relativeMAD`), which `battle compare`
/// uses as the noise floor.
public struct LevelSummary: Codable, Sendable, Equatable {
    public var trials: Int
    public var requestsPerSecond: Spread
    public var p50Micros: Spread
    public var p99Micros: Spread
    public var p999Micros: Spread
    public var maxMicros: Spread
    /// Server CPU microseconds per successful response, median over trials.
    public var cpuMicrosPerRequest: Double?
    /// Successful responses per server CPU-second, median over trials.
    public var requestsPerCPUSecond: Double?
    public var peakRSSBytes: Int?
    public var errors: Int
    /// Non-2xx responses summed over trials.
    public var non2xx: Int
    public var clientBoundTrials: Int

    public init(trials list: [TrialResult]) {
        trials = list.count
        requestsPerSecond = Spread(list.map(\.load.requestsPerSecond))
        p50Micros = Spread(list.compactMap { $0.load.latency.p50 })
        p99Micros = Spread(list.compactMap { $0.load.latency.p99 })
        p999Micros = Spread(list.compactMap { $0.load.latency.p999 })
        maxMicros = Spread(list.map(\.load.latency.maxMicros))
        let cpu = list.compactMap(\.cpuMicrosPerRequest)
        cpuMicrosPerRequest = cpu.isEmpty ? nil : Statistics.median(cpu)
        requestsPerCPUSecond = cpuMicrosPerRequest.flatMap { $0 > 0 ? 1e6 / $0 : nil }
        peakRSSBytes = list.compactMap { $0.server?.peakRSSBytes }.max()
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
