import NIOCore
import NIOPosix

/// Runs one event loop's share of a load: its connections, its request
/// sequence, its open-loop pacer, its statistics. Everything here happens on
/// `loop`, so nothing is locked; the engine talks to it only by scheduling
/// work on the loop.
final class LoopDriver {
    let loop: any EventLoop
    let plan: LoopPlan
    // Hot-path state below is touched only on `loop` and never in overlapping
    // accesses: Swift's dynamic exclusivity checks are skipped for it.
    @exclusivity(unchecked) var stats: LoopStats

    private enum Phase { case idle, connecting, ready, running, stopped }
    private var phase = Phase.idle
    @exclusivity(unchecked) private var picker: RequestPicker
    /// Scratch space to join pipelined requests into one write.
    @exclusivity(unchecked) private var batch = ByteBuffer()
    private var handlers: [ConnectionHandler] = []
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
    @exclusivity(unchecked) private var freeQueue = CircularBuffer<ConnectionHandler>()
    @exclusivity(unchecked) private var tally = ScheduleTally()
    /// Connections with writes waiting for the flush at the end of this loop tick.
    @exclusivity(unchecked) private var flushQueue: [ConnectionHandler] = []
    @exclusivity(unchecked) private var flushScheduled = false
    private var windowStart: UInt64 = .max
    private var windowEnd: UInt64 = .max

    private var connectPromise: EventLoopPromise<ConnectOutcome>?
    private var usageAtWindowStart: ResourceUsage?
    private var finishPromise: EventLoopPromise<LoopReport>?
    private var scheduled: [Scheduled<Void>] = []
    private var tick: Scheduled<Void>?
    private var sweep: Scheduled<Void>?

    /// The open-loop timer's granularity.
    static let tickNanos: UInt64 = 1_000_000

    init(plan: LoopPlan, loop: any EventLoop) {
        self.loop = loop
        self.plan = plan
        self.stats = LoopStats(targets: plan.requests.count, openLoop: plan.rate != nil)
        let round = RequestPicker.smoothWeightedRoundRobin(plan.weights).count
        self.picker = RequestPicker(
            weights: plan.weights, requests: plan.requests, offset: plan.index * round / max(plan.loopCount, 1))
    }

    // MARK: lifecycle, driven by the engine

    /// Opens every connection; the future gives how many are open once each
    /// has succeeded or failed its first attempt.
    func connectAll() -> EventLoopFuture<ConnectOutcome> {
        loop.preconditionInEventLoop()
        phase = .connecting
        let promise = loop.makePromise(of: ConnectOutcome.self)
        connectPromise = promise
        pendingFirstAttempts = plan.connections
        firstAttemptPending = Array(repeating: true, count: plan.connections)
        handlers.reserveCapacity(plan.connections)
        for i in 0..<plan.connections {
            handlers.append(ConnectionHandler(driver: self, id: i, depth: plan.pipeline))
            connect(handlers[i])
        }
        return promise.futureResult
    }

