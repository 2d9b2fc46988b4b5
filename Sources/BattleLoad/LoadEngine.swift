import BattleCore
import Foundation
import NIOCore
import NIOPosix

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

/// The SwiftNIO load engine: one event loop per thread, each owning its
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
    /// once a second, from a background task.
    public func run(progress: (@Sendable (LoadProgress) -> Void)? = nil) async throws(LoadError) -> LoadResult {
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

        let group = MultiThreadedEventLoopGroup(numberOfThreads: config.threads)
        do {
            let result = try await run(config, candidates: candidates, group: group, warnings: warnings, progress: progress)
            try? await group.shutdownGracefully()
            return result
        } catch {
            await control.release()  // drivers and their connections let go of each other
            try? await group.shutdownGracefully()
            throw error
        }
    }

    private func run(
        _ config: LoadConfiguration, candidates: [SocketAddress], group: MultiThreadedEventLoopGroup,
        warnings: [String], progress: (@Sendable (LoadProgress) -> Void)?
    ) async throws(LoadError) -> LoadResult {
        var warnings = warnings
        let url = config.targets[0].url
        let timeoutNanos = UInt64(config.timeout * 1e9)

        // One connection first: an unreachable server fails in milliseconds, clearly.
        var address: SocketAddress? = nil
        var lastError = "no address"
        for candidate in candidates {
            do {
                let channel = try await ClientBootstrap(group: group)
                    .connectTimeout(.nanoseconds(Int64(min(timeoutNanos, 10_000_000_000))))
                    .connect(to: candidate).get()
                try? await channel.close()
                address = candidate
                break
            } catch {
                lastError = ConnectFailure.describe(error)
            }
        }
        guard let address else { throw .unreachable("cannot connect to \(url.authority): \(lastError)") }

        let requests = RequestEncoder.encodeAll(config.targets)
        let loops = Array(group.makeIterator())
        var drivers: [NIOLoopBound<LoopDriver>] = []
        for (i, loop) in loops.enumerated() {
            let plan = LoopPlan(
                index: i, loopCount: loops.count,
                connections: LoopPlan.share(config.connections, parts: loops.count, index: i),
                pipeline: config.pipeline, address: address, requests: requests,
                weights: config.targets.map(\.weight), bodyless: config.targets.map(\.isHead),
                timeoutNanos: timeoutNanos,
                requestBudget: config.requestLimit.map { LoopPlan.share($0, parts: loops.count, index: i) },
                rate: config.rate,
                receiveBufferBytes: min(64 * 1024, max(8 * 1024, config.pipeline * 2048)))
            let driver = try? await loop.submit { NIOLoopBound(LoopDriver(plan: plan, loop: loop), eventLoop: loop) }.get()
            guard let driver else { throw .invalid("could not start event loop \(i)") }
            drivers.append(driver)
        }
        await control.register(drivers)

        // Open every connection before the clock starts.
        let outcomes: [ConnectOutcome]
        do {
            outcomes = try await EventLoopFuture.whenAllSucceed(
                drivers.map { d in d.eventLoop.flatSubmit { d.value.connectAll() } }, on: loops[0]
            ).get()
        } catch {
            throw .unreachable("connecting failed: \(error)")
        }
        let open = outcomes.reduce(0) { $0 + $1.open }
        let firstError = outcomes.compactMap(\.firstError).first
        if open == 0 {
            throw .unreachable("no connection to \(url.authority) could be opened: \(firstError ?? "unknown error")")
        }
        if open < config.connections {
            warnings.append(
                ConnectFailure.shortfall(asked: config.connections, open: open, firstError: firstError, fileLimit: FileLimits.raiseToHardLimit()))
        }

        // The timeline, in MonotonicClock nanoseconds, shared by every loop.
        let now = MonotonicClock.nanoseconds()
        let loadStart = now + 2_000_000
        let windowStart = loadStart + UInt64(config.warmup * 1e9)
        let windowEnd = config.duration.map { windowStart + UInt64($0 * 1e9) }
        let startedAt = Date().addingTimeInterval(Double(windowStart - now) / 1e9)

        let finished = EventLoopFuture.whenAllSucceed(
            drivers.map { d in
                d.eventLoop.flatSubmit { d.value.start(loadStart: loadStart, windowStart: windowStart, windowEnd: windowEnd) }
            }, on: loops[0])
        if await control.isStopped { await control.stop() }

        let loopDrivers = drivers
        let watcher = progress.map { report in
            Task { await Self.watch(loopDrivers, loadStart: loadStart, report: report) }
        }
        let reports: [LoopReport]
        do { reports = try await finished.get() } catch {
            watcher?.cancel()
            throw .unreachable("the run failed: \(error)")
        }
        watcher?.cancel()
        let usageEnd = ResourceUsage.now()

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
        summary.openConnections = reports.reduce(0) { $0 + $1.established }
        summary.warnings = warnings.isEmpty ? nil : warnings
        return LoadResult(
            summary: summary, latency: stats.latency.histogram, uncorrectedLatency: stats.uncorrected?.histogram,
            warnings: warnings,
            interrupted: await control.isStopped)
    }

    /// Samples the loops once a second for the progress line.
    private static func watch(
        _ drivers: [NIOLoopBound<LoopDriver>], loadStart: UInt64, report: @Sendable (LoadProgress) -> Void
    ) async {
        var previous = 0
        var previousTime = MonotonicClock.nanoseconds()
        while !Task.isCancelled {
            try? await Task.sleep(nanoseconds: 1_000_000_000)
            if Task.isCancelled { return }
            var loops: [LoadProgress.Loop] = []
            for d in drivers {
                guard let p = try? await d.eventLoop.submit({ d.value.progress() }).get() else { return }
                loops.append(p)
            }
            let now = MonotonicClock.nanoseconds()
            let responses = loops.reduce(0) { $0 + $1.responses }
            let recording = loops.contains { $0.recording }
            let rate = Double(max(0, responses - previous)) / (Double(now - previousTime) / 1e9)
            previous = responses
            previousTime = now
            report(
                LoadProgress(
                    elapsed: now > loadStart ? Double(now - loadStart) / 1e9 : 0, warmingUp: !recording,
                    responses: responses, errors: loops.reduce(0) { $0 + $1.errors }, requestsPerSecond: rate))
        }
    }

    /// Stop requests and the loops they go to.
    private actor Control {
        private var drivers: [NIOLoopBound<LoopDriver>] = []
        private(set) var isStopped = false

        func register(_ d: [NIOLoopBound<LoopDriver>]) {
            drivers = d
            if isStopped { stop() }
        }

        func stop() {
            isStopped = true
            release()
        }

        /// Ends every loop's part (a no-op for loops already done).
        func release() {
            for d in drivers { d.eventLoop.execute { d.value.stop() } }
        }
    }
}
