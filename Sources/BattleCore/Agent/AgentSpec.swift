/// What one `battle agent` is asked to run (issue 20): the whole level's load
/// (totals), and this agent's place in it, index `index` of `agents`. The
/// agent works out its share itself (`AgentShare`), so the spec reads the
/// same for every agent but the index. JSON, format `battle-agent-spec/1`
/// (schemas/agent.schema.json); the first line on the agent's stdin, or
/// `battle agent --spec FILE`.
public struct AgentSpec: Codable, Sendable, Equatable {
    public static let formatName = "battle-agent-spec"
    public static let formatVersion = 1

    public var format: String = "\(AgentSpec.formatName)/\(AgentSpec.formatVersion)"
    /// This agent's index, 0 ..< agents.
    public var index: Int
    /// Agents sharing the level.
    public var agents: Int
    public var load: AgentLoad
    /// The layout every agent must record with; an agent that cannot refuses.
    public var histogram: HistogramLayoutRecord

    public init(index: Int, agents: Int, load: AgentLoad, histogram: HistogramLayoutRecord) {
        self.index = index
        self.agents = agents
        self.load = load
        self.histogram = histogram
    }

    public struct Invalid: Error, CustomStringConvertible, Equatable {
        public let message: String
        public var description: String { message }
        public init(message: String) { self.message = message }
    }

    /// What a spec must satisfy before anything is shared out.
    public func validate() throws(Invalid) {
        func fail(_ m: String) -> Invalid { Invalid(message: m) }
        guard format == "\(Self.formatName)/\(Self.formatVersion)" else {
            throw fail(
                "spec format '\(format)' is not \(Self.formatName)/\(Self.formatVersion); run the same battle version as the coordinator"
            )
        }
        guard agents >= 1, (0..<agents).contains(index) else {
            throw fail("spec index \(index) is not in 0..<\(agents)")
        }
        guard load.connections >= agents else {
            throw fail(
                "\(load.connections) connections cannot be shared by \(agents) agents; every agent needs one (use -c \(agents) or more)"
            )
        }
        if let n = load.requestLimit, n < agents {
            throw fail(
                "-n \(n) cannot be shared by \(agents) agents; every agent needs a request (use -n \(agents) or more)")
        }
        guard load.intervalSeconds >= 0.1 - 1e-9, load.intervalSeconds.isFinite else {
            throw fail("spec intervalSeconds must be at least 0.1")
        }
        guard !load.targets.isEmpty else { throw fail("spec has no target") }
    }
}

/// A level's load as `battle load`'s flags give it: totals over every agent.
public struct AgentLoad: Codable, Sendable, Equatable {
    public var targets: [AgentTarget]
    /// Connections of the level, shared out (`AgentShare.connections`).
    public var connections: Int
    /// Event loops per agent; nil: each agent's CPUs (at most its connections).
    public var threads: Int?
    public var pipeline: Int
    public var durationSeconds: Double?
    /// Requests of the level's window (`-n`), shared out; nil for none.
    public var requestLimit: Int?
    public var warmupSeconds: Double
    public var timeoutSeconds: Double
    /// The level's open-loop rate (`-R`), shared out; nil for closed loop.
    public var rate: Double?
    /// Every agent records intervals this long, aligned on T0.
    public var intervalSeconds: Double

    public init(
        targets: [AgentTarget], connections: Int, threads: Int?, pipeline: Int, durationSeconds: Double?,
        requestLimit: Int?, warmupSeconds: Double, timeoutSeconds: Double, rate: Double?, intervalSeconds: Double
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
        self.intervalSeconds = intervalSeconds
    }
}

/// One endpoint of the level, as `--targets` or the URL and flags give it.
public struct AgentTarget: Codable, Sendable, Equatable {
    public var name: String
    public var method: String
    /// `http://host:port/path?query`.
    public var url: String
    public var headers: [Header]
    /// Request bodies in rotation, base64 (bodies may be any bytes).
    public var bodiesBase64: [String]
    public var weight: Int

    public struct Header: Codable, Sendable, Equatable {
        public var name: String
        public var value: String
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(name: String, method: String, url: String, headers: [Header], bodiesBase64: [String], weight: Int) {
        self.name = name
        self.method = method
        self.url = url
        self.headers = headers
        self.bodiesBase64 = bodiesBase64
        self.weight = weight
    }
}

/// An HdrHistogram's bucket layout, as the spec and an agent's `ready` state it.
public struct HistogramLayoutRecord: Codable, Sendable, Equatable, CustomStringConvertible {
    public var lowestDiscernibleValue: UInt64
    public var highestTrackableValue: UInt64
    public var significantDigits: Int
    /// The unit of recorded values.
    public var unit: String

    public init(lowestDiscernibleValue: UInt64, highestTrackableValue: UInt64, significantDigits: Int, unit: String) {
        self.lowestDiscernibleValue = lowestDiscernibleValue
        self.highestTrackableValue = highestTrackableValue
        self.significantDigits = significantDigits
        self.unit = unit
    }

    /// battle's latency layout (`LatencyHistogram`): 1 µs to 100 s, 3 digits.
    public static let latency = HistogramLayoutRecord(
        lowestDiscernibleValue: 1, highestTrackableValue: LatencyHistogram.highestTrackableMicros, significantDigits: 3,
        unit: "us")

    public var description: String {
        "\(lowestDiscernibleValue) to \(highestTrackableValue) \(unit), \(significantDigits) significant digits"
    }
}
