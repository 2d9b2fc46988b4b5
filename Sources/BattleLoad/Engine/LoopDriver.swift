import BattleCore
import NIOCore

#if canImport(Glibc)
    import Glibc
#endif

/// Runs one event loop's share of a load: its connections, its request
/// sequence, its open-loop pacer, its statistics. Everything here happens on
/// the reactor's thread, so nothing is locked; the engine talks to it only
/// through `Reactor.execute`.
final class LoopDriver: ReactorHandler {
    let reactor: Reactor
    let plan: LoopPlan
    // Hot-path state below is touched only on the loop's thread and never in
    // overlapping accesses: Swift's dynamic exclusivity checks are skipped for it.
    @exclusivity(unchecked) var stats: LoopStats

    enum Phase { case idle, connecting, ready, running, stopped }
    var phase = Phase.idle
    @exclusivity(unchecked) var picker: RequestPicker
    /// The loop's one receive buffer: every socket is read into it and
    /// parsed at once (the parser keeps what it needs of a partial response).
    @exclusivity(unchecked) var receive: ByteBuffer
    @exclusivity(unchecked) var connections: [LoadConnection] = []
    /// First connect attempt of each connection still unresolved.
    var firstAttemptPending: [Bool] = []
    var pendingFirstAttempts = 0
    var openConnections = 0
    var established = 0
    var firstConnectError: String?

    /// Requests the measured window may still send (`--requests`); nil otherwise.
    @exclusivity(unchecked) var budget: Int?
    /// Requests sent and not yet answered or failed, over all connections.
    @exclusivity(unchecked) var outstanding = 0
    /// Requests finished, warmup included (for the progress line).
    @exclusivity(unchecked) var completed = 0
    @exclusivity(unchecked) var lastProgress: UInt64 = 0

    @exclusivity(unchecked) var pacer: Pacer?
    /// Open loop: connections that can take a request now, least recently used first.
    @exclusivity(unchecked) var freeQueue = CircularBuffer<LoadConnection>()
    @exclusivity(unchecked) var tally = ScheduleTally()
    /// Connections with writes waiting for the flush at the end of this loop tick.
    @exclusivity(unchecked) var flushQueue: [LoadConnection] = []
    /// Open loop: a read happened this tick, so requests may have come due on freed connections.
    @exclusivity(unchecked) var readThisTick = false
    var windowStart: UInt64 = .max
    var windowEnd: UInt64 = .max

    var connectDone: ((ConnectOutcome) -> Void)?
    var usageAtWindowStart: ProcessRUsage?
    var finished: ((LoopReport) -> Void)?
    var scheduled: [TimerQueue<() -> Void>.ID] = []
    var tick: TimerQueue<() -> Void>.ID?
    var sweep: TimerQueue<() -> Void>.ID?
    var intervalTimer: TimerQueue<() -> Void>.ID?

    /// The open-loop timer's granularity.
    static let tickNanos: UInt64 = 1_000_000

    init(plan: LoopPlan, reactor: Reactor) {
        self.reactor = reactor
        self.plan = plan
        self.stats = LoopStats(
            targets: plan.requests.count, openLoop: plan.rate != nil, intervalNanos: plan.intervalNanos)
        self.receive = ByteBufferAllocator().buffer(capacity: plan.receiveBufferBytes)
        let round = RequestPicker.smoothWeightedRoundRobin(plan.weights).count
        self.picker = RequestPicker(
            weights: plan.weights, requests: plan.requests, offset: plan.index * round / max(plan.loopCount, 1))
    }

    // MARK: the hot path

    /// A socket is ready.
    @inline(__always)
    func ready(token: UInt64, events: UInt32) {
        let id = Int(truncatingIfNeeded: token & 0xFFFF_FFFF)
        guard id < connections.count else { return }
        let c = connections[id]
        guard c.fd >= 0, c.token == token else { return }  // an event for a socket already closed
        if c.machine.state == .connecting {
            finishConnect(c)
            return
        }
        if events & Poller.writable != 0, c.awaitsWritable {
            send(c)
            guard c.token == token else { return }  // the send failed and the slot moved on
        }
        if events & (Poller.readable | Poller.failed) != 0 { read(c) }
    }

    /// Reads what `c` has, parses it, and refills `c` with requests.
    @inline(__always)
    func read(_ c: LoadConnection) {
        // At most four buffers per event: a socket with a long body to skip
        // must not starve the others (epoll reports it again next tick).
        for _ in 0..<4 {
            receive.clear()
            let n = TCPSocket.read(c.fd, into: &receive)
            if n <= 0 {
                if n == -Int(EAGAIN) || n == -Int(EINTR) { return }
                drop(c, kind: .read)  // end of stream, or reset
                return
            }
            let now = MonotonicClock.nanoseconds()
            let before = c.machine.inFlight
            stats.read(bytes: n, now: now)
            let action = c.machine.read(&receive, now: now, into: &stats)
            answered(before - c.machine.inFlight, now: now)
            readThisTick = true
            switch action {
            case .proceed:
                refill(c, now: now)
            case .close, .fail:
                drop(c, kind: .read)
                return
            }
            // A read that did not fill the buffer took everything there was.
            if n < receive.capacity { return }
        }
    }

