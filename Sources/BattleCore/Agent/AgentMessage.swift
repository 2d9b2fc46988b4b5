import Foundation

/// The protocol between the coordinator (`battle load --agent ...`) and a
/// `battle agent`: one JSON object per line, `"type"` naming the message,
/// over the agent's stdin (coordinator to agent) and stdout (agent to
/// coordinator). docs/SCALE.md has the sequence, schemas/agent.schema.json
/// every message.
///
///     coordinator                         agent
///     spec ----------------------------->  (opens its connections)
///          <----------------------------- ready (clock, layout, connections)
///     probe id ------------------------->
///          <----------------------------- clock id, its clock   (several times)
///     start t0, clockOffsetSeconds ----->  (loads from t0 + offset, its clock)
///          <----------------------------- interval ...           (as each closes)
///          <----------------------------- result                 (then exits)
///     stop reason ---------------------->  (any time: ends early, still answers result)
///
/// An agent that cannot run says `error` and exits. End of its stdin is a
/// `stop` (the coordinator, or the ssh carrying it, went away).
public enum AgentMessage: Sendable, Equatable {
    // Coordinator to agent.
    case spec(AgentSpec)
    case probe(id: Int)
    /// Begin the load at `t0` on the coordinator's clock: `t0 + clockOffsetSeconds` on the agent's.
    case start(t0: Double, clockOffsetSeconds: Double)
    case stop(reason: String)
    // Agent to coordinator.
    case ready(AgentReady)
    /// The agent's clock (seconds since the epoch) when it answered probe `id`.
    case clock(id: Int, time: Double)
    case interval(AgentInterval)
    case result(AgentReport)
    case error(AgentFailure)

    public var type: String {
        switch self {
        case .spec: "spec"
        case .probe: "probe"
        case .start: "start"
        case .stop: "stop"
        case .ready: "ready"
        case .clock: "clock"
        case .interval: "interval"
        case .result: "result"
        case .error: "error"
        }
    }

    public struct ProtocolError: Error, CustomStringConvertible, Equatable {
        public let description: String
    }

    /// The message as one line, newline included.
    public func line() -> String {
        // Every payload is plain data; encoding it cannot fail.
        let data = (try? ResultsCoding.encoder(pretty: false).encode(Wire(self))) ?? Data("{\"type\":\"\(type)\"}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// A line read back (its newline optional).
    public static func decode(line: some StringProtocol) throws(ProtocolError) -> AgentMessage {
        let text = line.hasSuffix("\n") ? String(line.dropLast()) : String(line)
        do {
            return try ResultsCoding.decoder().decode(Wire.self, from: Data(text.utf8)).message
        } catch let error as ProtocolError {
            throw error
        } catch {
            let shown = text.count > 120 ? String(text.prefix(120)) + "..." : text
            throw ProtocolError(description: "not a battle agent message (\(Self.reason(error))): \(shown)")
        }
    }

    private static func reason(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "no '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c):
            "'\(c.codingPath.map(\.stringValue).joined(separator: "."))' has the wrong type"
        case DecodingError.dataCorrupted(let c): c.debugDescription
        default: "\(error)"
        }
    }

    /// The JSON layout: `type` plus the message's own keys.
    private struct Wire: Codable {
        let message: AgentMessage
        init(_ message: AgentMessage) { self.message = message }

        enum Key: String, CodingKey {
            case type, spec, id, t0, clockOffsetSeconds, reason, ready, time, interval, report, error
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(message.type, forKey: .type)
            switch message {
            case .spec(let s): try c.encode(s, forKey: .spec)
            case .probe(let id): try c.encode(id, forKey: .id)
            case .start(let t0, let offset):
                try c.encode(t0, forKey: .t0)
                try c.encode(offset, forKey: .clockOffsetSeconds)
            case .stop(let reason): try c.encode(reason, forKey: .reason)
            case .ready(let r): try c.encode(r, forKey: .ready)
            case .clock(let id, let time):
                try c.encode(id, forKey: .id)
                try c.encode(time, forKey: .time)
            case .interval(let i): try c.encode(i, forKey: .interval)
            case .result(let r): try c.encode(r, forKey: .report)
            case .error(let e): try c.encode(e, forKey: .error)
            }
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: Key.self)
            let type = try c.decode(String.self, forKey: .type)
            switch type {
            case "spec": message = .spec(try c.decode(AgentSpec.self, forKey: .spec))
            case "probe": message = .probe(id: try c.decode(Int.self, forKey: .id))
            case "start":
                message = .start(
                    t0: try c.decode(Double.self, forKey: .t0),
                    clockOffsetSeconds: try c.decode(Double.self, forKey: .clockOffsetSeconds))
            case "stop": message = .stop(reason: try c.decode(String.self, forKey: .reason))
            case "ready": message = .ready(try c.decode(AgentReady.self, forKey: .ready))
            case "clock":
                message = .clock(
                    id: try c.decode(Int.self, forKey: .id), time: try c.decode(Double.self, forKey: .time))
            case "interval": message = .interval(try c.decode(AgentInterval.self, forKey: .interval))
            case "result": message = .result(try c.decode(AgentReport.self, forKey: .report))
            case "error": message = .error(try c.decode(AgentFailure.self, forKey: .error))
            default: throw ProtocolError(description: "unknown battle agent message type '\(type)'")
            }
        }
    }
}

