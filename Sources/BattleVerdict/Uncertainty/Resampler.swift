import BattleCore
import Foundation

/// One bootstrap resample of a results file: what the run could as well have
/// measured, given the spread of its own trials. Pure and seeded.
///
/// - Every level's trials are drawn with replacement (as many as it has), and
///   the level is summarised again, so medians, CPU per request, RSS and
///   client-bound counts move together, as they were measured.
/// - With two or three trials a level's own spread says little, so each drawn
///   trial is also scaled by a factor exp(σ·z) per figure (a smoothed
///   bootstrap): σ is the run's pooled relative spread of that figure between
///   trials of the same level (throughput at peak levels, latency, CPU,
///   RSS), at least `minimumSpread`. This is deliberately on the cautious
///   side: it widens intervals rather than narrow them.
/// - Startup time is the median of its starts drawn with replacement.
/// - A figure measured once gets a spread of its own, stated in the docs:
///   clean and incremental build times get a relative spread of
///   `singleSampleSpread` (an assumption) plus `buildSpreadSeconds`, and a
///   capacity a relative spread of `capacitySpread` (measured: see there).
/// - Lines of code, binary size and published figures do not vary.
public struct Resampler: Sendable {
    public static let singleSampleSpread = 0.10
    /// Seconds of spread every build time gets besides its relative one: a
    /// sub-second incremental build is mostly process start-up and noise.
    public static let buildSpreadSeconds = 0.5
    /// The relative spread of a capacity (one search per contender): measured,
    /// not assumed: the Go contender's json capacity in three quick runs on the
    /// reference machine was 11.4k, 15.4k and 20.0k req/s, and two copies of it
    /// in one run differed by a quarter.
    public static let capacitySpread = 0.2
    public static let minimumSpread = 0.01

    /// Pooled relative spreads of the run (standard deviations of log ratios to the level's mean).
    public var spread: Spreads

    public struct Spreads: Sendable, Equatable {
        public var throughput: Double
        public var latency: Double
        public var cpu: Double
        public var rss: Double
    }

    public init(_ results: RunResults) {
        let levels = results.contenders.flatMap(\.tests).flatMap(\.levels).filter { $0.trials.count >= 2 }
        spread = Spreads(
            throughput: Self.pooledSpread(levels.filter { $0.kind == .peak }.map { $0.trials.map(\.load.requestsPerSecond) }),
            latency: Self.pooledSpread(levels.map { $0.trials.compactMap { $0.load.latency.p99 } }),
            cpu: Self.pooledSpread(levels.map { $0.trials.compactMap(\.cpuMicrosPerRequest) }),
            rss: Self.pooledSpread(levels.map { $0.trials.compactMap { $0.server.map { Double($0.steadyRSSBytes) } } }))
    }

    /// The pooled relative spread of `groups` (each the trials of one level):
    /// the standard deviation of logs around each group's mean, pooled over
    /// the groups with two or more values, at least `minimumSpread`.
    public static func pooledSpread(_ groups: [[Double]]) -> Double {
        var sum = 0.0
        var dof = 0
        for g in groups {
            let logs = g.filter { $0 > 0 && $0.isFinite }.map { Foundation.log($0) }
            guard logs.count >= 2 else { continue }
            let mean = logs.reduce(0, +) / Double(logs.count)
            sum += logs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            dof += logs.count - 1
        }
        return max(minimumSpread, dof > 0 ? (sum / Double(dof)).squareRoot() : 0)
    }

