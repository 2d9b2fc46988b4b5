import NIOCore

/// What one event loop is asked to do: its share of the connections, the
/// request budget and the rate, and the shared, pre-encoded requests.
struct LoopPlan: Sendable {
    var index: Int
    var loopCount: Int
    var connections: Int
    var pipeline: Int
    var address: SocketAddress
    /// Pre-encoded requests per target (one per body variant).
    var requests: [[ByteBuffer]]
    var weights: [Int]
    var bodyless: [Bool]
    var timeoutNanos: UInt64
    /// This loop's share of `--requests`, nil for none.
    var requestBudget: Int?
    /// Total open-loop rate of the run (this loop takes its share), nil for closed loop.
    var rate: Double?
    /// Nanoseconds from the load start to the run's first planned request.
    var scheduleOffsetNanos: UInt64 = 0
    /// Receive buffer size: big enough for a pipelined burst of responses in one read.
    var receiveBufferBytes: Int
    /// `--interval` in nanoseconds (0: off), and where closed intervals go.
    var intervalNanos: UInt64 = 0
    var intervalMailbox: IntervalMailbox? = nil

    /// Splits `total` as evenly as possible over `parts`; part `i`'s share.
    static func share(_ total: Int, parts: Int, index: Int) -> Int {
        total / parts + (index < total % parts ? 1 : 0)
    }
}

/// What one event loop hands back at the end.
struct LoopReport: Sendable {
    var stats: LoopStats
    /// Connections open when the load began, and the first connect error.
    var established: Int
    var firstConnectError: String?
    /// End of this loop's measured window (MonotonicClock nanoseconds).
    var windowEnd: UInt64
    var schedule: ScheduleTally?
    /// This process's CPU use when the window opened.
    var usageAtWindowStart: ProcessRUsage?
}

/// How the first connect attempts of one loop went.
struct ConnectOutcome: Sendable {
    var open: Int
    var firstError: String?
}

/// Open-loop schedule keeping of one loop, over the measured window.
struct ScheduleTally: Sendable, Equatable {
    /// Requests planned inside the window.
    var planned = 0
    /// Of those, sent before the window ended.
    var sent = 0
    /// Of those sent, later than `lateAfterNanos` past their planned time.
    var late = 0
    var maxLagNanos: UInt64 = 0

    /// Lag beyond which a send counts as late: the 1 ms pacer tick plus 1 ms.
    static let lateAfterNanos: UInt64 = 2_000_000

    mutating func record(lag: UInt64) {
        sent += 1
        if lag > Self.lateAfterNanos { late += 1 }
        if lag > maxLagNanos { maxLagNanos = lag }
    }

    static func + (a: ScheduleTally, b: ScheduleTally) -> ScheduleTally {
        ScheduleTally(
            planned: a.planned + b.planned, sent: a.sent + b.sent, late: a.late + b.late,
            maxLagNanos: max(a.maxLagNanos, b.maxLagNanos))
    }
}