/// An agent's connections are open and it waits for `start`.
public struct AgentReady: Codable, Sendable, Equatable {
    public var index: Int
    /// The agent's battle version.
    public var version: String
    /// Its host name, for people reading the output.
    public var host: String
    /// Its clock (seconds since the epoch) when it wrote this.
    public var clock: Double
    /// The layout it records with; the coordinator refuses any other.
    public var histogram: HistogramLayoutRecord
    /// Its share of the connections, and how many opened.
    public var connections: Int
    public var openConnections: Int
    public var threads: Int
    /// CPUs it may run on (its affinity mask).
    public var cpus: Int
    /// Its open-loop rate, nil for closed loop.
    public var rate: Double?

    public init(
        index: Int, version: String, host: String, clock: Double, histogram: HistogramLayoutRecord, connections: Int,
        openConnections: Int, threads: Int, cpus: Int, rate: Double?
    ) {
        self.index = index
        self.version = version
        self.host = host
        self.clock = clock
        self.histogram = histogram
        self.connections = connections
        self.openConnections = openConnections
        self.threads = threads
        self.cpus = cpus
        self.rate = rate
    }
}

/// One closed interval of an agent's window: a line of its interval log.
public struct AgentInterval: Codable, Sendable, Equatable {
    /// The start of its measured window, seconds since the epoch on its clock
    /// (the interval log's StartTime).
    public var windowStart: Double
    /// Seconds from the start of its measured window.
    public var start: Double
    public var length: Double
    public var requests: Int
    public var errors: Int
    /// HdrHistogram V2 compressed, base64 (corrected latency in open loop), microseconds.
    public var histogram: String
    /// Open loop: the latency from the actual send, the same way.
    public var uncorrected: String?

    public init(
        windowStart: Double, start: Double, length: Double, requests: Int, errors: Int, histogram: String,
        uncorrected: String?
    ) {
        self.windowStart = windowStart
        self.start = start
        self.length = length
        self.requests = requests
        self.errors = errors
        self.histogram = histogram
        self.uncorrected = uncorrected
    }
}

/// An agent's account of its share, its last message. Format
/// `battle-agent-report/1`.
public struct AgentReport: Codable, Sendable, Equatable {
    public static let formatName = "battle-agent-report"
    public static let formatVersion = 1

    public var format: String = "\(AgentReport.formatName)/\(AgentReport.formatVersion)"
    public var index: Int
    public var host: String
    /// Its own `battle load --json` document (battle-load/1): counts, errors,
    /// statuses, its latency; `startedAtEpochSeconds` on its own clock.
    public var summary: LoadSummary
    /// The whole window's latency histogram (corrected in open loop), V2 base64.
    public var histogram: String
    /// Open loop: from the actual send.
    public var uncorrectedHistogram: String?
    /// With several targets: each endpoint's histogram, in the targets' order.
    public var endpointHistograms: [String]?
    /// Its open-loop share, requests per second; nil for closed loop.
    public var targetRate: Double?
    /// Open loop: requests sent in the window per second; closed loop: responses per second.
    public var achievedRate: Double
    /// Cores its process used over the window (CPU seconds / window).
    public var cpuCores: Double?
    /// Cores it could use: its event loops, at most its CPUs.
    public var usableCores: Int
    /// How busy its CPUs were from its start to its end, by whatever ran on
    /// them (0...1, /proc/stat); nil when unknown.
    public var cpusBusy: Double?
    /// It used nearly all of `usableCores`, or its CPUs were nearly all busy:
    /// it may have limited the load.
    public var generatorBound: Bool
    /// Its clock minus the coordinator's, as the coordinator measured and told it.
    public var clockOffsetSeconds: Double?
    /// How long after T0 (converted to its clock) its load began; 0 when on time.
    public var startLagSeconds: Double
    /// It was stopped before its window ended.
    public var interrupted: Bool

    public init(
        index: Int, host: String, summary: LoadSummary, histogram: String, uncorrectedHistogram: String?,
        endpointHistograms: [String]?, targetRate: Double?, achievedRate: Double, cpuCores: Double?,
        usableCores: Int, cpusBusy: Double? = nil, generatorBound: Bool, clockOffsetSeconds: Double?,
        startLagSeconds: Double, interrupted: Bool
    ) {
        self.cpusBusy = cpusBusy
        self.index = index
        self.host = host
        self.summary = summary
        self.histogram = histogram
        self.uncorrectedHistogram = uncorrectedHistogram
        self.endpointHistograms = endpointHistograms
        self.targetRate = targetRate
        self.achievedRate = achievedRate
        self.cpuCores = cpuCores
        self.usableCores = usableCores
        self.generatorBound = generatorBound
        self.clockOffsetSeconds = clockOffsetSeconds
        self.startLagSeconds = startLagSeconds
        self.interrupted = interrupted
    }
}

/// Why an agent cannot run its share; it exits after saying so.
public struct AgentFailure: Codable, Sendable, Equatable {
    public var message: String
    /// battle's exit status for it (64 a bad spec, 3 an unreachable target, 1 otherwise).
    public var status: Int32

    public init(message: String, status: Int32) {
        self.message = message
        self.status = status
    }
}
