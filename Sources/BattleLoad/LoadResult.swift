import BattleCore
import Foundation
import Histogram

/// What `LoadEngine.run` returns: the summary (the `--json` document) plus
/// what only the process that measured has: the full histograms (for
/// `--hdr`) and warnings about the run itself.
public struct LoadResult: Sendable {
    public var summary: LoadSummary
    /// Merged latency histogram (corrected in open loop), microseconds.
    public var latency: Histogram<UInt64>
    /// Open loop: latency from the actual send.
    public var uncorrectedLatency: Histogram<UInt64>?
    /// Things the user should know: connections not opened, schedule not kept.
    public var warnings: [String]
    /// The run was stopped early (Ctrl-C); figures cover the shorter window.
    public var interrupted: Bool
    /// With several targets: each one's latency histogram, in the targets' order.
    public var endpointLatency: [Histogram<UInt64>] = []
    /// With a start gate: how late after the time it gave the load began.
    public var startLagSeconds = 0.0

    public init(
        summary: LoadSummary, latency: Histogram<UInt64>, uncorrectedLatency: Histogram<UInt64>?, warnings: [String],
        interrupted: Bool
    ) {
        self.summary = summary
        self.latency = latency
        self.uncorrectedLatency = uncorrectedLatency
        self.warnings = warnings
        self.interrupted = interrupted
    }
}

extension LoadSummary {
    /// The summary of merged loop statistics.
    static func make(
        config: LoadConfiguration, stats: LoopStats, startedAt: Date, duration: Double, schedule: ScheduleTally?,
        usage: ProcessRUsage?
    ) -> LoadSummary {
        let requests = stats.responses
        let latency = stats.latency.summary
        let endpoints = config.targets.enumerated().map { i, t in
            EndpointSummary(
                name: t.name, method: t.method, url: t.url.description, requests: stats.targetResponses[i],
                statusCodes: stats.statusCodes(target: i), errors: stats.errors(target: i),
                latency: config.targets.count == 1 ? latency : stats.latency(target: i).summary)
        }
        var summary = LoadSummary(
            config: config.record, startedAt: startedAt, durationSeconds: duration, requests: requests,
            requestsPerSecond: duration > 0 ? Double(requests) / duration : 0, bytesRead: stats.bytesRead,
            statusCodes: stats.statusCodes(), errors: stats.errors(), reconnects: stats.reconnects,
            latency: latency,
            uncorrectedLatency: stats.uncorrected?.summary,
            schedule: schedule.map { s in
                ScheduleReport(
                    targetRate: config.rate ?? 0, planned: s.planned, late: s.late, unsent: max(0, s.planned - s.sent),
                    maxLagMicros: Double(s.maxLagNanos) / 1000)
            },
            endpoints: endpoints,
            client: usage.map {
                ClientUsage(userSeconds: $0.userSeconds, systemSeconds: $0.systemSeconds, peakRSSBytes: $0.peakRSSBytes)
            })
        summary.startedAtEpochSeconds = (startedAt.timeIntervalSince1970 * 1e6).rounded() / 1e6
        return summary
    }
}

extension LoadResult {
    /// Share (0...1) of recorded requests slower than `micros`; from the
    /// uncorrected view with `uncorrected`, when there is one.
    public func fractionAbove(micros: UInt64, uncorrected: Bool = false) -> Double {
        let h = uncorrected ? (uncorrectedLatency ?? latency) : latency
        guard h.totalCount > 0 else { return 0 }
        return Double(h.count(within: (micros + 1)...max(micros + 1, h.max))) / Double(h.totalCount)
    }
}