    /// Starts sending at `loadStart`, records from `windowStart`, stops at
    /// `windowEnd` (or when the request budget is spent).
    func start(loadStart: UInt64, windowStart: UInt64, windowEnd: UInt64?) -> EventLoopFuture<LoopReport> {
        loop.preconditionInEventLoop()
        let promise = loop.makePromise(of: LoopReport.self)
        finishPromise = promise
        self.windowStart = windowStart
        self.windowEnd = windowEnd ?? .max
        stats.startRecording(windowStart: windowStart, windowEnd: self.windowEnd)
        budget = plan.rate == nil ? plan.requestBudget : nil
        let isolated = loop.assumeIsolated()
        if windowStart <= loadStart {
            scheduled.append(
                isolated.scheduleTask(deadline: .uptimeNanoseconds(loadStart)) {
                    self.beginWindow()
                    self.beginLoad(loadStart, windowStart: windowStart)
                })
        } else {
            scheduled.append(isolated.scheduleTask(deadline: .uptimeNanoseconds(loadStart)) { self.beginLoad(loadStart, windowStart: windowStart) })
            scheduled.append(isolated.scheduleTask(deadline: .uptimeNanoseconds(windowStart)) { self.beginWindow() })
        }
        if let end = windowEnd {
            scheduled.append(isolated.scheduleTask(deadline: .uptimeNanoseconds(end)) { self.stop() })
        }
        return promise.futureResult
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
            for h in handlers where h.isOpen { enqueueIfFree(h) }
            onTick()
        } else {
            let now = MonotonicClock.nanoseconds()
            for h in handlers where h.isOpen {
                refill(h, now: now)
                h.flush()
            }
        }
        scheduleSweep()
    }

    /// Timeouts are found by a periodic sweep, not a timer per request.
    private func scheduleSweep() {
        let every = Int64(max(1_000_000, min(plan.timeoutNanos / 4, 100_000_000)))
        sweep = loop.assumeIsolated().scheduleTask(in: .nanoseconds(every)) {
            self.sweepTimeouts()
            if self.phase == .running { self.scheduleSweep() }
        }
    }

    /// The measured window opens: note the CPU used so far.
    private func beginWindow() {
        guard phase != .stopped else { return }
        usageAtWindowStart = ResourceUsage.now()
    }

    /// Ends the measured window now and hands back the report.
    func stop() {
        guard phase != .stopped else { return }
        // A stop that runs late (a busy machine) still ends the window on time.
        let now = min(MonotonicClock.nanoseconds(), windowEnd)
        phase = .stopped
        stats.recording = false
        for s in scheduled { s.cancel() }
        tick?.cancel()
        sweep?.cancel()
        if pacer != nil, windowStart != .max, now > windowStart {
            tally.planned = pacer!.count(plannedFrom: windowStart, to: now)
        }
        let report = LoopReport(
            stats: stats, established: established, firstConnectError: firstConnectError,
            windowEnd: now, schedule: pacer == nil ? nil : tally, usageAtWindowStart: usageAtWindowStart)
        freeQueue.removeAll()
        connectPromise?.succeed(ConnectOutcome(open: openConnections, firstError: firstConnectError))
        connectPromise = nil
        for h in handlers { h.shutDown() }
        handlers = []
        finishPromise?.succeed(report)
        finishPromise = nil
    }

    /// Figures for the live progress line.
    func progress() -> LoadProgress.Loop {
        LoadProgress.Loop(
            responses: completed, errors: stats.errors().total, recording: MonotonicClock.nanoseconds() >= windowStart)
    }

    // MARK: connections

    /// Opens connection slot `id` again with a fresh handler (a handler
    /// belongs to one channel; the old one may still be leaving its pipeline).
    private func reconnect(_ old: ConnectionHandler) {
        let h = ConnectionHandler(driver: self, id: old.id, depth: plan.pipeline)
        h.connectFailures = old.connectFailures
        handlers[old.id] = h
        connect(h)
    }

    private func connect(_ h: ConnectionHandler) {
        let bound = NIOLoopBound(h, eventLoop: loop)
        let connectTimeout = Int64(min(plan.timeoutNanos, 10_000_000_000))
        ClientBootstrap(group: loop)
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: plan.receiveBufferBytes))
            .connectTimeout(.nanoseconds(connectTimeout))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(bound.value) }
            }
            .connect(to: plan.address)
            .assumeIsolated()
            .whenFailure { error in self.connectFailed(h, error) }
    }

    func connectionOpened(_ h: ConnectionHandler) {
        openConnections += 1
        resolveFirstAttempt(h)
        guard phase == .running else { return }
        lastProgress = MonotonicClock.nanoseconds()
        if pacer != nil {
            enqueueIfFree(h)
            pump(now: lastProgress)
        } else {
            refill(h, now: lastProgress)
            h.flush()
        }
    }

    private func connectFailed(_ h: ConnectionHandler, _ error: any Error) {
        guard phase != .stopped else { return }
        stats.connectFailed(now: MonotonicClock.nanoseconds())
        if firstConnectError == nil { firstConnectError = ConnectFailure.describe(error) }
        resolveFirstAttempt(h)
        h.connectFailures += 1
        let delay = min(Int64(1_000_000_000), Int64(10_000_000) << Int64(min(h.connectFailures - 1, 7)))
        loop.assumeIsolated().scheduleTask(in: .nanoseconds(delay)) {
            if self.phase != .stopped { self.reconnect(h) }
        }
    }

    func connectionClosed(_ h: ConnectionHandler) {
        openConnections -= 1
        guard phase != .stopped else { return }
        stats.reconnected(now: MonotonicClock.nanoseconds())
        reconnect(h)
    }

    private func resolveFirstAttempt(_ h: ConnectionHandler) {
        guard firstAttemptPending[h.id] else { return }
        firstAttemptPending[h.id] = false
        pendingFirstAttempts -= 1
        if pendingFirstAttempts == 0, phase == .connecting {
            phase = .ready
            connectPromise?.succeed(ConnectOutcome(open: openConnections, firstError: firstConnectError))
            connectPromise = nil
        }
    }

    // MARK: the hot path

    /// After a read on `h`: closed loop fills its capacity; open loop sends
    /// what is due, else offers `h` to the pacer.
    @inline(__always)
    func refill(_ h: ConnectionHandler, now: UInt64) {
        guard phase == .running else { return }
        if pacer != nil {
            while h.machine.capacity > 0 && pacer!.isDue(now) { sendPlanned(on: h, now: now) }
            enqueueIfFree(h)
            return
        }
        var n = h.machine.capacity
        if budget != nil && now >= windowStart {
            n = min(n, budget!)
            budget! -= n
        }
        guard n > 0 else { return }
        if n == 1 {
            let (target, request) = picker.next()
            h.write(request)
            h.machine.sent(target: target, bodyless: plan.bodyless[target], planned: now, now: now)
        } else {
            // Several requests for one connection (pipelining): one buffer, one
            // write, instead of a writev of n small buffers.
            batch.clear()
            for _ in 0..<n {
                var (target, request) = picker.next()
                batch.writeBuffer(&request)
                h.machine.sent(target: target, bodyless: plan.bodyless[target], planned: now, now: now)
            }
            h.write(batch, count: n)
        }
        outstanding += n
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

    /// Flushes `h` once every readable connection of this loop tick has been
    /// read: the server then gets the tick's requests as one burst, as wrk's
    /// write-on-next-tick gives it, instead of one wake-up per request.
    @inline(__always)
    func flushLater(_ h: ConnectionHandler) {
        flushQueue.append(h)
        if !flushScheduled {
            flushScheduled = true
            loop.assumeIsolated().execute { self.flushAll() }
        }
    }

    private func flushAll() {
        flushScheduled = false
        let now = MonotonicClock.nanoseconds()
        for h in flushQueue { h.flush(now: now) }
        flushQueue.removeAll(keepingCapacity: true)
    }

    var isClosedLoop: Bool { plan.rate == nil }

    /// Open loop: after a batch of reads, send whatever has come due.
    @inline(__always)
    func readComplete() {
        guard pacer != nil, phase == .running else { return }
        pump(now: MonotonicClock.nanoseconds())
    }

    private func sendPlanned(on h: ConnectionHandler, now: UInt64) {
        let planned = pacer!.take()
        if planned >= windowStart && planned < windowEnd { tally.record(lag: now &- planned) }
        let (target, request) = picker.next()
        h.write(request)
        h.machine.sent(target: target, bodyless: plan.bodyless[target], planned: planned, now: now)
        outstanding += 1
    }

    private func enqueueIfFree(_ h: ConnectionHandler) {
        if !h.queued && h.machine.capacity > 0 {
            h.queued = true
            freeQueue.append(h)
        }
    }

    /// Sends every request due at `now` on free connections, round robin.
    private func pump(now: UInt64) {
        while pacer!.isDue(now) {
            guard let h = freeQueue.popFirst() else { return }
            h.queued = false
            guard h.machine.capacity > 0 else { continue }
            sendPlanned(on: h, now: now)
            flushLater(h)
            enqueueIfFree(h)
        }
        if pacer!.isFinished { checkFinished() }
    }

    private func onTick() {
        guard phase == .running, pacer != nil else { return }
        let now = MonotonicClock.nanoseconds()
        pump(now: now)
        guard phase == .running, let next = pacer!.nextPlanned else { return }
        let at = max(next, now + Self.tickNanos)
        tick = loop.assumeIsolated().scheduleTask(deadline: .uptimeNanoseconds(at)) { self.onTick() }
    }

    private func sweepTimeouts() {
        guard phase == .running else { return }
        let now = MonotonicClock.nanoseconds()
        for h in handlers where h.isOpen { h.timeOut(now: now, after: plan.timeoutNanos) }
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
