import BattleCore
import NIOCore

#if canImport(Glibc)
    import Glibc
#endif

/// The loop's lifecycle, driven by the engine: connect, start, the measured
/// window and its timers, stop and the report.
extension LoopDriver {
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

    func beginLoad(_ start: UInt64, windowStart: UInt64) {
        guard phase == .connecting || phase == .ready else { return }
        phase = .running
        established = openConnections
        lastProgress = MonotonicClock.nanoseconds()
        if let rate = plan.rate {
            let start = start + plan.scheduleOffsetNanos
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
    func scheduleSweep() {
        let every = max(1_000_000, min(plan.timeoutNanos / 4, 100_000_000))
        sweep = reactor.schedule(in: every) {
            self.sweepTimeouts()
            if self.phase != .stopped { self.scheduleSweep() }
        }
    }

    /// At the end of each interval: close it (when no response did already)
    /// and hand the closed intervals to the engine.
    func scheduleIntervalEnd() {
        guard let end = stats.intervals?.end, end != .max else { return }
        intervalTimer = reactor.schedule(at: end) {
            guard self.phase != .stopped else { return }
            self.stats.intervals?.roll(upTo: min(MonotonicClock.nanoseconds(), self.windowEnd))
            self.deliverIntervals(finished: false)
            self.scheduleIntervalEnd()
        }
    }

    func deliverIntervals(finished: Bool) {
        guard let mailbox = plan.intervalMailbox else { return }
        mailbox.deliver(loop: plan.index, stats.intervals?.take() ?? [], finished: finished)
    }

    /// The measured window opens: note the CPU used so far.
    func beginWindow() {
        guard phase != .stopped else { return }
        usageAtWindowStart = ProcessRUsage.now()
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

    func report(windowEnd: UInt64) -> LoopReport {
        LoopReport(
            stats: stats, established: established, firstConnectError: firstConnectError,
            windowEnd: windowEnd, schedule: pacer == nil ? nil : tally, usageAtWindowStart: usageAtWindowStart)
    }

    /// Figures for the live progress line.
    func progress() -> LoadProgress.Loop {
        LoadProgress.Loop(
            responses: completed, errors: stats.errors().total, recording: MonotonicClock.nanoseconds() >= windowStart)
    }
}
