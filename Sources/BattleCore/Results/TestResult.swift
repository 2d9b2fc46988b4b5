/// The measured levels of one suite test for one contender.
public struct TestResult: Codable, Sendable, Equatable {
    public var test: SuiteTest
    public var levels: [LevelResult]

    public init(test: SuiteTest, levels: [LevelResult]) {
        self.test = test
        self.levels = levels
    }

    /// The peak level with the highest median req/s: the figure a summary table quotes.
    public var bestLevel: LevelResult? {
        levels(.peak).max { $0.summary.requestsPerSecond.median < $1.summary.requestsPerSecond.median }
    }

    /// The measured levels of one kind, in recorded order.
    public func levels(_ kind: LevelKind) -> [LevelResult] {
        levels.filter { $0.kind == kind && !$0.trials.isEmpty }
    }
}

/// One point of a load plan: fixed connections, pipelining, queries, heap size
/// or rate, repeated for several trials.
public struct LevelResult: Codable, Sendable, Equatable {
    /// A short label: `c=64`, `q=20`, `c=256 p=16`, `c=64 heap=512MB`, `rate=5000/s`.
    public var label: String
    public var connections: Int
    public var pipeline: Int
    /// `queries=N` for the queries and updates tests.
    public var queries: Int?
    /// The contender's BATTLE_LIVE_HEAP_MB for this level.
    public var liveHeapMB: Int?
    /// Open-loop rate, nil for closed loop.
    public var rate: Double?
    /// What the level measures; inferred from `rate` and `liveHeapMB` in files that did not record it.
    public var kind: LevelKind
    public var trials: [TrialResult]
    /// Medians and spreads over the trials; recomputed with `summarize()`.
    public var summary: LevelSummary

    public init(
        label: String, connections: Int, pipeline: Int = 1, queries: Int? = nil, liveHeapMB: Int? = nil,
        rate: Double? = nil, kind: LevelKind? = nil, trials: [TrialResult] = []
    ) {
        self.label = label
        self.kind = kind ?? LevelKind.inferred(rate: rate, liveHeapMB: liveHeapMB)
        self.connections = connections
        self.pipeline = pipeline
        self.queries = queries
        self.liveHeapMB = liveHeapMB
        self.rate = rate
        self.trials = trials
        self.summary = LevelSummary(trials: trials)
    }

    public mutating func summarize() { summary = LevelSummary(trials: trials) }

    /// True when any trial's load generator (or what shares its CPUs) was
    /// saturated: the figure may measure the client, so it is a lower bound
    /// and is never ranked.
    public var isClientBound: Bool { summary.clientBoundTrials > 0 }

    enum CodingKeys: String, CodingKey {
        case label, connections, pipeline, queries, liveHeapMB, rate, kind, trials, summary
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        label = try c.decode(String.self, forKey: .label)
        connections = try c.decode(Int.self, forKey: .connections)
        pipeline = try c.decode(Int.self, forKey: .pipeline)
        queries = try c.decodeIfPresent(Int.self, forKey: .queries)
        liveHeapMB = try c.decodeIfPresent(Int.self, forKey: .liveHeapMB)
        rate = try c.decodeIfPresent(Double.self, forKey: .rate)
        kind = try c.decodeIfPresent(LevelKind.self, forKey: .kind) ?? LevelKind.inferred(rate: rate, liveHeapMB: liveHeapMB)
        trials = try c.decode([TrialResult].self, forKey: .trials)
        summary = try c.decode(LevelSummary.self, forKey: .summary)
    }
}

/// One timed run of a level.
public struct TrialResult: Codable, Sendable, Equatable {
    public var trial: Int
    public var load: LoadSummary
    /// The server's process tree over the measured window.
    public var server: ResourceUsage?
    /// True when the load generator's CPU was near its share: the figure may
    /// measure the client, not the server.
    public var clientBound: Bool
    /// Set when the level ended early (the server crashed or hung).
    public var error: String?
    /// How busy the server's and the client's CPUs were, whoever used them.
    public var machine: MachineLoad?
    /// How often the CPU budget held the server back during the trial (with `--server-cpu-limit`).
    public var throttling: Throttling?
    /// Where the server samples' `t = 0` lies on the clock of `load`'s window
    /// (its `intervals`): seconds, negative when sampling began before the window opened.
    public var samplesStartSeconds: Double?
    /// The interval log of `load` (corrected histograms, one per interval),
    /// relative to the run folder: `hdr/<contender>-<test>-<level>-t<trial>.hlog`.
    public var hdrLog: String?
    /// The pause probe run alongside the level, when it was probed.
    public var probe: PauseProbe?

    public init(
        trial: Int, load: LoadSummary, server: ResourceUsage?, clientBound: Bool, error: String? = nil, machine: MachineLoad? = nil,
        throttling: Throttling? = nil
    ) {
        self.trial = trial
        self.load = load
        self.server = server
        self.clientBound = clientBound
        self.error = error
        self.machine = machine
        self.throttling = throttling
    }

    /// Server CPU microseconds per successful response.
    public var cpuMicrosPerRequest: Double? {
        guard let server, load.successes > 0 else { return nil }
        return server.cpuSeconds * 1e6 / Double(load.successes)
    }
}

/// CPU use of the placement's CPU sets over a trial's window, from /proc/stat:
/// what shows another process disturbing a measurement.
public struct MachineLoad: Codable, Sendable, Equatable {
    /// Busy share (0...1) of the server's CPUs, whoever used them.
    public var serverCPUsBusy: Double
    /// Busy share (0...1) of the load generator's CPUs (the load generator,
    /// battle itself and, on small machines, the database).
    public var clientCPUsBusy: Double
    /// CPU cores busy on the server's CPUs beyond what the server's own
    /// processes used: other processes disturbing the measurement.
    public var foreignServerCores: Double?

