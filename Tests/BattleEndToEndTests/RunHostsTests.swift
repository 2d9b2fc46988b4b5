import BattleCore
import Foundation
import Testing

extension RunTests {
    /// `battle run --hosts FILE` with one local load agent: every level (the
    /// peak level and the equal-rate level) runs through the agent
    /// coordinator, and results.json holds each merged level as a normal
    /// level with the agent's own figures and the standing beside it.
    @Test func aRunFromAHostsFileMeasuresThroughTheAgents() throws {
        let sandbox = try RunHarness.Sandbox()
        defer { sandbox.remove() }
        let hosts = sandbox.dir + "/hosts.toml"
        try """
        schema = 1
        [[client]]
        local = true
        cpus = "1"
        [server]
        local = true
        cpus = "0"
        """.write(toFile: hosts, atomically: true, encoding: .utf8)
        let out = try RunHarness.run(
            sandbox, contenders: ["fake-ok"],
            arguments: [
                "--hosts", hosts, "--tests", "plaintext", "--duration", "2s", "--trials", "1", "--warmup", "0",
                "--connections", "4", "--rate", "plaintext=200", "--slo", "none", "--server-cpu-limit", "none",
            ])
        #expect(out.status == ExitStatus.ok.rawValue, "stderr:\n\(out.stderr)")
        let r = try #require(out.results, "no readable results.json; stderr:\n\(out.stderr)")
        let c = try #require(r.contender("fake-ok"))
        #expect(c.verification?.checks.allSatisfy { $0.outcome != .fail } == true)
        let levels = try #require(c.result(for: .plaintext)?.levels)
        #expect(Set(levels.map(\.kind)) == [.peak, .equalRate], "\(levels.map(\.label))")
        for level in levels {
            let t = try #require(level.trials.first)
            let agents = try #require(t.load.agents, "\(level.label) has no agents' figures")
            #expect(agents.count == 1 && agents[0].destination == "local:1")
            #expect(t.load.requests > 0 && t.load.requests == agents[0].requests)
            #expect(t.load.standing != nil)
            // Valid, or a lower bound only because this shared machine was busy.
            #expect(t.clientBound == (t.load.standing?.verdict != .valid))
            #expect(t.error == nil, "\(t.error ?? "")")
            #expect(t.server != nil, "the server was not sampled in \(level.label)")
            #expect(
                t.hdrLog.map { FileManager.default.fileExists(atPath: sandbox.root + "/results/latest/" + $0) } == true)
        }
        let open = try #require(levels.first { $0.kind == .equalRate }?.trials.first)
        #expect(open.load.config.rate == 200 && open.load.agents?[0].targetRate == 200)
        #expect(open.load.uncorrectedLatency != nil)
        RunHarness.expectNothingLeft(sandbox)
    }

    /// A server host ssh cannot reach: refused before anything starts, the
    /// message naming the file, the key and the fix; exit 64, nothing left.
    @Test func anUnreachableServerHostIsRefusedAtStart() throws {
        let sandbox = try RunHarness.Sandbox()
        defer { sandbox.remove() }
        let hosts = sandbox.dir + "/hosts.toml"
        // Port 1 on loopback: ssh's connect is refused at once.
        try """
        schema = 1
        [[client]]
        ssh = "nobody@127.0.0.1"
        port = 1
        cpus = "0"
        [server]
        ssh = "nobody@127.0.0.1"
        port = 1
        cpus = "1"
        """.write(toFile: hosts, atomically: true, encoding: .utf8)
        let out = try RunHarness.run(
            sandbox, contenders: ["fake-ok"], arguments: ["--hosts", hosts, "--tests", "plaintext"], timeout: 60)
        #expect(out.status == ExitStatus.usage.rawValue, "stderr:\n\(out.stderr)")
        #expect(
            out.stderr.contains("\(hosts): 'server': `battle --version` over ssh to nobody@127.0.0.1:1 failed"),
            "\(out.stderr)")
        #expect(out.stderr.contains("check that ssh reaches it without a password"))
        #expect(out.results == nil)
        RunHarness.expectNothingLeft(sandbox)
    }
}
