import Foundation
import Histogram

/// What the coordinator gathered from one agent, finished or not.
public struct AgentOutcome: Sendable {
    public var index: Int
    public var destination: String
    public var pid: Int32?
    /// Its share of the connections.
    public var connections: Int
    public var ready: AgentReady?
    /// Its clock minus the coordinator's, and the uncertainty (ClockOffset).
    public var clockOffsetSeconds: Double?
    public var clockUncertaintySeconds: Double?
    public var intervals: [AgentInterval]
    public var report: AgentReport?
    /// Why it gave no complete share (died, killed, timed out), or nil.
    public var failure: String?

    public init(
        index: Int, destination: String, pid: Int32? = nil, connections: Int, ready: AgentReady? = nil,
        clockOffsetSeconds: Double? = nil, clockUncertaintySeconds: Double? = nil, intervals: [AgentInterval] = [],
        report: AgentReport? = nil, failure: String? = nil
    ) {
        self.index = index
        self.destination = destination
        self.pid = pid
        self.connections = connections
        self.ready = ready
        self.clockOffsetSeconds = clockOffsetSeconds
        self.clockUncertaintySeconds = clockUncertaintySeconds
        self.intervals = intervals
        self.report = report
        self.failure = failure
    }
}

/// A level merged from its agents: the summary (a battle-load/1 document
/// with `agents` and `standing`), and the merged histograms behind it.
public struct MergedLoad: Sendable {
    public var summary: LoadSummary
    public var latency: Histogram<UInt64>
    public var uncorrectedLatency: Histogram<UInt64>?
    /// The interval log, intervals on T0 + warm-up (the window's start, coordinator's clock).
    public var intervals: [HistogramLog.Entry]
    public var uncorrectedIntervals: [HistogramLog.Entry]?
    /// The window's start on the coordinator's clock, seconds since the epoch.
    public var windowStart: Double
    public var standing: AgentAssessment.Standing
}

/// Merges the agents' shares of one level exactly: every count added, the
/// latency histograms added bucket by bucket (`HistogramMerge`, layouts
/// checked), percentiles read from the sums, never averaged; corrected and
/// uncorrected apart; intervals aligned on the window's start on the
/// coordinator's clock. Only agents that gave a result are added; the
/// others make the level invalid (`AgentAssessment`).
public enum AgentMerge {
    public enum Failure: Error, CustomStringConvertible, Equatable {
        case histogram(agent: Int, reason: String)
        case merge(HistogramMerge.MergeError)

        public var description: String {
            switch self {
            case .histogram(let agent, let reason): "agent \(agent)'s histogram cannot be read: \(reason)"
            case .merge(let e): e.description
            }
        }
    }

