/// The pause probe of a trial: a second, independent `battle load` during the
/// level, sending `GET /plaintext` open loop at a low fixed rate, latency
/// corrected from each planned send, on one connection at an open-loop level
/// and as many as the level has at a closed-loop one (where every request
/// waits its turn behind the level's connections). Plaintext does almost no
/// work, so its outliers measure the server's runtime stalls (collection
/// pauses, scheduler hiccups) rather than the level's work, as jHiccup does
/// for the JVM. It adds a small load of its own (`rate` requests per second).
public struct PauseProbe: Codable, Sendable, Equatable {
    /// The probe's path (`/plaintext`, or the contender's ready path when it has no plaintext).
    public var path: String
    public var connections: Int
    /// Offered requests per second.
    public var rate: Double
    /// Responses in the probe's measured window.
    public var requests: Int
    public var errors: Int
    /// Corrected latency of every probe response.
    public var latency: LatencySummary
    /// The probe's own interval series; `startSeconds` is on the probe's window clock.
    public var intervals: [LoadInterval]?
    /// Where the probe's window opened on the trial's window clock (seconds; the two
    /// load generators start together, a few milliseconds apart).
    public var startSeconds: Double
    /// The probe's interval log (corrected histograms), relative to the run folder.
    public var hdrLog: String?

    public init(
        path: String, connections: Int, rate: Double, requests: Int, errors: Int, latency: LatencySummary,
        intervals: [LoadInterval]?, startSeconds: Double, hdrLog: String? = nil
    ) {
        self.path = path
        self.connections = connections
        self.rate = rate
        self.requests = requests
        self.errors = errors
        self.latency = latency
        self.intervals = intervals
        self.startSeconds = startSeconds
        self.hdrLog = hdrLog
    }

    /// The probe's summary, from its `battle load --json` document.
    public init(summary s: LoadSummary, path: String, startSeconds: Double, hdrLog: String?) {
        self.init(
            path: path, connections: s.config.connections, rate: s.config.rate ?? 0, requests: s.requests,
            errors: s.errors.total, latency: s.latency, intervals: s.intervals, startSeconds: startSeconds,
            hdrLog: hdrLog)
    }
}

/// Which levels run the pause probe, and how.
public struct ProbePlan: Codable, Sendable, Equatable {
    public static let defaultRate = 500.0
    public static let defaultKinds: [LevelKind] = [.largeHeap, .equalRate]

    /// The level kinds probed (empty: none).
    public var kinds: [LevelKind]
    public var rate: Double

    public init(kinds: [LevelKind] = ProbePlan.defaultKinds, rate: Double = ProbePlan.defaultRate) {
        self.kinds = kinds
        self.rate = rate
    }

    public func probes(_ kind: LevelKind) -> Bool { kinds.contains(kind) }
}
