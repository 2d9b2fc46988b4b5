import BattleCore

/// Everything one run of the load engine needs. Validated by `validate()`;
/// the command line builds it from flags, the arena from its plan.
public struct LoadConfiguration: Sendable, Equatable {
    public var targets: [LoadTarget]
    public var connections: Int
    /// Event loops (threads). Defaults to the CPUs the process may run on.
    public var threads: Int
    /// Requests kept in flight per connection (HTTP/1.1 pipelining); 1 = none.
    public var pipeline: Int
    /// Length of the measured window; nil when only `requestLimit` ends the run.
    public var duration: Double?
    /// Requests to send in the measured window (across all connections).
    public var requestLimit: Int?
    /// Seconds of load before the measured window; excluded from results.
    public var warmup: Double
    /// A request without a complete response after this many seconds fails as a timeout.
    public var timeout: Double
    /// Requests per second for open loop (wrk2 `-R`); nil for closed loop.
    public var rate: Double?
    /// Seconds per interval of the interval series and logs (at least 0.1); nil for none.
    public var interval: Double?
    /// Open loop: seconds from the load start to the first planned request
    /// (an agent's place in a shared schedule, `AgentShare`); 0 otherwise.
    public var scheduleOffset: Double = 0

    /// The shortest interval: below it, per-interval figures are mostly noise and overhead.
    public static let minimumInterval = 0.1

    public init(
        targets: [LoadTarget], connections: Int = 64, threads: Int = CPUAffinity.availableCPUs(), pipeline: Int = 1,
        duration: Double? = 10, requestLimit: Int? = nil, warmup: Double = 0, timeout: Double = 10, rate: Double? = nil,
        interval: Double? = nil
    ) {
        self.targets = targets
        self.connections = connections
        self.threads = threads
        self.pipeline = pipeline
        self.duration = duration
        self.requestLimit = requestLimit
        self.warmup = warmup
        self.timeout = timeout
        self.rate = rate
        self.interval = interval
    }

    public struct Invalid: Error, CustomStringConvertible, Equatable {
        public let message: String
        public var description: String { message }
    }

    /// Cross-field checks; messages name the flag and the fix.
    public func validate() throws(Invalid) {
        func fail(_ m: String) -> Invalid { Invalid(message: m) }
        guard !targets.isEmpty else {
            throw fail("no target: give a URL (battle load http://127.0.0.1:8080/) or --targets FILE")
        }
        guard connections >= 1 else { throw fail("--connections must be at least 1") }
        guard threads >= 1 else { throw fail("--threads must be at least 1") }
        guard (1...1024).contains(pipeline) else { throw fail("--pipeline must be from 1 to 1024") }
        if let d = duration, !(d > 0) { throw fail("--duration must be more than 0, e.g. -d 10s") }
        if let n = requestLimit, n < 1 { throw fail("--requests must be at least 1") }
        guard duration != nil || requestLimit != nil else {
            throw fail("give a duration (-d 10s) or a request count (-n 10000)")
        }
        guard timeout > 0 else { throw fail("--timeout must be more than 0, e.g. --timeout 5s") }
        guard warmup >= 0 else { throw fail("--warmup must not be negative") }
        if let r = rate {
            guard r > 0, r.isFinite else {
                throw fail("--rate must be a positive number of requests per second, e.g. -R 2000")
            }
        }
        if let i = interval, !(i >= Self.minimumInterval - 1e-9 && i.isFinite) {
            throw fail("--interval must be at least 100ms, e.g. --interval 1s")
        }
        guard threads <= connections else {
            throw fail(
                "--threads \(threads) is more than --connections \(connections); every event loop needs a connection (use -t \(connections) or more connections)"
            )
        }
    }

    /// The record of these settings in `battle load --json`.
    public var record: LoadConfigRecord {
        LoadConfigRecord(
            targets: targets.map { "\($0.method) \($0.url)" }, connections: connections, threads: threads,
            pipeline: pipeline, durationSeconds: duration, requestLimit: requestLimit, warmupSeconds: warmup,
            timeoutSeconds: timeout, rate: rate, intervalSeconds: interval)
    }
}
