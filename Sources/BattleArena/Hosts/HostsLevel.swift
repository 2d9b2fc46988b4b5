import BattleCore
import Foundation

/// One level of `battle run --hosts` as its agents are asked for it, and the
/// server samples that belong to its window. Pure: `ArenaRun+Hosts` runs
/// the agents through `AgentCoordinator` and merges with `AgentMerge`.
public enum HostsLevel {
    /// The level's load for the agents: the connections, rate and duration
    /// are the level's totals (each agent takes its share, `AgentShare`);
    /// `/orders` POSTs the generated order bodies, every other test GETs `url`.
    public static func agentLoad(
        url: String, connections: Int, pipeline: Int, rate: Double?, seconds: Double, warmup: Double,
        intervalSeconds: Double, orderBodies: [String]? = nil, timeoutSeconds: Double = defaultTimeoutSeconds
    ) -> AgentLoad {
        let target: AgentTarget
        if let orderBodies {
            target = AgentTarget(
                name: "orders", method: "POST", url: url,
                headers: [AgentTarget.Header(name: "Content-Type", value: "application/json")],
                bodiesBase64: orderBodies.map { Data($0.utf8).base64EncodedString() }, weight: 1)
        } else {
            let path =
                URL(string: url).map { $0.path.isEmpty ? "/" : $0.path + ($0.query.map { "?" + $0 } ?? "") } ?? url
            target = AgentTarget(name: "GET \(path)", method: "GET", url: url, headers: [], bodiesBase64: [], weight: 1)
        }
        return AgentLoad(
            targets: [target], connections: connections, threads: nil, pipeline: pipeline, durationSeconds: seconds,
            requestLimit: nil, warmupSeconds: warmup, timeoutSeconds: timeoutSeconds, rate: rate,
            intervalSeconds: intervalSeconds)
    }

    /// `battle load`'s request timeout, which a single-host level has too.
    public static let defaultTimeoutSeconds = 10.0

    /// The merged level's settings record: the level's totals, with the
    /// event loops of every agent added.
    public static func record(_ load: AgentLoad, threads: Int) -> LoadConfigRecord {
        LoadConfigRecord(
            targets: load.targets.map { "\($0.method) \($0.url)" }, connections: load.connections, threads: threads,
            pipeline: load.pipeline, durationSeconds: load.durationSeconds, requestLimit: load.requestLimit,
            warmupSeconds: load.warmupSeconds, timeoutSeconds: load.timeoutSeconds, rate: load.rate,
            intervalSeconds: load.intervalSeconds)
    }

    /// The event loops the agents ran, added (from their results, else what they said when ready).
    public static func threads(_ outcomes: [AgentOutcome]) -> Int {
        outcomes.compactMap { $0.report?.summary.config.threads ?? $0.ready?.threads }.reduce(0, +)
    }

    /// The indexes of `wallTimes` (seconds since the epoch, in order) inside
    /// the measured window `[windowStart, windowStart + seconds]`: the
    /// server's samples that count, as the window is known only once the
    /// coordinator has given the agents their T0.
    public static func windowed(_ wallTimes: [Double], windowStart: Double, seconds: Double) -> Range<Int> {
        let first = wallTimes.firstIndex { $0 >= windowStart } ?? wallTimes.count
        let last = wallTimes.lastIndex { $0 <= windowStart + seconds }.map { $0 + 1 } ?? 0
        return first..<max(first, last)
    }

    /// The merged interval log's text (HdrHistogram V2), intervals from the window's start.
    public static func intervalLog(_ merged: MergedLoad, agents: Int) -> String {
        HistogramLog.header(
            startTime: Date(timeIntervalSince1970: merged.windowStart),
            comment: "Merged by battle run \(BattleVersion.string) from \(agents) agents")
            + merged.intervals.map { HistogramLog.line(start: $0.start, length: $0.length, histogram: $0.histogram) }
            .joined()
    }
}
