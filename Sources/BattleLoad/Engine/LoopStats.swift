import BattleCore

/// Why a request failed; one count per failed request (connect: per attempt).
public enum ErrorKind: Int, Sendable, CaseIterable {
    case connect, read, write, timeout, malformed
}

/// Where a connection reports finished and failed requests.
public protocol ResponseSink {
    /// A response arrived at `now` for a request planned at `planned` and sent
    /// at `sent` (equal in closed loop). Times in nanoseconds.
    mutating func response(target: Int, status: Int, planned: UInt64, sent: UInt64, now: UInt64)
    /// A request to `target`, planned at `planned`, failed.
    mutating func failure(target: Int, kind: ErrorKind, planned: UInt64)
}

/// What one event loop measured. Only its own loop touches it; loops are
/// merged once, at the end (`merge`). Memory is fixed by the histogram
/// layout and the number of targets, whatever the duration.
public struct LoopStats: ResponseSink, Sendable {
    /// Status codes 0...599 are counted by index; anything else is malformed.
    static let statusSlots = 600

    /// Latency from the planned send time (open loop) or the send (closed loop).
    public var latency = LatencyRecorder()
    /// Open loop only: latency from the actual send.
    public var uncorrected: LatencyRecorder?
    /// Per target, when there is more than one (else `latency` is the target's).
    public var targetLatency: [LatencyRecorder]
    /// Responses per target.
    public var targetResponses: [Int]
    /// `statusSlots` counters per target, flattened.
    public var statusCounts: [Int]
    /// Errors per target, `ErrorKind.allCases.count` counters each, flattened.
    public var errorCounts: [Int]
    /// Connect errors are not tied to a target.
    public var connectErrors = 0
    public var bytesRead = 0
    public var reconnects = 0
    /// Nothing is recorded while this is false (before the run, after its end).
    public var recording = false
    /// Start of the measured window (MonotonicClock nanoseconds): requests
    /// planned before it (the warmup) are not recorded, even when their
    /// answers arrive inside the window.
    public var windowStart: UInt64 = 0
    /// End of the measured window: answers arriving from then on are not recorded.
    public var windowEnd: UInt64 = .max
    /// Interval length in nanoseconds (`--interval`); 0 for none.
    public var intervalNanos: UInt64 = 0
    /// With `intervalNanos`: the interval being recorded (besides the whole-run figures).
    var intervals: IntervalRecorder?

    public init(targets: Int, openLoop: Bool, intervalNanos: UInt64 = 0) {
        self.intervalNanos = intervalNanos
        uncorrected = openLoop ? LatencyRecorder() : nil
        targetLatency = targets > 1 ? Array(repeating: LatencyRecorder(), count: targets) : []
        targetResponses = Array(repeating: 0, count: targets)
        statusCounts = Array(repeating: 0, count: targets * Self.statusSlots)
        errorCounts = Array(repeating: 0, count: targets * ErrorKind.allCases.count)
    }

    public var targets: Int { targetResponses.count }
    public var responses: Int { targetResponses.reduce(0, +) }

    @inline(__always)
    public mutating func response(target: Int, status: Int, planned: UInt64, sent: UInt64, now: UInt64) {
        guard recording, planned >= windowStart, now < windowEnd else { return }
        let micros = LatencyHistogram.clamp((now &- planned) / 1000)
        latency.record(micros)
        var u: UInt64 = 0
        if uncorrected != nil {
            u = LatencyHistogram.clamp((now &- sent) / 1000)
            uncorrected!.record(u)
        }
        if !targetLatency.isEmpty { targetLatency[target].record(micros) }
        targetResponses[target] += 1
        statusCounts[target * Self.statusSlots + status] += 1
        if intervals != nil { intervals!.record(micros, uncorrected: u, now: now) }
    }

    @inline(__always)
    public mutating func failure(target: Int, kind: ErrorKind, planned: UInt64) {
        guard recording, planned >= windowStart else { return }
        errorCounts[target * ErrorKind.allCases.count + kind.rawValue] += 1
        if intervals != nil { intervals!.failed() }
    }

    public mutating func connectFailed(now: UInt64) {
        guard recording, now >= windowStart else { return }
        connectErrors += 1
        if intervals != nil { intervals!.failed() }
    }

    public mutating func reconnected(now: UInt64) {
        guard recording, now >= windowStart else { return }
        reconnects += 1
    }

    @inline(__always)
    public mutating func read(bytes: Int, now: UInt64) {
        if recording && now >= windowStart && now < windowEnd { bytesRead &+= bytes }
    }

    /// Starts recording what belongs to the window `[windowStart, windowEnd)`.
    public mutating func startRecording(windowStart: UInt64 = 0, windowEnd: UInt64 = .max) {
        self = LoopStats(targets: targets, openLoop: uncorrected != nil, intervalNanos: intervalNanos)
        self.windowStart = windowStart
        self.windowEnd = windowEnd
        if intervalNanos > 0 {
            intervals = IntervalRecorder(length: intervalNanos, windowStart: windowStart, openLoop: uncorrected != nil)
        }
        recording = true
    }

    /// Adds another loop's figures to these.
    public mutating func merge(_ other: LoopStats) {
        latency.add(other.latency)
        if let u = other.uncorrected { uncorrected?.add(u) }
        for i in targetLatency.indices { targetLatency[i].add(other.targetLatency[i]) }
        for i in targetResponses.indices { targetResponses[i] += other.targetResponses[i] }
        for i in statusCounts.indices { statusCounts[i] += other.statusCounts[i] }
        for i in errorCounts.indices { errorCounts[i] += other.errorCounts[i] }
        connectErrors += other.connectErrors
        bytesRead += other.bytesRead
        reconnects += other.reconnects
    }

    // MARK: reading the figures

    /// Status codes with their counts for `target`, or for all targets when nil.
    public func statusCodes(target: Int? = nil) -> [String: Int] {
        var out: [String: Int] = [:]
        for t in (target.map { $0...$0 } ?? 0...(targets - 1)) {
            for s in 0..<Self.statusSlots {
                let n = statusCounts[t * Self.statusSlots + s]
                if n > 0 { out[String(s), default: 0] += n }
            }
        }
        return out
    }

    /// Errors of `target`, or of all targets (plus connect errors) when nil.
    public func errors(target: Int? = nil) -> ErrorCounts {
        var e = ErrorCounts()
        let k = ErrorKind.allCases.count
        for t in (target.map { $0...$0 } ?? 0...(targets - 1)) {
            e.connect += errorCounts[t * k + ErrorKind.connect.rawValue]
            e.read += errorCounts[t * k + ErrorKind.read.rawValue]
            e.write += errorCounts[t * k + ErrorKind.write.rawValue]
            e.timeout += errorCounts[t * k + ErrorKind.timeout.rawValue]
            e.malformed += errorCounts[t * k + ErrorKind.malformed.rawValue]
        }
        if target == nil { e.connect += connectErrors }
        return e
    }

    /// The latency of one target.
    public func latency(target: Int) -> LatencyRecorder {
        targetLatency.isEmpty ? latency : targetLatency[target]
    }
}
