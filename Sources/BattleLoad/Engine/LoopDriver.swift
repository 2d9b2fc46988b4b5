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

    private enum Phase { case idle, connecting, ready, running, stopped }
    private var phase = Phase.idle
    @exclusivity(unchecked) private var picker: RequestPicker
    /// The loop's one receive buffer: every socket is read into it and
    /// parsed at once (the parser keeps what it needs of a partial response).
    @exclusivity(unchecked) private var receive: ByteBuffer
    @exclusivity(unchecked) private var connections: [LoadConnection] = []
    /// First connect attempt of each connection still unresolved.
    private var firstAttemptPending: [Bool] = []
    private var pendingFirstAttempts = 0
    private var openConnections = 0
    private var established = 0
    private var firstConnectError: String?

    /// Requests the measured window may still send (`--requests`); nil otherwise.
    @exclusivity(unchecked) private var budget: Int?
    /// Requests sent and not yet answered or failed, over all connections.
    @exclusivity(unchecked) private var outstanding = 0
    /// Requests finished, warmup included (for the progress line).
    @exclusivity(unchecked) private var completed = 0
    @exclusivity(unchecked) private var lastProgress: UInt64 = 0

    @exclusivity(unchecked) private var pacer: Pacer?
    /// Open loop: connections that can take a request now, least recently used first.
    @exclusivity(unchecked) private var freeQueue = CircularBuffer<LoadConnection>()
    @exclusivity(unchecked) private var tally = ScheduleTally()
    /// Connections with writes waiting for the flush at the end of this loop tick.
    @exclusivity(unchecked) private var flushQueue: [LoadConnection] = []
    /// Open loop: a read happened this tick, so requests may have come due on freed connections.
    @exclusivity(unchecked) private var readThisTick = false
    private var windowStart: UInt64 = .max
    private var windowEnd: UInt64 = .max

    private var connectDone: ((ConnectOutcome) -> Void)?
    private var usageAtWindowStart: ResourceUsage?
    private var finished: ((LoopReport) -> Void)?
    private var scheduled: [TimerQueue<() -> Void>.ID] = []
    private var tick: TimerQueue<() -> Void>.ID?
    private var sweep: TimerQueue<() -> Void>.ID?
    private var intervalTimer: TimerQueue<() -> Void>.ID?

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

    // MARK: lifecycle, driven by the engine

    /// Opens every connection; `done` gets how many are open once each has
    /// succeeded or failed its first attempt.
    func connectAll(done: @escaping (ConnectOutcome) -> Void) {
        guard phase == .idle else {
            done(ConnectOutcome(open: openConnections, firstError: firstConnectError))
            return
        }
        phase = .connecting
        connectDone = done
        pendingFirstAttempts = plan.connections
        firstAttemptPending = Array(repeating: true, count: plan.connections)
        connections.reserveCapacity(plan.connections)
        for i in 0..<plan.connections {
            connections.append(LoadConnection(id: i, depth: plan.pipeline))
        }
        for c in connections { connect(c) }
        scheduleSweep()
        if plan.connections == 0 { resolveFirstAttempt(nil) }
    }

    /// Starts sending at `loadStart`, records from `windowStart`, stops at
    /// `windowEnd` (or when the request budget is spent); `done` gets the report.
    func start(loadStart: UInt64, windowStart: UInt64, windowEnd: UInt64?, done: @escaping (LoopReport) -> Void) {
        guard phase != .stopped else {
            done(report(windowEnd: windowStart))  // stopped before it began: nothing measured
            return
        }
        finished = done
        self.windowStart = windowStart
        self.windowEnd = windowEnd ?? .max
        stats.startRecording(windowStart: windowStart, windowEnd: self.windowEnd)
        scheduleIntervalEnd()
        budget = plan.rate == nil ? plan.requestBudget : nil
        if windowStart <= loadStart {
            scheduled.append(
                reactor.schedule(at: loadStart) {
                    self.beginWindow()
                    self.beginLoad(loadStart, windowStart: windowStart)
                })
        } else {
            scheduled.append(reactor.schedule(at: loadStart) { self.beginLoad(loadStart, windowStart: windowStart) })
            scheduled.append(reactor.schedule(at: windowStart) { self.beginWindow() })
        }
        if let end = windowEnd {
            scheduled.append(reactor.schedule(at: end) { self.stop() })
        }
    }

    private func beginLoad(_ start: UInt64, windowStart: UInt64) {
        guard phase == .connecting || phase == .ready else { return }
        phase = .running
        established = openConnections
        lastProgress = MonotonicClock.nanoseconds()
        if let rate = plan.rate {
            var limit: Int? = nil
            if let share = plan.requestBudget {
                let warmupSlots = Pacer(rate: rate, loopIndex: plan.index, loopCount: plan.loopCount, start: start)
                    .count(plannedFrom: start, to: windowStart)
                limit = warmupSlots + share
            }
            pacer = Pacer(rate: rate, loopIndex: plan.index, loopCount: plan.loopCount, start: start, limit: limit)
            for c in connections where c.isOpen { enqueueIfFree(c) }
            onTick()
        } else {
            let now = MonotonicClock.nanoseconds()
            for c in connections where c.isOpen { refill(c, now: now) }
        }
    }

    /// Timeouts (of requests and of connects) are found by a periodic sweep,
    /// not a timer each.
    private func scheduleSweep() {
        let every = max(1_000_000, min(plan.timeoutNanos / 4, 100_000_000))
        sweep = reactor.schedule(in: every) {
            self.sweepTimeouts()
            if self.phase != .stopped { self.scheduleSweep() }
        }
    }

    /// At the end of each interval: close it (when no response did already)
    /// and hand the closed intervals to the engine.
    private func scheduleIntervalEnd() {
        guard let end = stats.intervals?.end, end != .max else { return }
        intervalTimer = reactor.schedule(at: end) {
            guard self.phase != .stopped else { return }
            self.stats.intervals?.roll(upTo: min(MonotonicClock.nanoseconds(), self.windowEnd))
            self.deliverIntervals(finished: false)
            self.scheduleIntervalEnd()
        }
    }

    private func deliverIntervals(finished: Bool) {
        guard let mailbox = plan.intervalMailbox else { return }
        mailbox.deliver(loop: plan.index, stats.intervals?.take() ?? [], finished: finished)
    }

    /// The measured window opens: note the CPU used so far.
    private func beginWindow() {
        guard phase != .stopped else { return }
        usageAtWindowStart = ResourceUsage.now()
    }

    /// Ends the measured window now, hands back the report, closes every
    /// connection and lets the loop's thread end.
    func stop() {
        guard phase != .stopped else { return }
        // A stop that runs late (a busy machine) still ends the window on time.
        let now = min(MonotonicClock.nanoseconds(), windowEnd)
        phase = .stopped
        stats.recording = false
        for s in scheduled { reactor.cancel(s) }
        if let tick { reactor.cancel(tick) }
        if let sweep { reactor.cancel(sweep) }
        if let intervalTimer { reactor.cancel(intervalTimer) }
        stats.intervals?.finish(at: max(now, windowStart))
        deliverIntervals(finished: true)
        if pacer != nil, windowStart != .max, now > windowStart {
            tally.planned = pacer!.count(plannedFrom: windowStart, to: now)
        }
        let report = report(windowEnd: now)
        freeQueue.removeAll()
        flushQueue.removeAll()
        for c in connections {
            c.machine.closing()
            c.detach()
        }
        connections = []
        openConnections = 0
        connectDone?(ConnectOutcome(open: 0, firstError: firstConnectError))
        connectDone = nil
        finished?(report)
        finished = nil
        reactor.requestExit()
    }

    private func report(windowEnd: UInt64) -> LoopReport {
        LoopReport(
            stats: stats, established: established, firstConnectError: firstConnectError,
            windowEnd: windowEnd, schedule: pacer == nil ? nil : tally, usageAtWindowStart: usageAtWindowStart)
    }

    /// Figures for the live progress line.
    func progress() -> LoadProgress.Loop {
        LoadProgress.Loop(
            responses: completed, errors: stats.errors().total, recording: MonotonicClock.nanoseconds() >= windowStart)
    }

    // MARK: connections

    private func connect(_ c: LoadConnection) {
        switch TCPSocket.connect(to: plan.address) {
        case .connected(let fd):
            c.attach(fd)
            guard register(c, events: Poller.readable) else { return }
            opened(c)
        case .inProgress(let fd):
            c.attach(fd)
            c.connectDeadline = MonotonicClock.nanoseconds() &+ min(plan.timeoutNanos, 10_000_000_000)
            _ = register(c, events: Poller.writable)
        case .failed(let code):
            connectFailed(c, ConnectFailure.describe(errno: code))
        }
    }

    /// Adds `c`'s socket to the poller; a failure fails the connect.
    private func register(_ c: LoadConnection, events: UInt32) -> Bool {
        do {
            try reactor.poller.add(c.fd, token: c.token, events: events)
            return true
        } catch {
            c.detach()
            connectFailed(c, ConnectFailure.describe(errno: error.code))
            return false
        }
    }

    /// The handshake of `c` ended (writable, or failed).
    private func finishConnect(_ c: LoadConnection) {
        let code = TCPSocket.connectError(c.fd)
        guard code == 0 else {
            c.detach()
            connectFailed(c, ConnectFailure.describe(errno: code))
            return
        }
        do {
            try reactor.poller.modify(c.fd, token: c.token, events: Poller.readable)
        } catch {
            c.detach()
            connectFailed(c, ConnectFailure.describe(errno: error.code))
            return
        }
        opened(c)
    }

    private func opened(_ c: LoadConnection) {
        c.machine.connected()
        c.connectFailures = 0
        openConnections += 1
        resolveFirstAttempt(c)
        guard phase == .running else { return }
        lastProgress = MonotonicClock.nanoseconds()
        if pacer != nil {
            enqueueIfFree(c)
            pump(now: lastProgress)
        } else {
            refill(c, now: lastProgress)
        }
    }

    private func connectFailed(_ c: LoadConnection, _ reason: String) {
        guard phase != .stopped else { return }
        stats.connectFailed(now: MonotonicClock.nanoseconds())
        if firstConnectError == nil { firstConnectError = reason }
        resolveFirstAttempt(c)
        c.connectFailures += 1
        let delay = min(UInt64(1_000_000_000), UInt64(10_000_000) << UInt64(min(c.connectFailures - 1, 7)))
        _ = reactor.schedule(in: delay) {
            if self.phase != .stopped { self.connect(c) }
        }
    }

    /// `c`'s connection ends (the server closed it, a failure, a timeout):
    /// what is in flight fails as `kind`, and the slot connects again.
    private func drop(_ c: LoadConnection, kind: ErrorKind) {
        guard c.fd >= 0 else { return }
        let before = c.machine.inFlight
        c.machine.closed(now: MonotonicClock.nanoseconds(), kind: kind, into: &stats)
        answered(before - c.machine.inFlight, now: nil)
        c.detach()
        openConnections -= 1
        guard phase != .stopped else { return }
        stats.reconnected(now: MonotonicClock.nanoseconds())
        connect(c)
    }

    private func resolveFirstAttempt(_ c: LoadConnection?) {
        if let c {
            guard firstAttemptPending[c.id] else { return }
            firstAttemptPending[c.id] = false
            pendingFirstAttempts -= 1
        }
        if pendingFirstAttempts == 0, phase == .connecting {
            phase = .ready
            connectDone?(ConnectOutcome(open: openConnections, firstError: firstConnectError))
            connectDone = nil
        }
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
    private func read(_ c: LoadConnection) {
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
    private func refill(_ c: LoadConnection, now: UInt64) {
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
    private func write(_ request: ByteBuffer, on c: LoadConnection) {
        c.output.writeImmutableBuffer(request)
        c.unflushed &+= 1
        if !c.flushQueued {
            c.flushQueued = true
            flushQueue.append(c)
        }
    }

    /// `count` requests finished (answered or failed).
    @inline(__always)
    private func answered(_ count: Int, now: UInt64?) {
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
                c.machine.restampNewest(c.unflushed, sent: now, closedLoop: pacer == nil)
                c.unflushed = 0
            }
            if !c.awaitsWritable { send(c) }
        }
        flushQueue.removeAll(keepingCapacity: true)
    }

    /// Sends `c`'s pending bytes; what the socket does not take waits for
    /// writability.
    private func send(_ c: LoadConnection) {
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

    private func sendPlanned(on c: LoadConnection, now: UInt64) {
        let planned = pacer!.take()
        if planned >= windowStart && planned < windowEnd { tally.record(lag: now &- planned) }
        let (target, request) = picker.next()
        write(request, on: c)
        c.machine.sent(target: target, bodyless: plan.bodyless[target], planned: planned, now: now)
        outstanding += 1
    }

    private func enqueueIfFree(_ c: LoadConnection) {
        if !c.queued && c.machine.capacity > 0 {
            c.queued = true
            freeQueue.append(c)
        }
    }

    /// Sends every request due at `now` on free connections, round robin.
    private func pump(now: UInt64) {
        while pacer!.isDue(now) {
            guard let c = freeQueue.popFirst() else { return }
            c.queued = false
            guard c.machine.capacity > 0 else { continue }
            sendPlanned(on: c, now: now)
            enqueueIfFree(c)
        }
        if pacer!.isFinished { checkFinished() }
    }

    private func onTick() {
        guard phase == .running, pacer != nil else { return }
        let now = MonotonicClock.nanoseconds()
        pump(now: now)
        guard phase == .running, let next = pacer!.nextPlanned else { return }
        tick = reactor.schedule(at: max(next, now + Self.tickNanos)) { self.onTick() }
    }

    private func sweepTimeouts() {
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

    private func checkFinished() {
        guard phase == .running, outstanding == 0 else { return }
        if let b = budget, b == 0 { stop() }
        if let p = pacer, p.isFinished { stop() }
    }
}
