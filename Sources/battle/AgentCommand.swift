import ArgumentParser
import BattleArena
import BattleCore
import BattleLoad
import Foundation

/// `battle agent`: one share of a load level, for a coordinator
/// (`battle load --agent`), over stdin and stdout (docs/SCALE.md).
struct AgentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent",
        abstract: "Run one share of a load level for a coordinator (battle load --agent); speaks on stdin/stdout.",
        discussion: """
            Not for people: `battle load --agent DEST` starts it (as a child, or over ssh) \
            and talks to it in JSON lines. Its first stdin line is its spec \
            (battle-agent-spec/1), unless --spec gives a file. It opens its share of the \
            connections, says ready, answers clock probes, loads from T0, streams its \
            intervals and ends with its result. End of stdin stops it. docs/SCALE.md \
            and schemas/agent.schema.json describe the protocol.
            """)

    @Option(help: "Read the spec (battle-agent-spec/1 JSON) from this file instead of the first stdin line.")
    var spec: String?

    private struct Shared: Sendable {
        var spec: AgentSpec?
        var engine: LoadEngine?
        var ended = false
        var problem: String?
    }

    func run() async throws {
        let agent = AgentRun(output: { line in StandardStream.output.write(line) == nil })
        let shared = LockedBox(Shared())
        if let spec {
            guard let data = FileManager.default.contents(atPath: spec) else {
                agent.fail("--spec \(spec): cannot read the file; check the path", status: .usage)
                throw CommandFailure(.usage, "--spec \(spec): cannot read the file; check the path")
            }
            do {
                let decoded = try ResultsCoding.decoder().decode(AgentSpec.self, from: data)
                shared.withLock { $0.spec = decoded }
            } catch {
                agent.fail("--spec \(spec): not a battle-agent-spec/1 document (\(error))", status: .usage)
                throw CommandFailure(.usage, "--spec \(spec): not a battle-agent-spec/1 document")
            }
        }
        LineReader.start(
            fd: STDIN_FILENO, name: "battle-agent-in",
            handle: { line, _ in
                guard !line.isEmpty else { return }
                let message: AgentMessage
                do throws(AgentMessage.ProtocolError) { message = try AgentMessage.decode(line: line) } catch {
                    shared.withLock { if $0.problem == nil { $0.problem = error.description } }
                    return
                }
                let engine = shared.withLock { s -> LoadEngine? in
                    if s.spec == nil, case .spec(let given) = message { s.spec = given }
                    return s.engine
                }
                agent.receive(message, engine: engine)
            },
            end: {
                let engine = shared.withLock { s -> LoadEngine? in
                    s.ended = true
                    return s.engine
                }
                agent.stop("its stdin ended", engine: engine)
            })

        // The spec first.
        var given: AgentSpec?
        while given == nil {
            let s = shared.current
            given = s.spec
            if given != nil { break }
            if s.ended || s.problem != nil {
                let why = s.problem ?? "stdin ended before a spec arrived"
                agent.fail(why, status: .usage)
                throw CommandFailure(.usage, why)
            }
            try? await Task.sleep(nanoseconds: 1_000_000)
        }
        guard let spec = given else { return }
        guard spec.histogram == .latency else {
            let m =
                "this agent records latency as \(HistogramLayoutRecord.latency), not as the spec's \(spec.histogram); run the coordinator's battle version here"
            agent.fail(m, status: .failure)
            throw CommandFailure(.failure, m)
        }
        let config: LoadConfiguration
        do { config = try spec.configuration(cpus: CPUAffinity.availableCPUs()) } catch {
            agent.fail(error.message, status: .usage)
            throw CommandFailure(.usage, error.message)
        }
        let engine = LoadEngine(config)
        let stopped = shared.withLock { s -> Bool in
            s.engine = engine
            return s.ended
        }
        if stopped { agent.stop("its stdin ended", engine: engine) }
        let signals = StopSignals { _ in agent.stop("signalled", engine: engine) }
        defer { signals.cancel() }
        do throws(LoadError) {
            try await agent.run(spec: spec, engine: engine)
        } catch {
            switch error {
            case .invalid(let m):
                agent.fail(m, status: .usage)
                throw CommandFailure(.usage, m)
            case .unreachable(let m):
                agent.fail(m, status: .nothingMeasured)
                throw CommandFailure(.nothingMeasured, m)
            }
        }
    }
}
