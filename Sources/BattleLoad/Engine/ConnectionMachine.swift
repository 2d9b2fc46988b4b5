import NIOCore

/// The protocol state of one load connection, as a plain value: it tracks
/// the requests in flight (up to the pipelining depth, in order), parses
/// what arrives, reports finished and failed requests to a `ResponseSink`
/// and tells the channel handler what to do. No sockets: tests drive it
/// with bytes.
public struct ConnectionMachine {
    public enum State: Equatable, Sendable {
        /// Waiting for the TCP connection.
        case connecting
        /// Connected; requests may be sent.
        case open
        /// Being closed by us (Connection: close, a failure, a timeout, the end).
        case closing
        /// Gone.
        case closed
    }

    /// What the handler should do after a read.
    public enum ReadAction: Equatable, Sendable {
        /// Keep the connection; send more if there is capacity.
        case proceed
        /// The server asked to close (`Connection: close`): close and reconnect.
        case close
        /// The response could not be parsed: close and reconnect.
        case fail(ResponseParseError)
    }

    struct InFlight {
        var target: Int32
        var bodyless: Bool
        var planned: UInt64
        var sent: UInt64
    }

    /// Most requests in flight at once (1 = no pipelining).
    public let depth: Int
    public private(set) var state: State = .connecting
    /// Requests sent and not yet answered.
    public private(set) var inFlight = 0
    private var ring: [InFlight]
    private var head = 0
    private var parser = ResponseParser()

    public init(depth: Int) {
        precondition(depth >= 1)
        self.depth = depth
        self.ring = Array(repeating: InFlight(target: 0, bodyless: false, planned: 0, sent: 0), count: depth)
    }

    /// Requests that may be sent now.
    @inline(__always)
    public var capacity: Int { state == .open ? depth - inFlight : 0 }

    /// Send time of the oldest unanswered request.
    public var oldestSent: UInt64? { inFlight > 0 ? ring[head].sent : nil }

    /// The connection is established.
    public mutating func connected() {
        state = .open
        inFlight = 0
        head = 0
        parser.reset()
    }

    /// A request was written. `planned` is its planned send time (open loop),
    /// or `now` (closed loop).
    @inline(__always)
    public mutating func sent(target: Int, bodyless: Bool, planned: UInt64, now: UInt64) {
        precondition(capacity > 0, "sent a request without capacity")
        var slot = head + inFlight
        if slot >= depth { slot -= depth }
        ring[slot] = InFlight(target: Int32(truncatingIfNeeded: target), bodyless: bodyless, planned: planned, sent: now)
        inFlight += 1
    }

    /// Sets the send time of the `count` newest requests (written but not yet
    /// flushed) to `sent`; in closed loop their planned time too, since a
    /// closed-loop request is planned when it is sent. A request written
    /// before `windowStart` stays planned before it even when flushed after
    /// it: it was not counted against the request budget, so it must not be
    /// recorded either (else a budget of 100 can record 101).
    public mutating func restampNewest(_ count: Int, sent: UInt64, closedLoop: Bool, windowStart: UInt64 = 0) {
        guard inFlight > 0 else { return }
        var slot = head + inFlight - 1  // the newest
        if slot >= depth { slot -= depth }
        for _ in 0..<min(count, inFlight) {
            ring[slot].sent = sent
            if closedLoop {
                ring[slot].planned = ring[slot].planned < windowStart ? min(sent, windowStart - 1) : sent
            }
            slot = slot == 0 ? depth - 1 : slot - 1
        }
    }

    /// Parses every complete response in `buffer`, reporting each to `sink`.
    public mutating func read(_ buffer: inout ByteBuffer, now: UInt64, into sink: inout some ResponseSink) -> ReadAction {
        guard state == .open else { return .proceed }  // closing: late bytes are ignored
        while buffer.readableBytes > 0 {
            guard inFlight > 0 else {
                fail(.malformed, into: &sink)
                return .fail(.unsolicited)
            }
            let front = ring[head]
            let response: ResponseHead?
            do { response = try parser.next(&buffer, bodyless: front.bodyless) } catch {
                fail(.malformed, into: &sink)
                return .fail(error)
            }
            guard let response else { return .proceed }
            popFront()
            sink.response(target: Int(front.target), status: response.status, planned: front.planned, sent: front.sent, now: now)
            if !response.keepAlive {
                fail(.read, into: &sink)  // pipelined requests behind it will not be answered
                return .close
            }
        }
        return .proceed
    }

    /// Fails every request in flight with `kind` and stops sending.
    public mutating func fail(_ kind: ErrorKind, into sink: inout some ResponseSink) {
        while inFlight > 0 {
            sink.failure(target: Int(ring[head].target), kind: kind, planned: ring[head].planned)
            popFront()
        }
        parser.reset()
        if state != .closed { state = .closing }
    }

    /// The connection is gone. A response whose body ends at the close is
    /// completed; requests still in flight fail with `kind` (read, unless the
    /// handler knows better).
    public mutating func closed(now: UInt64, kind: ErrorKind = .read, into sink: inout some ResponseSink) {
        if state == .open, inFlight > 0, let response = parser.finishAtEOF() {
            let front = ring[head]
            popFront()
            sink.response(target: Int(front.target), status: response.status, planned: front.planned, sent: front.sent, now: now)
        }
        fail(kind, into: &sink)
        state = .closed
    }

    /// Fails the requests in flight as timeouts if the oldest was sent more
    /// than `timeout` nanoseconds before `now`. True when it did.
    public mutating func checkTimeout(now: UInt64, timeout: UInt64, into sink: inout some ResponseSink) -> Bool {
        guard state == .open, let oldest = oldestSent, now > oldest, now - oldest > timeout else { return false }
        fail(.timeout, into: &sink)
        return true
    }

    /// Closing by our own choice (the end of the run).
    public mutating func closing() {
        if state != .closed { state = .closing }
    }

    @inline(__always)
    private mutating func popFront() {
        head += 1
        if head == depth { head = 0 }
        inFlight -= 1
    }
}
