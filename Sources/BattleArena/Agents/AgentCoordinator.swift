import BattleCore
import Foundation

/// What the coordinator is asked: the level, where its agents run, and how.
public struct AgentPlan: Sendable {
    public var destinations: [AgentDestination]
    public var load: AgentLoad
    /// `--agent-battle`: battle's path where the agents run (nil: see `AgentDestination.argv`).
    public var battle: String?
    public var sshConfig: String?
    /// This battle's executable, for local agents.
    public var ownExecutable: String
    public var environment: [String: String]
    /// Seconds an agent may take from its start to `ready` (ssh, connections).
    public var readyTimeout: Double = 60
    /// Clock probes per agent; the one with the shortest round trip counts.
    public var probes: Int = 16
    /// The command that starts each agent, when the caller builds it (a
    /// hosts file: `HostsRun.agentCommand`); nil: `AgentDestination.argv`.
    public var commands: [[String]]?

    public init(
        destinations: [AgentDestination], load: AgentLoad, battle: String?, sshConfig: String?, ownExecutable: String,
        environment: [String: String]
    ) {
        self.destinations = destinations
        self.load = load
        self.battle = battle
        self.sshConfig = sshConfig
        self.ownExecutable = ownExecutable
        self.environment = environment
    }
}

/// Why a level with agents did not start, or was abandoned.
public enum AgentCoordinatorFailure: Error, CustomStringConvertible {
    /// An agent cannot run with the others: another histogram layout or protocol.
    case refused(String)
    /// An agent failed before the start; `status` is battle's exit status for it.
    case agentFailed(status: ExitStatus, message: String)
    case interrupted(Interrupted)

    public var description: String {
        switch self {
        case .refused(let m), .agentFailed(_, let m): m
        case .interrupted(let i): i.description
        }
    }
}

/// The coordinator's side of one level (docs/SCALE.md): starts every agent
/// with its spec, waits until all are ready (the start barrier: none sends
/// before every one has its connections open and its layout checked),
/// measures each one's clock, gives all one T0, then gathers their
/// intervals and results. Agents are stopped on every way out: error,
/// Ctrl-C, or the end (their stdin closed, then SIGTERM and SIGKILL to
/// their process groups by PID).
public enum AgentCoordinator {
    public struct Outcome: Sendable {
        public var outcomes: [AgentOutcome]
        /// The load start on the coordinator's clock (seconds since the epoch).
        public var t0: Double
        public var interrupted: Bool
    }

