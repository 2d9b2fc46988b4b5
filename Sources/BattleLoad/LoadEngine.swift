import BattleCore
import Foundation
import NIOCore

#if canImport(Glibc)
    import Glibc
#endif

/// Why a load run could not produce figures.
public enum LoadError: Error, CustomStringConvertible, Equatable {
    /// The configuration is not usable; the message names the flag and the fix.
    case invalid(String)
    /// The target could not be reached at all.
    case unreachable(String)

    public var description: String {
        switch self {
        case .invalid(let m), .unreachable(let m): m
        }
    }
}

/// The load engine: one event loop (a `Reactor`) per thread, each owning its
/// share of the connections and its own statistics, merged at the end.
///
///     let result = try await LoadEngine(configuration).run()
///
/// `stop()` (e.g. on Ctrl-C) ends the measured window early; `run` then
/// returns what was measured so far with `interrupted` set.
public final class LoadEngine: Sendable {
    public let configuration: LoadConfiguration
    private let control = Control()

    public init(_ configuration: LoadConfiguration) {
        self.configuration = configuration
    }

    /// Ends the run now; safe to call from any thread, any number of times.
    public func stop() {
        Task { await control.stop() }
    }

    /// Runs the load and returns what it measured. `progress` is called about
    /// once a second, from a background task. With `configuration.interval`,
    /// `interval` gets each interval of the window once it has closed, in
    /// order, from one background task at a time (the last ones after the
    /// window ends, before `run` returns).
    ///
    /// `startGate`, when given, is asked once every connection is open (with
    /// how many are): the load begins at the wall-clock time it returns
    /// (seconds since the epoch, this host's clock), at once for a time
    /// already past (`LoadResult.startLagSeconds` says how late it began);
    /// nil abandons the run before any request, as `stop()` does.
    public func run(
        progress: (@Sendable (LoadProgress) -> Void)? = nil, interval: (@Sendable (ClosedInterval) -> Void)? = nil,
        startGate: (@Sendable (Int) async -> Double?)? = nil
    ) async throws(LoadError) -> LoadResult {
        let config = configuration
        do { try config.validate() } catch { throw .invalid(error.message) }

        var warnings: [String] = []
        let fileLimit = FileLimits.raiseToHardLimit()
        if config.connections + 32 > fileLimit {
            warnings.append(
                "--connections \(config.connections) needs about \(config.connections + 32) file descriptors "
                    + "but the limit is \(fileLimit); raise it with `ulimit -n`")
        }
        if let ports = FileLimits.ephemeralPortCount(), config.connections > ports {
            warnings.append(
                "--connections \(config.connections) is more than the \(ports) local ports available "
                    + "(net.ipv4.ip_local_port_range)")
        }

        let url = config.targets[0].url
        let candidates = AddressResolver.resolve(host: url.host, port: url.port)
        guard !candidates.isEmpty else {
            throw .unreachable("cannot resolve host '\(url.host)'; check the URL")
        }

        let timeoutNanos = UInt64(config.timeout * 1e9)

        // One connection first: an unreachable server fails in milliseconds, clearly.
        var address: SocketAddress? = nil
        var lastError = "no address"
        for candidate in candidates {
            guard let code = TCPSocket.probe(candidate, timeoutNanos: min(timeoutNanos, 10_000_000_000)) else {
                address = candidate
                break
            }
            lastError = ConnectFailure.describe(errno: code)
        }
        guard let address else { throw .unreachable("cannot connect to \(url.authority): \(lastError)") }

        let requests = RequestEncoder.encodeAll(config.targets)
        let mailbox = config.interval.map { _ in
            IntervalMailbox(IntervalCollector(loops: config.threads, openLoop: config.rate != nil))
        }
        var loops: [LoopHandle] = []
        for i in 0..<config.threads {
            let plan = LoopPlan(
                index: i, loopCount: config.threads,
                connections: LoopPlan.share(config.connections, parts: config.threads, index: i),
                pipeline: config.pipeline, address: address, requests: requests,
                weights: config.targets.map(\.weight), bodyless: config.targets.map(\.isHead),
                timeoutNanos: timeoutNanos,
                requestBudget: config.requestLimit.map { LoopPlan.share($0, parts: config.threads, index: i) },
                rate: config.rate, scheduleOffsetNanos: UInt64(max(0, config.scheduleOffset) * 1e9),
                receiveBufferBytes: min(64 * 1024, max(16 * 1024, config.pipeline * 2048)),
                intervalNanos: config.interval.map { UInt64(($0 * 1e9).rounded()) } ?? 0, intervalMailbox: mailbox)
            do {
                let reactor = try Reactor()
                let driver = LoopDriver(plan: plan, reactor: reactor)
                reactor.start(driver, name: "battle-load-\(i)")
                loops.append(LoopHandle(reactor: reactor, driver: LoopConfined(driver)))
            } catch {
                await Self.shutDown(loops)
                throw .invalid("could not start event loop \(i): \(error)")
            }
        }
        await control.register(loops)
        do {
            let result = try await run(
                config, loops: loops, warnings: warnings, progress: progress, mailbox: mailbox, interval: interval,
                startGate: startGate)
            await Self.shutDown(loops)
            return result
        } catch {
            await Self.shutDown(loops)
            throw error
        }
    }