    /// - Parameters:
    ///   - config: the level's settings (totals).
    ///   - t0: the load start on the coordinator's clock; the window opens `config.warmupSeconds` later.
    public static func merge(
        config: LoadConfigRecord, outcomes: [AgentOutcome], t0: Double, policy: AgentAssessment.Policy = .init()
    ) throws(Failure) -> MergedLoad {
        let outcomes = outcomes.sorted { $0.index < $1.index }
        let done = outcomes.filter { $0.report != nil }
        let windowStart = t0 + config.warmupSeconds

        func decode(_ text: String, agent: Int) throws(Failure) -> Histogram<UInt64> {
            do { return try HistogramCodec.decode(base64: text) } catch {
                throw .histogram(agent: agent, reason: "\(error)")
            }
        }
        func total(_ hs: [Histogram<UInt64>]) throws(Failure) -> Histogram<UInt64> {
            if hs.isEmpty { return LatencyHistogram.make() }
            do { return try HistogramMerge.total(hs) } catch { throw .merge(error) }
        }

        var corrected: [Histogram<UInt64>] = []
        var uncorrected: [Histogram<UInt64>] = []
        var endpointHistograms: [[Histogram<UInt64>]] = Array(repeating: [], count: config.targets.count)
        for o in done {
            let r = o.report!
            corrected.append(try decode(r.histogram, agent: o.index))
            if let u = r.uncorrectedHistogram { uncorrected.append(try decode(u, agent: o.index)) }
            for (i, e) in (r.endpointHistograms ?? []).enumerated() where i < endpointHistograms.count {
                endpointHistograms[i].append(try decode(e, agent: o.index))
            }
        }
        let latency = try total(corrected)
        let uncorrectedLatency = config.rate == nil ? nil : try total(uncorrected)
        let summaries = done.map { $0.report!.summary }

        // Intervals: each agent's log start moved to the coordinator's clock.
        func logs(uncorrected: Bool) throws(Failure) -> [HistogramMerge.AgentLog] {
            var logs: [HistogramMerge.AgentLog] = []
            for o in done {
                var entries: [HistogramLog.Entry] = []
                for i in o.intervals {
                    guard let text = uncorrected ? i.uncorrected : i.histogram else { continue }
                    entries.append(
                        HistogramLog.Entry(
                            start: i.start, length: i.length, histogram: try decode(text, agent: o.index)))
                }
                let start = (o.intervals.first?.windowStart ?? o.report!.summary.windowStartEpochSeconds)
                logs.append(
                    HistogramMerge.AgentLog(
                        agent: o.index, startTime: start - (o.clockOffsetSeconds ?? 0), entries: entries))
            }
            return logs
        }
        let every = config.intervalSeconds ?? 1
        func aligned(_ l: [HistogramMerge.AgentLog]) throws(Failure) -> [HistogramLog.Entry] {
            guard l.contains(where: { !$0.entries.isEmpty }) else { return [] }
            do { return try HistogramMerge.intervals(l, t0: windowStart, intervalSeconds: every) } catch {
                throw .merge(error)
            }
        }
        let intervals = try aligned(try logs(uncorrected: false))
        let uncorrectedIntervals = config.rate == nil ? nil : try aligned(try logs(uncorrected: true))
        // Errors per slot, on the same grid as the histograms.
        var slotErrors: [Int: Int] = [:]
        var slotRequests: [Int: Int] = [:]
        for o in done {
            for i in o.intervals {
                let slot = Int(
                    ((i.windowStart - (o.clockOffsetSeconds ?? 0) + i.start - windowStart) / every).rounded())
                slotErrors[slot, default: 0] += i.errors
                slotRequests[slot, default: 0] += i.requests
            }
        }
        var series = IntervalSeries(
            expectedIntervals: config.durationSeconds.map { Int(($0 / every).rounded(.up)) })
        for e in intervals {
            let slot = Int((e.start / every).rounded())
            series.add(
                start: e.start, seconds: e.length, histogram: e.histogram,
                requests: slotRequests[slot] ?? Int(e.histogram.totalCount), errors: slotErrors[slot] ?? 0)
        }

        // Counts added.
        let duration = summaries.map(\.durationSeconds).max() ?? 0
        let requests = summaries.reduce(0) { $0 + $1.requests }
        var statusCodes: [String: Int] = [:]
        for s in summaries { statusCodes.merge(s.statusCodes, uniquingKeysWith: +) }
        let errors = summaries.reduce(ErrorCounts()) { $0 + $1.errors }
        let schedules = summaries.compactMap(\.schedule)
        let schedule: ScheduleReport? =
            config.rate.map { rate in
                ScheduleReport(
                    targetRate: rate, planned: schedules.reduce(0) { $0 + $1.planned },
                    late: schedules.reduce(0) { $0 + $1.late }, unsent: schedules.reduce(0) { $0 + $1.unsent },
                    maxLagMicros: schedules.map(\.maxLagMicros).max() ?? 0)
            }
        let endpoints = config.targets.indices.compactMap { i -> EndpointSummary? in
            let parts = summaries.compactMap { $0.endpoints.indices.contains(i) ? $0.endpoints[i] : nil }
            guard let first = parts.first else { return nil }
            var codes: [String: Int] = [:]
            for p in parts { codes.merge(p.statusCodes, uniquingKeysWith: +) }
            let histogram: Histogram<UInt64>? =
                config.targets.count == 1
                ? latency : (endpointHistograms[i].count == parts.count ? try? total(endpointHistograms[i]) : nil)
            return EndpointSummary(
                name: first.name, method: first.method, url: first.url, requests: parts.reduce(0) { $0 + $1.requests },
                statusCodes: codes, errors: parts.reduce(ErrorCounts()) { $0 + $1.errors },
                latency: histogram.map { pooled($0, parts.map(\.latency)) } ?? .empty)
        }
        let clients = summaries.compactMap(\.client)

        var summary = LoadSummary(
            config: config, startedAt: Date(timeIntervalSince1970: windowStart), durationSeconds: duration,
            requests: requests, requestsPerSecond: duration > 0 ? Double(requests) / duration : 0,
            bytesRead: summaries.reduce(0) { $0 + $1.bytesRead }, statusCodes: statusCodes, errors: errors,
            reconnects: summaries.reduce(0) { $0 + $1.reconnects },
            latency: pooled(latency, summaries.map(\.latency)),
            uncorrectedLatency: uncorrectedLatency.map { pooled($0, summaries.compactMap(\.uncorrectedLatency)) },
            schedule: schedule, endpoints: endpoints,
            client: clients.isEmpty
                ? nil
                : ClientUsage(
                    userSeconds: clients.reduce(0) { $0 + $1.userSeconds },
                    systemSeconds: clients.reduce(0) { $0 + $1.systemSeconds },
                    peakRSSBytes: clients.compactMap(\.peakRSSBytes).max()))
        summary.startedAtEpochSeconds = (windowStart * 1e6).rounded() / 1e6
        summary.openConnections = summaries.compactMap(\.openConnections).reduce(0, +)
        summary.intervals = series.finish()

        let shared = sharedCPUsBound(outcomes, policy: policy)
        let standing = AgentAssessment.assess(
            outcomes.map { o in
                var r = assessmentReport(o, policy: policy)
                if shared.contains(o.index) { r.generatorBound = true }
                return r
            }, agents: outcomes.count, policy: policy)
        var warnings: [String] = []
        for o in done {
            for w in o.report!.summary.warnings ?? [] { warnings.append("agent \(o.index): \(w)") }
        }
        switch standing {
        case .valid: break
        case .lowerBound(let reasons):
            warnings.append("the merged figures are a lower bound: " + reasons.joined(separator: "; "))
        case .invalid(let reasons):
            warnings.append("the merged figures are invalid: " + reasons.joined(separator: "; "))
        }
        summary.warnings = warnings.isEmpty ? nil : warnings
        summary.agents = outcomes.map { o in
            var f = figures(o)
            if shared.contains(o.index) { f.generatorBound = true }
            return f
        }
        summary.standing = LevelStanding(standing)
        return MergedLoad(
            summary: summary, latency: latency, uncorrectedLatency: uncorrectedLatency, intervals: intervals,
            uncorrectedIntervals: uncorrectedIntervals, windowStart: windowStart, standing: standing)
    }

