import BattleCore
import Foundation
import Histogram
import NIOConcurrencyHelpers

#if canImport(Glibc)
    import Glibc
#endif

/// `battle agent`: one share of a level, run for a coordinator over
/// stdin/stdout (`AgentMessage`, docs/SCALE.md). It opens its connections,
/// says `ready`, answers clock probes, starts at T0 (on its clock: T0 plus
/// the offset the coordinator measured), streams its intervals and ends with
/// its `result`. A `stop`, or the end of its stdin, ends the load early (it
/// still sends its result). Everything it writes goes to `output`, one line
/// per message, from whichever thread has something to say, never interleaved.
public final class AgentRun: Sendable {
    private let output: @Sendable (String) -> Bool
    private let writeLock = NIOLock()
    private let state = NIOLockedValueBox(State())

    private struct State {
        var start: (t0: Double, offset: Double)?
        var stopped = false
        var stopReason: String?
        var outputFailed = false
        /// Its CPUs' ticks when the gate opened.
        var busyAtStart: CPUBusy?
    }

    /// - Parameter output: writes one line; false when it could not (the coordinator is gone).
    public init(output: @escaping @Sendable (String) -> Bool) {
        self.output = output
    }

    /// Sends `message`; a failed write stops the run (nobody is listening).
    func send(_ message: AgentMessage) {
        let ok = writeLock.withLock { output(message.line()) }
        if !ok { state.withLockedValue { $0.outputFailed = true } }
    }

    /// One message from the coordinator (after the spec), from the reader thread.
    public func receive(_ message: AgentMessage, engine: LoadEngine?) {
        switch message {
        case .probe(let id): send(.clock(id: id, time: WallClock.seconds))
        case .start(let t0, let offset): state.withLockedValue { $0.start = (t0, offset) }
        case .stop(let reason): stop(reason, engine: engine)
        default: break
        }
    }

    /// Ends the run (a `stop`, or the end of stdin).
    public func stop(_ reason: String, engine: LoadEngine?) {
        state.withLockedValue {
            $0.stopped = true
            if $0.stopReason == nil { $0.stopReason = reason }
        }
        engine?.stop()
    }

    /// Why the agent cannot run; it sends this and exits with `status`.
    public func fail(_ message: String, status: ExitStatus) {
        send(.error(AgentFailure(message: message, status: status.rawValue)))
    }

    /// Runs `spec`'s share with `engine` (made from `configuration`); sends
    /// ready, the intervals and the result. Throws what kept it from running.
    public func run(spec: AgentSpec, engine: LoadEngine) async throws(LoadError) {
        let config = engine.configuration
        let cpus = CPUAffinity.availableCPUs()
        let host = Self.hostName()
        let index = spec.index
        let gate: @Sendable (Int) async -> Double? = { open in
            self.send(
                .ready(
                    AgentReady(
                        index: index, version: BattleVersion.string, host: host, clock: WallClock.seconds,
                        histogram: .latency, connections: config.connections, openConnections: open,
                        threads: config.threads, cpus: cpus, rate: config.rate)))
            while true {
                let s = self.state.withLockedValue { ($0.start, $0.stopped || $0.outputFailed) }
                if s.1 { return nil }
                if let start = s.0 {
                    let busy = CPUBusy.read(cpus: CPUAffinity.cpuList())
                    self.state.withLockedValue { $0.busyAtStart = busy }
                    return start.t0 + start.offset
                }
                try? await Task.sleep(nanoseconds: 1_000_000)
            }
        }
        let onInterval: @Sendable (ClosedInterval) -> Void = { c in
            self.send(
                .interval(
                    AgentInterval(
                        windowStart: c.windowStartedAt.timeIntervalSince1970, start: c.startSeconds, length: c.seconds,
                        requests: c.requests, errors: c.errors, histogram: HistogramCodec.base64(c.latency),
                        uncorrected: c.uncorrected.map(HistogramCodec.base64))))
        }
        let watch = Task {
            // A coordinator that stops reading (its pipe closed) ends the load.
            while !Task.isCancelled {
                if state.withLockedValue({ $0.outputFailed }) {
                    engine.stop()
                    return
                }
                try? await Task.sleep(nanoseconds: 50_000_000)
            }
        }
        defer { watch.cancel() }
        let result = try await engine.run(interval: onInterval, startGate: gate)
        let s = result.summary
        let cpuCores = s.client.flatMap { s.durationSeconds > 0 ? $0.cpuSeconds / s.durationSeconds : nil }
        let usable = max(1, min(config.threads, cpus))
        let busyAtStart = state.withLockedValue { $0.busyAtStart }
        let cpusBusy = busyAtStart.flatMap { start in
            CPUBusy.read(cpus: CPUAffinity.cpuList())?.busyFraction(since: start)
        }
        let achieved: Double =
            if let schedule = s.schedule, s.durationSeconds > 0 {
                Double(schedule.planned - schedule.unsent) / s.durationSeconds
            } else { s.requestsPerSecond }
        let offset = state.withLockedValue { $0.start?.offset }
        send(
            .result(
                AgentReport(
                    index: index, host: host, summary: s, histogram: HistogramCodec.base64(result.latency),
                    uncorrectedHistogram: result.uncorrectedLatency.map(HistogramCodec.base64),
                    endpointHistograms: result.endpointLatency.isEmpty
                        ? nil : result.endpointLatency.map(HistogramCodec.base64),
                    targetRate: config.rate, achievedRate: achieved, cpuCores: cpuCores, usableCores: usable,
                    cpusBusy: cpusBusy,
                    generatorBound: AgentAssessment.isGeneratorBound(
                        cpuCores: cpuCores, usableCores: usable, cpusBusy: cpusBusy),
                    clockOffsetSeconds: offset, startLagSeconds: result.startLagSeconds,
                    interrupted: result.interrupted)))
    }

    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