    /// Stops every loop (a no-op for loops already done) and waits for their threads.
    private static func shutDown(_ loops: [LoopHandle]) async {
        for h in loops { h.stop() }
        for h in loops { await h.reactor.waitUntilExited() }
    }

    private func run(
        _ config: LoadConfiguration, loops: [LoopHandle], warnings: [String],
        progress: (@Sendable (LoadProgress) -> Void)?, mailbox: IntervalMailbox?,
        interval: (@Sendable (ClosedInterval) -> Void)?, startGate: (@Sendable (Int) async -> Double?)?
    ) async throws(LoadError) -> LoadResult {
        var warnings = warnings
        let url = config.targets[0].url

        // Open every connection before the clock starts.
        let outcomes = await LoopHandle.askAll(loops) { driver, reply in driver.connectAll(done: reply) }
        let open = outcomes.reduce(0) { $0 + ($1?.open ?? 0) }
        let firstError = outcomes.compactMap { $0?.firstError }.first
        if open == 0, await !control.isStopped {
            throw .unreachable("no connection to \(url.authority) could be opened: \(firstError ?? "unknown error")")
        }
        if open < config.connections {
            warnings.append(
                ConnectFailure.shortfall(
                    asked: config.connections, open: open, firstError: firstError,
                    fileLimit: FileLimits.raiseToHardLimit()))
        }

        // The timeline, in MonotonicClock nanoseconds, shared by every loop.
        var startAt: Double? = nil
        if let startGate {
            startAt = await startGate(open)
            if startAt == nil { await control.stop() }
        }
        let now = MonotonicClock.nanoseconds()
        // At the gate's time when it is ahead, else 2 ms from now.
        let ahead = startAt.map { $0 - WallClock.seconds } ?? 0
        let loadStart = now + (ahead > 0.002 ? UInt64(ahead * 1e9) : 2_000_000)
        let startLag = startAt == nil ? 0 : max(0, 0.002 - ahead)
        let windowStart = loadStart + UInt64(config.warmup * 1e9)
        let windowEnd = config.duration.map { windowStart + UInt64($0 * 1e9) }
        let startedAt = Date().addingTimeInterval(Double(windowStart - now) / 1e9)

        let watcher = progress.map { report in
            Task { await Self.watch(loops, loadStart: loadStart, report: report) }
        }
        mailbox?.open(windowStart: windowStart, startedAt: startedAt)
        let expected = config.duration.flatMap { d in config.interval.map { Int((d / $0).rounded(.up)) } }
        let collector = mailbox.map { mailbox in
            Task {
                await Self.collect(
                    mailbox, every: config.interval ?? 1, series: IntervalSeries(expectedIntervals: expected),
                    interval: interval)
            }
        }
        let answers = await LoopHandle.askAll(loops) { driver, reply in
            driver.start(loadStart: loadStart, windowStart: windowStart, windowEnd: windowEnd, done: reply)
        }
        watcher?.cancel()
        collector?.cancel()
        var series = await collector?.value
        if let mailbox { Self.hand(mailbox.drain(), to: &series, interval: interval) }
        // A loop stopped (Ctrl-C) before it could begin has measured nothing.
        let nothing = LoopReport(
            stats: LoopStats(targets: config.targets.count, openLoop: config.rate != nil), established: 0,
            firstConnectError: nil, windowEnd: windowStart, schedule: nil, usageAtWindowStart: nil)
        let reports = answers.map { $0 ?? nothing }
        let usageEnd = ProcessRUsage.now()

        var stats = reports[0].stats
        for r in reports.dropFirst() { stats.merge(r.stats) }
        let end = reports.map(\.windowEnd).max() ?? windowStart
        let usage = reports.compactMap(\.usageAtWindowStart).first.map { usageEnd.since($0) }
        let schedule = reports.compactMap(\.schedule).reduce(ScheduleTally(), +)
        let measured = end > windowStart ? Double(end - windowStart) / 1e9 : 0

        var summary = LoadSummary.make(
            config: config, stats: stats, startedAt: startedAt, duration: measured,
            schedule: config.rate == nil ? nil : schedule, usage: usage)
        if let s = summary.schedule, s.fellBehind {
            warnings.append(
                "the open-loop schedule was not kept: \(s.late) of \(s.planned) requests were sent late and \(s.unsent) not at all; "
                    + "add connections (-c) or lower the rate (-R)")
        }
        summary.intervals = series?.finish()
        summary.openConnections = reports.reduce(0) { $0 + $1.established }
        summary.warnings = warnings.isEmpty ? nil : warnings
        var result = LoadResult(
            summary: summary, latency: stats.latency.histogram, uncorrectedLatency: stats.uncorrected?.histogram,
            warnings: warnings,
            interrupted: await control.isStopped)
        result.startLagSeconds = startLag
        if config.targets.count > 1 {
            result.endpointLatency = config.targets.indices.map { stats.latency(target: $0).histogram }
        }
        return result
    }

