import BattleCore
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `battle load --agent`: the built binary coordinating `battle agent`
/// children against a loopback server. Agents that must misbehave are the
/// real one behind Tests/Fixtures/agents/agent-wrapper.py (--agent-battle).
@Suite("battle load --agent (end to end)", .serialized)
struct AgentCommandTests {
    func load(_ arguments: [String]) throws -> ReportE2E.Result {
        try ReportE2E.battle(["load"] + arguments)
    }

    /// A script for --agent-battle that runs the wrapper in `mode`.
    func wrapper(_ mode: String) throws -> String {
        let path = NSTemporaryDirectory() + "battle-agent-wrapper-\(UUID().uuidString.prefix(8)).sh"
        let script = ReportE2E.repo + "/Tests/Fixtures/agents/agent-wrapper.py"
        try "#!/bin/sh\nexec python3 '\(script)' '\(mode)' '\(ReportE2E.binary)' \"$@\"\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
        return path
    }

    @Test func twoLocalAgentsMergeExactly() throws {
        let server = try LoopbackHTTPServer(status: 200)
        defer { server.stop() }
        let hdr = NSTemporaryDirectory() + "battle-agents-\(UUID().uuidString.prefix(8)).hdr"
        defer { try? FileManager.default.removeItem(atPath: hdr) }
        let r = try load([
            server.url + "/a", "-n", "600", "-c", "5", "--agent", "local", "--agent", "local", "--json",
            "--no-progress",
            "--hdr", hdr,
        ])
        #expect(r.status == ExitStatus.ok.rawValue, "\(r.stderr)")
        let s = try ResultsCoding.decoder().decode(LoadSummary.self, from: Data(r.stdout.utf8))
        let agents = try #require(s.agents)
        #expect(agents.map(\.index) == [0, 1])
        #expect(agents.map(\.connections) == [3, 2], "5 connections: the remainder to the first agent")
        // -n 600 split 300 + 300; the merged count is the agents' sum, and the server saw them all.
        #expect(agents.map { $0.requests ?? -1 } == [300, 300])
        #expect(s.requests == agents.reduce(0) { $0 + ($1.requests ?? 0) })
        #expect(s.latency.count == s.requests)
        #expect(s.statusCodes == ["200": 600])
        #expect(server.requestLines().count == 600)
        // Percentiles come from the added histograms: min and max are the
        // extremes of the agents', and the --hdr distribution (the merged
        // histogram) has every response.
        let mins = agents.compactMap { $0.latency?.minMicros }
        let maxes = agents.compactMap { $0.latency?.maxMicros }
        #expect(s.latency.minMicros == mins.min())
        #expect(s.latency.maxMicros == maxes.max())
        let text = try String(contentsOfFile: hdr, encoding: .utf8)
        let total = text.split(separator: "\n").first { $0.contains("Total count") }?
            .split(separator: "=").last.map { $0.filter(\.isNumber) }
        #expect(total == "600", "the merged --hdr distribution holds every response: \(String(describing: total))")
        // Valid, or a lower bound only because this shared machine's CPUs were busy (other work).
        #expect(
            s.standing?.verdict == .valid
                || (s.standing?.verdict == .lowerBound
                    && s.standing?.reasons.allSatisfy { $0.hasSuffix("was generator-bound") } == true),
            "\(String(describing: s.standing))")
        for a in agents {
            let offset = try #require(a.clockOffsetSeconds)
            #expect(abs(offset) < 0.005, "same machine, same clock: \(offset)")
        }
    }

    @Test func openLoopSharesTheRateAndInterleaves() throws {
        let server = try LoopbackHTTPServer(status: 200)
        defer { server.stop() }
        let r = try load([
            server.url + "/", "-R", "400", "-d", "1s", "-c", "8", "--agent", "local", "--agent", "local", "--json",
            "--no-progress", "--interval", "500ms",
        ])
        #expect(r.status == ExitStatus.ok.rawValue, "\(r.stderr)")
        let s = try ResultsCoding.decoder().decode(LoadSummary.self, from: Data(r.stdout.utf8))
        let agents = try #require(s.agents)
        #expect(agents.map(\.targetRate) == [200, 200])
        let schedule = try #require(s.schedule)
        #expect(schedule.targetRate == 400)
        #expect(abs(schedule.planned - 400) <= 4, "\(schedule)")
        #expect(s.uncorrectedLatency?.count == s.latency.count)
        let intervals = try #require(s.intervals)
        #expect(intervals.count == 2, "\(intervals)")
        #expect(s.config.mode == .open)
    }

    @Test func anotherHistogramLayoutIsRefusedBeforeTheLevelStarts() throws {
        let server = try LoopbackHTTPServer(status: 200)
        defer { server.stop() }
        let script = try wrapper("layout")
        defer { unlink(script) }
        let start = MonotonicClock.seconds
        let r = try load([
            server.url + "/", "-d", "2s", "-c", "2", "--agent", "local", "--agent", "local", "--agent-battle", script,
            "--json", "--no-progress",
        ])
        #expect(r.status == ExitStatus.failure.rawValue, "\(r.status) \(r.stderr)")
        #expect(r.stderr.contains("agent 1 (local) records latency with another histogram layout"), "\(r.stderr)")
        #expect(r.stderr.contains("was not started"))
        #expect(r.stdout.isEmpty)
        #expect(server.requestLines().isEmpty, "no agent sent a request")
        #expect(MonotonicClock.seconds - start < 10)
    }

    @Test func anAgentThatDiesMakesTheLevelInvalidWithoutHanging() throws {
        let server = try LoopbackHTTPServer(status: 200)
        defer { server.stop() }
        let script = try wrapper("die-after:1.5")
        defer { unlink(script) }
        let start = MonotonicClock.seconds
        let r = try load([
            server.url + "/", "-d", "3s", "-c", "2", "--agent", "local", "--agent", "local", "--agent-battle", script,
            "--json", "--no-progress",
        ])
        #expect(MonotonicClock.seconds - start < 20, "the coordinator did not hang")
        #expect(r.status == ExitStatus.nothingMeasured.rawValue, "\(r.status) \(r.stderr)")
        let s = try ResultsCoding.decoder().decode(LoadSummary.self, from: Data(r.stdout.utf8))
        #expect(s.standing?.verdict == .invalid)
        let agents = try #require(s.agents)
        #expect(agents[0].failure == nil)
        #expect((agents[0].requests ?? 0) > 0, "the agent that lived has its own figures")
        #expect(agents[1].failure?.contains("died") == true, "\(String(describing: agents[1].failure))")
        #expect(s.requests == agents[0].requests, "the merged counts are those of the agents that gave a result")
        #expect(r.stderr.contains("the merged level is invalid"))
    }

    @Test func flagMistakesNameTheFlag() throws {
        let r = try load(["http://127.0.0.1:9/", "-c", "1", "--agent", "local", "--agent", "local"])
        #expect(r.status == ExitStatus.usage.rawValue)
        #expect(r.stderr.contains("-c 1 cannot be shared by 2 agents"), "\(r.stderr)")
        let bad = try load(["http://127.0.0.1:9/", "--agent", "local:x"])
        #expect(bad.status == ExitStatus.usage.rawValue)
        #expect(bad.stderr.contains("--agent 'local:x'"), "\(bad.stderr)")
    }

    @Test func anAgentThatCannotStartIsNamed() throws {
        let server = try LoopbackHTTPServer(status: 200)
        defer { server.stop() }
        let missing = try load([
            server.url + "/", "-c", "2", "-d", "1s", "--agent", "local", "--agent-battle", "/nonexistent/battle",
        ])
        #expect(missing.status == ExitStatus.failure.rawValue)
        #expect(
            missing.stderr.contains(
                "agent 0 (local): cannot start /nonexistent/battle agent: No such file or directory; check --agent-battle"
            ),
            "\(missing.stderr)")
        let unreachable = try load([
            "http://127.0.0.1:\(try LoopbackHTTPServer.unusedPort())/", "-c", "2", "-d", "1s", "--agent", "local",
            "--agent", "local",
        ])
        #expect(unreachable.status == ExitStatus.nothingMeasured.rawValue, "\(unreachable.stderr)")
        #expect(unreachable.stderr.contains("cannot connect to 127.0.0.1"), "\(unreachable.stderr)")
        #expect(server.requestLines().isEmpty)
    }
}