    /// What `AgentAssessment` judges of one agent.
    public static func assessmentReport(_ o: AgentOutcome, policy: AgentAssessment.Policy) -> AgentAssessment.Report {
        var failure = o.failure
        if failure == nil, o.report == nil { failure = "gave no result" }
        if failure == nil, let r = o.report {
            if r.interrupted {
                failure = "was stopped before its window ended"
            } else if r.startLagSeconds > policy.maximumClockOffsetSeconds {
                failure =
                    "began \(Format.micros(r.startLagSeconds * 1e6)) after T0 (the start message came late; the bound is \(Format.micros(policy.maximumClockOffsetSeconds * 1e6)))"
            }
        }
        return AgentAssessment.Report(
            index: o.index, targetRate: o.report?.targetRate ?? o.ready?.rate,
            achievedRate: o.report?.achievedRate ?? 0, generatorBound: o.report?.generatorBound ?? false,
            clockOffsetSeconds: o.clockOffsetSeconds, failure: failure)
    }

    /// Agents started at one destination (`local:1` twice, one ssh host
    /// twice) share its CPUs: each alone may be far from its cores, and
    /// together saturate them. The indexes of agents whose destination's
    /// agents used, together, the policy's share of the cores the
    /// destination has for them (their CPUs, at most their loops in all).
    public static func sharedCPUsBound(_ outcomes: [AgentOutcome], policy: AgentAssessment.Policy) -> Set<Int> {
        var bound = Set<Int>()
        for group in Dictionary(grouping: outcomes, by: \.destination).values where group.count > 1 {
            let reports = group.compactMap(\.report)
            guard reports.count == group.count else { continue }
            let used = reports.reduce(0.0) { $0 + ($1.cpuCores ?? 0) }
            let cpus = group.compactMap { $0.ready?.cpus }.max() ?? reports.reduce(0) { $0 + $1.usableCores }
            let usable = min(cpus, reports.reduce(0) { $0 + $1.usableCores })
            if AgentAssessment.isGeneratorBound(cpuCores: used, usableCores: usable, policy: policy) {
                bound.formUnion(group.map(\.index))
            }
        }
        return bound
    }

