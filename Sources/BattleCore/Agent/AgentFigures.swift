/// One agent's own figures in a merged level's output (`agents` in
/// `battle load --json`): what it was asked, what it did, and what the
/// coordinator measured of it. Absent keys did not apply or were not known
/// (an agent that died gave no counts).
public struct AgentFigures: Codable, Sendable, Equatable {
    public var index: Int
    /// `local`, `local:CPUS` or the ssh destination it ran on.
    public var destination: String
    public var host: String?
    public var pid: Int32?
    public var connections: Int
    public var openConnections: Int?
    public var threads: Int?
    public var targetRate: Double?
    public var achievedRate: Double?
    public var requests: Int?
    public var requestsPerSecond: Double?
    public var statusCodes: [String: Int]?
    public var errors: ErrorCounts?
    public var latency: LatencySummary?
    public var uncorrectedLatency: LatencySummary?
    public var schedule: ScheduleReport?
    public var cpuCores: Double?
    public var usableCores: Int?
    /// How busy its CPUs were, by whatever ran on them (0...1).
    public var cpusBusy: Double?
    public var generatorBound: Bool?
    /// Its clock minus the coordinator's, from the probe with the shortest round trip.
    public var clockOffsetSeconds: Double?
    /// Half that probe's round trip: the offset is right within this.
    public var clockUncertaintySeconds: Double?
    public var startLagSeconds: Double?
    /// Why it gave no complete share, or nil.
    public var failure: String?

    public init(index: Int, destination: String, connections: Int) {
        self.index = index
        self.destination = destination
        self.connections = connections
    }
}

/// Whether a merged level may be ranked: `valid`, a `lowerBound` (shown,
/// never ranked) or `invalid`, with the reasons.
public struct LevelStanding: Codable, Sendable, Equatable {
    public enum Verdict: String, Codable, Sendable {
        case valid
        case lowerBound
        case invalid
    }

    public var verdict: Verdict
    public var reasons: [String]

    public init(_ standing: AgentAssessment.Standing) {
        switch standing {
        case .valid: (verdict, reasons) = (.valid, [])
        case .lowerBound(let r): (verdict, reasons) = (.lowerBound, r)
        case .invalid(let r): (verdict, reasons) = (.invalid, r)
        }
    }
}