    public func resample(_ results: RunResults, using rng: inout SplitMix64) -> RunResults {
        var r = results
        for c in r.contenders.indices {
            for t in r.contenders[c].tests.indices {
                for l in r.contenders[c].tests[t].levels.indices {
                    let level = r.contenders[c].tests[t].levels[l]
                    guard !level.trials.isEmpty else { continue }
                    r.contenders[c].tests[t].levels[l].trials = level.trials.indices.map { _ in
                        let drawn = level.trials[rng.int(in: 0...(level.trials.count - 1))]
                        return drawn.scaled(
                            throughput: level.kind == .peak ? Self.logNormal(spread.throughput, &rng) : 1,
                            latency: Self.logNormal(spread.latency, &rng), cpu: Self.logNormal(spread.cpu, &rng),
                            rss: Self.logNormal(spread.rss, &rng))
                    }
                    r.contenders[c].tests[t].levels[l].summarize()
                }
            }
            if var startup = r.contenders[c].startup, let samples = startup.samples, samples.count > 1 {
                let drawn = samples.indices.map { _ in samples[rng.int(in: 0...(samples.count - 1))] }
                startup.secondsToReady = Statistics.median(drawn)
                r.contenders[c].startup = startup
            }
            if var build = r.contenders[c].build {
                func jitter(_ v: Double) -> Double {
                    max(0.1 * v, v * Self.normalFactor(Self.singleSampleSpread, &rng) + Self.buildSpreadSeconds * Self.normal(&rng))
                }
                build.cleanSeconds = build.cleanSeconds.map(jitter)
                build.incrementalSeconds = build.incrementalSeconds.map(jitter)
                r.contenders[c].build = build
            }
            for k in r.contenders[c].capacity.indices {
                r.contenders[c].capacity[k].sustainedRate *= Self.logNormal(Self.capacitySpread, &rng)
            }
        }
        return r
    }

    /// A uniform number in [0, 1).
    static func unit(_ rng: inout SplitMix64) -> Double { Double(rng.next() >> 11) / Double(1 << 53) }

    /// A standard normal number (Box-Muller).
    public static func normal(_ rng: inout SplitMix64) -> Double {
        let u1 = max(unit(&rng), 1e-12)
        let u2 = unit(&rng)
        return (-2 * Foundation.log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// 1 + σ·z for a standard normal z, kept above 0.5.
    static func normalFactor(_ sigma: Double, _ rng: inout SplitMix64) -> Double {
        max(0.5, 1 + sigma * normal(&rng))
    }

    /// exp(σ·z): a multiplicative factor with relative spread σ.
    static func logNormal(_ sigma: Double, _ rng: inout SplitMix64) -> Double { exp(sigma * normal(&rng)) }
}

extension TrialResult {
    /// The same trial with its throughput, latencies, server CPU and RSS scaled.
    func scaled(throughput: Double, latency: Double, cpu: Double, rss: Double) -> TrialResult {
        var t = self
        t.load.requestsPerSecond *= throughput
        func scale(_ l: inout LatencySummary) {
            l.minMicros *= latency
            l.meanMicros *= latency
            l.maxMicros *= latency
            l.percentiles = l.percentiles.map { PercentileValue(percentile: $0.percentile, micros: $0.micros * latency) }
        }
        scale(&t.load.latency)
        if var u = t.load.uncorrectedLatency {
            scale(&u)
            t.load.uncorrectedLatency = u
        }
        if var s = t.server {
            s.cpuSeconds *= cpu
            s.cpuCores *= cpu
            s.peakRSSBytes = Int(Double(s.peakRSSBytes) * rss)
            s.steadyRSSBytes = Int(Double(s.steadyRSSBytes) * rss)
            t.server = s
        }
        return t
    }
}

/// A central interval of a sample: the 2.5th and 97.5th percentiles by default.
public struct Interval: Codable, Sendable, Equatable {
    public var low: Double
    public var high: Double

    public init(low: Double, high: Double) {
        self.low = low
        self.high = high
    }

    /// The interval holding the middle `coverage` of `values` (nearest-rank percentiles).
    public init?(_ values: [Double], coverage: Double = 0.95) {
        let sorted = values.filter(\.isFinite).sorted()
        guard !sorted.isEmpty else { return nil }
        let tail = (1 - coverage) / 2
        func at(_ q: Double) -> Double {
            let i = Int((q * Double(sorted.count - 1)).rounded())
            return sorted[min(max(i, 0), sorted.count - 1)]
        }
        self.init(low: at(tail), high: at(1 - tail))
    }

    public func contains(_ v: Double) -> Bool { v >= low && v <= high }
}