    /// Closed loop sends `c` its next request, or its next batch when
    /// pipelining; open loop sends what is due, else offers `c` to the pacer.
    @inline(__always)
    func refill(_ c: LoadConnection, now: UInt64) {
        guard phase == .running else { return }
        if pacer != nil {
            while c.machine.capacity > 0 && pacer!.isDue(now) { sendPlanned(on: c, now: now) }
            enqueueIfFree(c)
            return
        }
        // Pipelining sends its batch of `depth` requests in one write once
        // the previous batch is answered, as wrk's pipelining and TechEmpower
        // do: topping up after every partial read would send many small
        // writes, which costs the server (and the client) more per request.
        guard c.machine.inFlight == 0 else { return }
        var n = c.machine.capacity
        if budget != nil && now >= windowStart {
            n = min(n, budget!)
            budget! -= n
        }
        guard n > 0 else { return }
        for _ in 0..<n {
            let (target, request) = picker.next()
            write(request, on: c)
            c.machine.sent(target: target, bodyless: plan.bodyless[target], planned: now, now: now)
        }
        outstanding += n
    }

    /// Queues one request's bytes on `c`; they go out at the end of the tick.
    @inline(__always)
    func write(_ request: ByteBuffer, on c: LoadConnection) {
        c.output.writeImmutableBuffer(request)
        c.unflushed &+= 1
        if !c.flushQueued {
            c.flushQueued = true
            flushQueue.append(c)
        }
    }

    /// `count` requests finished (answered or failed).
    @inline(__always)
    func answered(_ count: Int, now: UInt64?) {
        guard count > 0 else { return }
        outstanding -= count
        completed &+= count
        if let now { lastProgress = now }
        if outstanding == 0 && (budget != nil || pacer?.limit != nil) { checkFinished() }
    }

    /// The end of a loop tick: open loop sends what came due on connections
    /// freed by this tick's reads; then every connection written to in this
    /// tick is flushed, so the server gets the tick's requests as one burst
    /// (as wrk's write-on-next-tick gives it) instead of one wake-up each.
    func tickEnded() {
        if readThisTick {
            readThisTick = false
            if pacer != nil, phase == .running { pump(now: MonotonicClock.nanoseconds()) }
        }
        guard !flushQueue.isEmpty else { return }
        let now = MonotonicClock.nanoseconds()
        for c in flushQueue {
            c.flushQueued = false
            guard c.fd >= 0 else { continue }
            if c.unflushed > 0 {
                // Written earlier in this tick, sent now: stamp them now, so the
                // deferred flush adds nothing to their latency.
                c.machine.restampNewest(c.unflushed, sent: now, closedLoop: pacer == nil, windowStart: windowStart)
                c.unflushed = 0
            }
            if !c.awaitsWritable { send(c) }
        }
        flushQueue.removeAll(keepingCapacity: true)
    }

    /// Sends `c`'s pending bytes; what the socket does not take waits for
    /// writability.
    func send(_ c: LoadConnection) {
        while c.output.readableBytes > 0 {
            let n = TCPSocket.send(c.fd, c.output)
            if n > 0 {
                c.output.moveReaderIndex(forwardBy: n)
                continue
            }
            if n == -Int(EINTR) { continue }
            if n == -Int(EAGAIN) {
                if !c.awaitsWritable {
                    c.awaitsWritable = true
                    try? reactor.poller.modify(c.fd, token: c.token, events: Poller.readable | Poller.writable)
                }
                return
            }
            drop(c, kind: .write)
            return
        }
        c.output.clear()
        if c.awaitsWritable {
            c.awaitsWritable = false
            try? reactor.poller.modify(c.fd, token: c.token, events: Poller.readable)
        }
    }

    func sendPlanned(on c: LoadConnection, now: UInt64) {
        let planned = pacer!.take()
        if planned >= windowStart && planned < windowEnd { tally.record(lag: now &- planned) }
        let (target, request) = picker.next()
        write(request, on: c)
        c.machine.sent(target: target, bodyless: plan.bodyless[target], planned: planned, now: now)
        outstanding += 1
    }

    func enqueueIfFree(_ c: LoadConnection) {
        if !c.queued && c.machine.capacity > 0 {
            c.queued = true
            freeQueue.append(c)
        }
    }

    /// Sends every request due at `now` on free connections, round robin.
    func pump(now: UInt64) {
        while pacer!.isDue(now) {
            guard let c = freeQueue.popFirst() else { return }
            c.queued = false
            guard c.machine.capacity > 0 else { continue }
            sendPlanned(on: c, now: now)
            enqueueIfFree(c)
        }
        if pacer!.isFinished { checkFinished() }
    }

    func onTick() {
        guard phase == .running, pacer != nil else { return }
        let now = MonotonicClock.nanoseconds()
        pump(now: now)
        guard phase == .running, let next = pacer!.nextPlanned else { return }
        tick = reactor.schedule(at: max(next, now + Self.tickNanos)) { self.onTick() }
    }

    // MARK: timeouts

    func sweepTimeouts() {
        let now = MonotonicClock.nanoseconds()
        for c in connections where c.fd >= 0 {
            if c.machine.state == .connecting {
                if now > c.connectDeadline {
                    c.detach()
                    connectFailed(c, ConnectFailure.describe(errno: ETIMEDOUT))  // our own deadline passed
                }
                continue
            }
            let before = c.machine.inFlight
            if c.machine.checkTimeout(now: now, timeout: plan.timeoutNanos, into: &stats) {
                answered(before - c.machine.inFlight, now: nil)
                drop(c, kind: .timeout)
            }
        }
        guard phase == .running else { return }
        // A run bounded only by --requests must not wait forever for a server that is gone.
        if budget != nil || pacer?.limit != nil, now >= windowStart, openConnections == 0,
            now - lastProgress > plan.timeoutNanos
        {
            stop()
        }
    }

    func checkFinished() {
        guard phase == .running, outstanding == 0 else { return }
        if let b = budget, b == 0 { stop() }
        if let p = pacer, p.isFinished { stop() }
    }
}
