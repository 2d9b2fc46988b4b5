import BattleCore
import Foundation

/// A spec's share as the engine's configuration, and the level's targets
/// as a spec states them. Pure.
extension AgentSpec {
    /// This agent's `LoadConfiguration`: its share of the connections, the
    /// rate and `-n`, its schedule offset, and `threads` (default: its CPUs,
    /// at most its connections).
    public func configuration(cpus: Int) throws(AgentSpec.Invalid) -> LoadConfiguration {
        try validate()
        let share = AgentShare.of(self)
        var targets: [LoadTarget] = []
        for (i, t) in load.targets.enumerated() {
            let url: TargetURL
            do { url = try TargetURL.parse(t.url) } catch {
                throw Invalid(message: "spec target \(i) URL \(error)")
            }
            var bodies: [[UInt8]] = []
            for b in t.bodiesBase64 {
                guard let data = Data(base64Encoded: b) else {
                    throw Invalid(message: "spec target \(i) has a body that is not base64")
                }
                bodies.append([UInt8](data))
            }
            targets.append(
                LoadTarget(
                    name: t.name, url: url, method: t.method,
                    headers: t.headers.map { LoadTarget.Header(name: $0.name, value: $0.value) }, bodies: bodies,
                    weight: t.weight))
        }
        var c = LoadConfiguration(
            targets: targets, connections: share.connections,
            threads: load.threads ?? max(1, min(cpus, share.connections)), pipeline: load.pipeline,
            duration: load.durationSeconds, requestLimit: share.requestLimit, warmup: load.warmupSeconds,
            timeout: load.timeoutSeconds, rate: share.rate, interval: load.intervalSeconds)
        c.scheduleOffset = share.scheduleOffsetSeconds
        do { try c.validate() } catch { throw Invalid(message: error.message) }
        return c
    }
}

extension AgentTarget {
    /// A target as the spec carries it.
    public init(_ t: LoadTarget) {
        self.init(
            name: t.name, method: t.method, url: t.url.description,
            headers: t.headers.map { Header(name: $0.name, value: $0.value) },
            bodiesBase64: t.bodies.map { Data($0).base64EncodedString() }, weight: t.weight)
    }
}

extension AgentLoad {
    /// The level a `battle load` configuration describes (its connections,
    /// rate and `-n` being the level's totals); every agent records intervals
    /// of `intervalSeconds`.
    public init(_ c: LoadConfiguration, threadsPerAgent: Int?, intervalSeconds: Double) {
        self.init(
            targets: c.targets.map(AgentTarget.init), connections: c.connections, threads: threadsPerAgent,
            pipeline: c.pipeline, durationSeconds: c.duration, requestLimit: c.requestLimit,
            warmupSeconds: c.warmup, timeoutSeconds: c.timeout, rate: c.rate, intervalSeconds: intervalSeconds)
    }
}
