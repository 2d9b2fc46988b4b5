/// A live view of a run for the progress line, sampled about once a second.
public struct LoadProgress: Sendable, Equatable {
    public struct Loop: Sendable, Equatable {
        public var responses: Int
        public var errors: Int
        public var recording: Bool
    }

    /// Seconds since the load began (warmup included).
    public var elapsed: Double
    /// True during warmup (figures are not kept).
    public var warmingUp: Bool
    /// Requests finished so far, warmup included; errors in the window.
    public var responses: Int
    public var errors: Int
    /// Responses per second since the previous sample.
    public var requestsPerSecond: Double

    public init(elapsed: Double, warmingUp: Bool, responses: Int, errors: Int, requestsPerSecond: Double) {
        self.elapsed = elapsed
        self.warmingUp = warmingUp
        self.responses = responses
        self.errors = errors
        self.requestsPerSecond = requestsPerSecond
    }
}
