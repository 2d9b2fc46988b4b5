import Foundation

/// What one run of the load engine measured. This is the `battle load --json`
/// document (schemas/load.schema.json) and the per-trial record inside results files.
public struct LoadSummary: Codable, Sendable, Equatable {
    /// `battle-load/1`: changes when a field changes meaning or disappears.
    public static let formatName = "battle-load"
    public static let formatVersion = 1

    public var format: String = "\(LoadSummary.formatName)/\(LoadSummary.formatVersion)"
    public var config: LoadConfigRecord
    public var startedAt: Date
    /// `startedAt` to the microsecond, in seconds since the Unix epoch (ISO 8601
    /// dates keep whole seconds): what lines a run's series up with others.
    public var startedAtEpochSeconds: Double?
    /// Length of the measured window in seconds (warmup excluded).
    public var durationSeconds: Double
    /// Responses completed in the measured window.
    public var requests: Int
    /// Responses per second over the measured window.
    public var requestsPerSecond: Double
    public var bytesRead: Int
    /// Responses by status code, e.g. `["200": 1000, "404": 2]`.
    public var statusCodes: [String: Int]
    public var errors: ErrorCounts
    /// Connections opened again after the server closed one (`Connection: close`, resets).
    public var reconnects: Int
    /// Latency of every response in the window. In open loop this is measured
    /// from each request's planned send time (coordinated-omission corrected).
    public var latency: LatencySummary
    /// Open loop only: latency from the actual send time (what a naive client reports).
    public var uncorrectedLatency: LatencySummary?
    /// Open loop only: how well the schedule was kept.
    public var schedule: ScheduleReport?
    /// Per target (endpoint) breakdown, in targets-file order. One entry for a single URL.
    public var endpoints: [EndpointSummary]
    /// The load generator's own CPU use over the window, when measured.
    public var client: ClientUsage?
    /// Connections open when the load began (fewer than `config.connections`
    /// when some could not be opened: file descriptors, ports, backlog).
    public var openConnections: Int?
    /// What the run itself went wrong on: connections not opened, an
    /// open-loop schedule not kept. Empty or absent when nothing did.
    public var warnings: [String]?
    /// With `--interval`: the window interval by interval, at most
    /// `IntervalSeries.cap` entries (see `IntervalSeries` for how longer runs fold).
    public var intervals: [LoadInterval]?
    /// A level run by several agents (`--agent`): each agent's own figures,
    /// beside the merged ones above.
    public var agents: [AgentFigures]?
    /// A level run by several agents: whether its merged figures may be
    /// ranked (`AgentAssessment`).
    public var standing: LevelStanding?

    public init(
        config: LoadConfigRecord, startedAt: Date, durationSeconds: Double, requests: Int,
        requestsPerSecond: Double, bytesRead: Int, statusCodes: [String: Int], errors: ErrorCounts,
        reconnects: Int, latency: LatencySummary, uncorrectedLatency: LatencySummary? = nil,
        schedule: ScheduleReport? = nil, endpoints: [EndpointSummary], client: ClientUsage? = nil
    ) {
        self.config = config
        self.startedAt = startedAt
        self.durationSeconds = durationSeconds
        self.requests = requests
        self.requestsPerSecond = requestsPerSecond
        self.bytesRead = bytesRead
        self.statusCodes = statusCodes
        self.errors = errors
        self.reconnects = reconnects
        self.latency = latency
        self.uncorrectedLatency = uncorrectedLatency
        self.schedule = schedule
        self.endpoints = endpoints
        self.client = client
    }

    /// The window's start in seconds since the Unix epoch, to the microsecond when recorded.
    public var windowStartEpochSeconds: Double { startedAtEpochSeconds ?? startedAt.timeIntervalSince1970 }

    /// Responses with a 2xx status.
    public var successes: Int {
        statusCodes.reduce(0) { $0 + ((200..<300).contains(Int($1.key) ?? 0) ? $1.value : 0) }
    }
}