    /// Picks up the intervals the loops have all closed, about twice per
    /// interval, until cancelled; returns the series so far.
    private static func collect(
        _ mailbox: IntervalMailbox, every seconds: Double, series: IntervalSeries,
        interval: (@Sendable (ClosedInterval) -> Void)?
    ) async -> IntervalSeries {
        var series: IntervalSeries? = series
        let pause = UInt64(min(max(seconds / 2, 0.05), 0.5) * 1e9)
        while !Task.isCancelled {
            try? await Task.sleep(nanoseconds: pause)
            hand(mailbox.ready(), to: &series, interval: interval)
        }
        return series!
    }

    private static func hand(
        _ closed: [ClosedInterval], to series: inout IntervalSeries?, interval: (@Sendable (ClosedInterval) -> Void)?
    ) {
        for c in closed {
            series?.add(
                start: c.startSeconds, seconds: c.seconds, histogram: c.latency, requests: c.requests, errors: c.errors)
            interval?(c)
        }
    }

    /// Samples the loops once a second for the progress line.
    private static func watch(_ loops: [LoopHandle], loadStart: UInt64, report: @Sendable (LoadProgress) -> Void) async
    {
        var previous = 0
        var previousTime = MonotonicClock.nanoseconds()
        while !Task.isCancelled {
            try? await Task.sleep(nanoseconds: 1_000_000_000)
            if Task.isCancelled { return }
            let answers = await LoopHandle.askAll(loops) { driver, reply in reply(driver.progress()) }
            let figures = answers.compactMap { $0 }
            guard figures.count == loops.count else { return }
            let now = MonotonicClock.nanoseconds()
            let responses = figures.reduce(0) { $0 + $1.responses }
            let recording = figures.contains { $0.recording }
            let rate = Double(max(0, responses - previous)) / (Double(now - previousTime) / 1e9)
            previous = responses
            previousTime = now
            report(
                LoadProgress(
                    elapsed: now > loadStart ? Double(now - loadStart) / 1e9 : 0, warmingUp: !recording,
                    responses: responses, errors: figures.reduce(0) { $0 + $1.errors }, requestsPerSecond: rate))
        }
    }

    /// Stop requests and the loops they go to.
    private actor Control {
        private var loops: [LoopHandle] = []
        private(set) var isStopped = false

        func register(_ l: [LoopHandle]) {
            loops = l
            if isStopped { stop() }
        }

        /// Ends every loop's part (a no-op for loops already done).
        func stop() {
            isStopped = true
            for h in loops { h.stop() }
        }
    }
}

/// One event loop as the engine sees it: its reactor, and the driver that
/// may be touched only on the reactor's thread.
struct LoopHandle: Sendable {
    let reactor: Reactor
    let driver: LoopConfined<LoopDriver>

    /// Ends the loop's part (a no-op for a loop already done).
    func stop() {
        let driver = self.driver
        reactor.execute { driver.value.stop() }
    }

    /// Runs `body` on the loop's thread and waits for its reply; nil when the
    /// loop has already ended.
    func ask<T: Sendable>(_ body: @escaping @Sendable (LoopDriver, @escaping (T) -> Void) -> Void) async -> T? {
        await withCheckedContinuation { (continuation: CheckedContinuation<T?, Never>) in
            let driver = self.driver
            let accepted = reactor.execute { body(driver.value) { continuation.resume(returning: $0) } }
            if !accepted { continuation.resume(returning: nil) }
        }
    }

    /// `ask` on every loop at once; answers in the loops' order.
    static func askAll<T: Sendable>(
        _ loops: [LoopHandle], _ body: @escaping @Sendable (LoopDriver, @escaping (T) -> Void) -> Void
    ) async -> [T?] {
        await withTaskGroup(of: (Int, T?).self) { group in
            for (i, h) in loops.enumerated() {
                group.addTask { (i, await h.ask(body)) }
            }
            var answers = [T?](repeating: nil, count: loops.count)
            for await (i, answer) in group { answers[i] = answer }
            return answers
        }
    }
}