    public static func run(
        _ plan: AgentPlan, interruption: Interruption, note: @Sendable (String) -> Void
    ) async throws(AgentCoordinatorFailure) -> Outcome {
        let n = plan.destinations.count
        var agents: [AgentProcess] = []
        defer { for a in agents { a.stop(grace: 3) } }
        var outcomes: [AgentOutcome] = []

        // Start every agent with its spec.
        for (i, d) in plan.destinations.enumerated() {
            let spec = AgentSpec(index: i, agents: n, load: plan.load, histogram: .latency)
            let argv =
                plan.commands?[i]
                ?? d.argv(battle: plan.battle, ownExecutable: plan.ownExecutable, sshConfig: plan.sshConfig)
            let agent: AgentProcess
            do {
                agent = try AgentProcess.start(index: i, destination: d, argv: argv, environment: plan.environment)
            } catch {
                throw .agentFailed(status: .failure, message: "agent \(i) (\(d)): \(error); check --agent-battle")
            }
            agents.append(agent)
            note("agent \(i) (\(d)): started, pid \(agent.child.pid): \(argv.joined(separator: " "))")
            agent.send(.spec(spec))
            outcomes.append(
                AgentOutcome(
                    index: i, destination: d.description, pid: agent.child.pid,
                    connections: AgentShare.of(plan.load, index: i, agents: n).connections))
        }

        // The barrier: every agent ready, with battle's layout.
        let readyBy = MonotonicClock.seconds + plan.readyTimeout
        for a in agents {
            let who = "agent \(a.index) (\(a.destination))"
            while true {
                if let i = interruption.signalNumber { throw .interrupted(Interrupted(signal: i)) }
                guard let r = await a.next(timeout: 0.05) else {
                    if a.finished {
                        throw .agentFailed(
                            status: .failure, message: "\(who) ended before it was ready: \(a.obituary())")
                    }
                    if MonotonicClock.seconds > readyBy {
                        throw .agentFailed(
                            status: .failure,
                            message:
                                "\(who) was not ready within \(Int(plan.readyTimeout)) s; check that it can reach the target"
                        )
                    }
                    continue
                }
                switch r.message {
                case .ready(let ready):
                    guard ready.histogram == .latency else {
                        throw .refused(
                            "\(who) records latency with another histogram layout (\(ready.histogram)) than this coordinator (\(HistogramLayoutRecord.latency)); merged counts would be wrong, so the level was not started. Run the same battle version everywhere (--agent-battle PATH)"
                        )
                    }
                    guard ready.index == a.index else {
                        throw .refused("\(who) answered as agent \(ready.index); it did not read its spec")
                    }
                    outcomes[a.index].ready = ready
                    note(
                        "\(who): ready on \(ready.host), \(ready.openConnections) of \(ready.connections) connections, \(ready.threads) threads, battle \(ready.version)"
                    )
                case .error(let f):
                    throw .agentFailed(
                        status: ExitStatus(rawValue: f.status) ?? .failure, message: "\(who): \(f.message)")
                default:
                    throw .refused(
                        "\(who) sent '\(r.message.type)' before it was ready; it does not speak this protocol")
                }
                break
            }
        }

        // Clocks: the probe with the shortest round trip per agent.
        var longestRoundTrip = 0.0
        for a in agents {
            var exchanges: [ClockOffset.Exchange] = []
            for id in 0..<plan.probes {
                if let i = interruption.signalNumber { throw .interrupted(Interrupted(signal: i)) }
                let sent = WallClock.seconds
                guard a.send(.probe(id: id)) else { break }
                while let r = await a.next(timeout: 5) {
                    if case .clock(let got, let time) = r.message, got == id {
                        exchanges.append(ClockOffset.Exchange(sent: sent, remote: time, received: r.at))
                        break
                    }
                }
            }
            guard let estimate = ClockOffset.estimate(exchanges) else {
                throw .agentFailed(
                    status: .failure,
                    message: "agent \(a.index) (\(a.destination)) did not answer its clock probes: \(a.obituary())")
            }
            outcomes[a.index].clockOffsetSeconds = estimate.offset
            outcomes[a.index].clockUncertaintySeconds = estimate.uncertainty
            longestRoundTrip = max(longestRoundTrip, 2 * estimate.uncertainty)
            note(
                "agent \(a.index): clock offset \((estimate.offset < 0 ? "-" : "") + Format.micros(abs(estimate.offset) * 1e6)) ± \(Format.micros(estimate.uncertainty * 1e6))"
            )
        }

        // T0, far enough ahead for every start message to arrive.
        let t0 = WallClock.seconds + max(0.25, 20 * longestRoundTrip)
        for a in agents {
            a.send(.start(t0: t0, clockOffsetSeconds: outcomes[a.index].clockOffsetSeconds ?? 0))
        }

        // Gather intervals and results.
        let load = plan.load
        let deadline: Double? = load.durationSeconds.map {
            MonotonicClock.seconds + (t0 - WallClock.seconds) + load.warmupSeconds + $0 + load.timeoutSeconds + 15
        }
        var pending = Set(agents.map(\.index))
        var stopSentAt: Double?
        var interrupted = false
        while !pending.isEmpty {
            for a in agents where pending.contains(a.index) {
                while let r = await a.next(timeout: 0) {
                    switch r.message {
                    case .interval(let i): outcomes[a.index].intervals.append(i)
                    case .result(let report):
                        outcomes[a.index].report = report
                        pending.remove(a.index)
                    case .error(let f):
                        outcomes[a.index].failure = "failed: \(f.message)"
                        pending.remove(a.index)
                    default: break
                    }
                    if !pending.contains(a.index) { break }
                }
                if pending.contains(a.index), a.finished {
                    outcomes[a.index].failure = "died before its result (\(a.obituary()))"
                    pending.remove(a.index)
                    note("agent \(a.index) (\(a.destination)): \(outcomes[a.index].failure!)")
                }
            }
            if pending.isEmpty { break }
            let now = MonotonicClock.seconds
            if interruption.isTriggered, stopSentAt == nil {
                interrupted = true
                stopSentAt = now
                for a in agents where pending.contains(a.index) {
                    a.send(.stop(reason: "the coordinator was interrupted"))
                }
            }
            let late = (stopSentAt.map { now > $0 + 5 } ?? false) || (deadline.map { now > $0 } ?? false)
            if late {
                for a in agents where pending.contains(a.index) {
                    outcomes[a.index].failure = "gave no result in time; stopped"
                    a.stop(grace: 0.5)
                }
                break
            }
            try? await Task.sleep(nanoseconds: 2_000_000)
        }
        return Outcome(outcomes: outcomes, t0: t0, interrupted: interrupted)
    }
}