/// The settings a load run used, as recorded in its output.
public struct LoadConfigRecord: Codable, Sendable, Equatable {
    public var targets: [String]
    public var connections: Int
    public var threads: Int
    public var pipeline: Int
    public var durationSeconds: Double?
    public var requestLimit: Int?
    public var warmupSeconds: Double
    public var timeoutSeconds: Double
    /// Requests per second for open loop; nil for closed loop.
    public var rate: Double?
    public var mode: LoadMode
    /// Length of one interval of the `intervals` series and the interval logs; nil when off.
    public var intervalSeconds: Double?

    public init(
        targets: [String], connections: Int, threads: Int, pipeline: Int, durationSeconds: Double?,
        requestLimit: Int?, warmupSeconds: Double, timeoutSeconds: Double, rate: Double?,
        intervalSeconds: Double? = nil
    ) {
        self.targets = targets
        self.connections = connections
        self.threads = threads
        self.pipeline = pipeline
        self.durationSeconds = durationSeconds
        self.requestLimit = requestLimit
        self.warmupSeconds = warmupSeconds
        self.timeoutSeconds = timeoutSeconds
        self.rate = rate
        self.mode = rate == nil ? .closed : .open
        self.intervalSeconds = intervalSeconds
    }
}

public enum LoadMode: String, Codable, Sendable {
    /// Each connection sends its next request when a response arrives (wrk).
    case closed
    /// Requests follow a fixed schedule of planned send times (wrk2 `-R`).
    case open
}

/// Errors by kind. A request can fail once; connect errors count attempts.
public struct ErrorCounts: Codable, Sendable, Equatable {
    public var connect: Int = 0
    public var read: Int = 0
    public var write: Int = 0
    public var timeout: Int = 0
    public var malformed: Int = 0

    public init(connect: Int = 0, read: Int = 0, write: Int = 0, timeout: Int = 0, malformed: Int = 0) {
        self.connect = connect
        self.read = read
        self.write = write
        self.timeout = timeout
        self.malformed = malformed
    }

    public var total: Int { connect + read + write + timeout + malformed }

    public static func + (a: ErrorCounts, b: ErrorCounts) -> ErrorCounts {
        ErrorCounts(
            connect: a.connect + b.connect, read: a.read + b.read, write: a.write + b.write,
            timeout: a.timeout + b.timeout, malformed: a.malformed + b.malformed)
    }
}

/// Open-loop schedule keeping: requests whose actual send was later than planned.
public struct ScheduleReport: Codable, Sendable, Equatable {
    public var targetRate: Double
    /// Planned requests in the measured window.
    public var planned: Int
    /// Requests sent more than 1 ms after their planned time (no connection was free).
    public var late: Int
    /// Planned requests never sent before the window ended.
    public var unsent: Int
    /// Largest delay between a planned and an actual send, in microseconds.
    public var maxLagMicros: Double
    /// True when late + unsent exceeds 1% of planned: the rate was not really offered.
    public var fellBehind: Bool

    public init(targetRate: Double, planned: Int, late: Int, unsent: Int, maxLagMicros: Double) {
        self.targetRate = targetRate
        self.planned = planned
        self.late = late
        self.unsent = unsent
        self.maxLagMicros = maxLagMicros
        self.fellBehind = planned > 0 && Double(late + unsent) > 0.01 * Double(planned)
    }
}

public struct EndpointSummary: Codable, Sendable, Equatable {
    public var name: String
    public var method: String
    public var url: String
    public var requests: Int
    public var statusCodes: [String: Int]
    public var errors: ErrorCounts
    public var latency: LatencySummary

    public init(
        name: String, method: String, url: String, requests: Int, statusCodes: [String: Int],
        errors: ErrorCounts, latency: LatencySummary
    ) {
        self.name = name
        self.method = method
        self.url = url
        self.requests = requests
        self.statusCodes = statusCodes
        self.errors = errors
        self.latency = latency
    }
}

/// CPU seconds (user + system) and peak RSS of a process over a window.
public struct ClientUsage: Codable, Sendable, Equatable {
    public var userSeconds: Double
    public var systemSeconds: Double
    public var peakRSSBytes: Int?

    public init(userSeconds: Double, systemSeconds: Double, peakRSSBytes: Int?) {
        self.userSeconds = userSeconds
        self.systemSeconds = systemSeconds
        self.peakRSSBytes = peakRSSBytes
    }

    public var cpuSeconds: Double { userSeconds + systemSeconds }
}