    public init(serverCPUsBusy: Double, clientCPUsBusy: Double, foreignServerCores: Double?) {
        self.serverCPUsBusy = serverCPUsBusy
        self.clientCPUsBusy = clientCPUsBusy
        self.foreignServerCores = foreignServerCores
    }
}

/// CPU and memory of the server's process tree, sampled about 10 times a second.
public struct ResourceUsage: Codable, Sendable, Equatable {
    /// user + system CPU seconds consumed during the window.
    public var cpuSeconds: Double
    /// CPU seconds per wall second (1.0 = one core busy).
    public var cpuCores: Double
    public var peakRSSBytes: Int
    /// Median RSS over the window's samples.
    public var steadyRSSBytes: Int
    public var maxThreads: Int
    /// The samples, relative to the window's start.
    public var samples: [ResourceSample]

    public init(
        cpuSeconds: Double, cpuCores: Double, peakRSSBytes: Int, steadyRSSBytes: Int, maxThreads: Int,
        samples: [ResourceSample]
    ) {
        self.cpuSeconds = cpuSeconds
        self.cpuCores = cpuCores
        self.peakRSSBytes = peakRSSBytes
        self.steadyRSSBytes = steadyRSSBytes
        self.maxThreads = maxThreads
        self.samples = samples
    }
}

public struct ResourceSample: Codable, Sendable, Equatable {
    /// Seconds since the window started.
    public var t: Double
    /// Cumulative CPU seconds of the process tree since the window started.
    public var cpuSeconds: Double
    public var rssBytes: Int
    public var threads: Int

    public init(t: Double, cpuSeconds: Double, rssBytes: Int, threads: Int) {
        self.t = t
        self.cpuSeconds = cpuSeconds
        self.rssBytes = rssBytes
        self.threads = threads
    }
}

/// The highest open-loop rate a contender sustained while meeting an SLO.
public struct CapacityResult: Codable, Sendable, Equatable {
    public var test: SuiteTest
    /// The SLO as given, e.g. `p99<=10ms`.
    public var slo: String
    /// Highest rate that met the SLO (requests/s); 0 when even the lowest failed.
    public var sustainedRate: Double
    /// The latency at the SLO's percentile at that rate, in microseconds.
    public var latencyMicrosAtRate: Double?
    /// Server CPU cores busy at that rate.
    public var cpuCoresAtRate: Double?
    public var peakRSSBytesAtRate: Int?
    /// Every rate tried, in order, with whether it met the SLO.
    public var steps: [CapacityStep]

    /// True when a client-bound step decided the result (the sustained rate
    /// itself, or the lowest missed rate above it): the capacity is then a
    /// lower bound and is not ranked.
    public var isLowerBound: Bool {
        let best = sustainedRate
        let missedAbove = steps.filter { !$0.met && $0.rate > best }.min { $0.rate < $1.rate }
        let sustained = steps.first { $0.met && $0.rate == best }
        return sustained?.clientBound == true || missedAbove?.clientBound == true
    }

    public init(
        test: SuiteTest, slo: String, sustainedRate: Double, latencyMicrosAtRate: Double?,
        cpuCoresAtRate: Double?, peakRSSBytesAtRate: Int?, steps: [CapacityStep]
    ) {
        self.test = test
        self.slo = slo
        self.sustainedRate = sustainedRate
        self.latencyMicrosAtRate = latencyMicrosAtRate
        self.cpuCoresAtRate = cpuCoresAtRate
        self.peakRSSBytesAtRate = peakRSSBytesAtRate
        self.steps = steps
    }
}

public struct CapacityStep: Codable, Sendable, Equatable {
    public var rate: Double
    public var latencyMicros: Double
    public var errorRate: Double
    public var met: Bool
    /// True when the load generator was saturated at this rate: the step says
    /// nothing sure about the server.
    public var clientBound: Bool?

    public init(rate: Double, latencyMicros: Double, errorRate: Double, met: Bool) {
        self.rate = rate
        self.latencyMicros = latencyMicros
        self.errorRate = errorRate
        self.met = met
    }
}

/// The CPU budget's effect over a trial, from the cgroup's `cpu.stat`.
public struct Throttling: Codable, Sendable, Equatable {
    /// Quota periods that elapsed while the server's cgroup had runnable work.
    public var periods: Int
    /// Of those, periods in which the server used its whole quota and was stopped until the next one.
    public var throttledPeriods: Int
    /// Total time the server was held back, in seconds.
    public var throttledSeconds: Double

    public init(periods: Int, throttledPeriods: Int, throttledSeconds: Double) {
        self.periods = periods
        self.throttledPeriods = throttledPeriods
        self.throttledSeconds = throttledSeconds
    }
}

extension ResourceUsage {
    /// The most server samples a trial keeps in results.json (10 Hz: 2 minutes in full).
    public static let sampleCap = 1_200

    /// `samples` thinned to at most `cap`: every n-th kept, the first and the last always.
    public static func thinned(_ samples: [ResourceSample], cap: Int = sampleCap) -> [ResourceSample] {
        guard samples.count > cap, cap >= 2 else { return samples }
        let step = (samples.count + cap - 2) / (cap - 1)
        var out = stride(from: 0, to: samples.count - 1, by: step).map { samples[$0] }
        out.append(samples[samples.count - 1])
        return out
    }
}