    static func figures(_ o: AgentOutcome) -> AgentFigures {
        var f = AgentFigures(index: o.index, destination: o.destination, connections: o.connections)
        f.pid = o.pid
        f.host = o.report?.host ?? o.ready?.host
        f.openConnections = o.report?.summary.openConnections ?? o.ready?.openConnections
        f.threads = o.report?.summary.config.threads ?? o.ready?.threads
        f.targetRate = o.report?.targetRate ?? o.ready?.rate
        f.clockOffsetSeconds = o.clockOffsetSeconds
        f.clockUncertaintySeconds = o.clockUncertaintySeconds
        f.failure = o.failure
        if let r = o.report {
            f.achievedRate = r.achievedRate
            f.requests = r.summary.requests
            f.requestsPerSecond = r.summary.requestsPerSecond
            f.statusCodes = r.summary.statusCodes
            f.errors = r.summary.errors
            f.latency = r.summary.latency
            f.uncorrectedLatency = r.summary.uncorrectedLatency
            f.schedule = r.summary.schedule
            f.cpuCores = r.cpuCores
            f.usableCores = r.usableCores
            f.cpusBusy = r.cpusBusy
            f.generatorBound = r.generatorBound
            f.startLagSeconds = r.startLagSeconds
        }
        return f
    }

    /// The summary of a merged histogram, its mean and standard deviation
    /// pooled exactly from the parts' own (each kept exactly while recording):
    /// the count-weighted mean, and the population variance of the union.
    static func pooled(_ histogram: Histogram<UInt64>, _ parts: [LatencySummary]) -> LatencySummary {
        let n = parts.reduce(0) { $0 + Double($1.count) }
        guard histogram.totalCount > 0, n > 0, Int(n) == Int(histogram.totalCount) else {
            return LatencyHistogram.summary(histogram)
        }
        let mean = parts.reduce(0) { $0 + Double($1.count) * $1.meanMicros } / n
        let squares = parts.reduce(0) {
            $0 + Double($1.count) * ($1.stdevMicros * $1.stdevMicros + $1.meanMicros * $1.meanMicros)
        }
        return LatencyHistogram.summary(
            histogram, meanMicros: mean, stdevMicros: max(0, squares / n - mean * mean).squareRoot())
    }
}
