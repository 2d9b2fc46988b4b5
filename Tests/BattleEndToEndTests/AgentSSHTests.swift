import BattleCore
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `battle load --agent HOST` over ssh, across the network namespaces of
/// scripts/test-hosts: agents on battle-h1 and battle-h2, the server on
/// battle-h3. Skipped, saying why, when not root, without sshd, or while
/// test hosts of another run are up (their names are fixed).
@Suite("battle load --agent over ssh (test hosts)", .serialized)
struct AgentSSHTests {
    static func skipReason() -> String? {
        if getuid() != 0 { return "not root (scripts/test-hosts needs ip netns and sshd)" }
        if access("/usr/sbin/sshd", X_OK) != 0 { return "/usr/sbin/sshd is missing (apt-get install openssh-server)" }
        if access("/usr/bin/ssh", X_OK) != 0 { return "ssh is missing (apt-get install openssh-client)" }
        if access("/usr/sbin/ip", X_OK) != 0 { return "/usr/sbin/ip is missing (apt-get install iproute2)" }
        if FileManager.default.fileExists(atPath: "/run/netns/battle-h1") {
            return "test hosts are already up (another run's); not touching them"
        }
        return nil
    }

    static func sh(_ command: String, env: [String: String] = [:]) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        p.environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
        // Output through a file: a daemon the command starts (sshd) may keep a pipe open for ever.
        let file = NSTemporaryDirectory() + "battle-agent-ssh-out-\(UUID().uuidString.prefix(8))"
        defer { unlink(file) }
        p.arguments = ["-c", "(\(command)) >'\(file)' 2>&1 </dev/null"]
        try p.run()
        p.waitUntilExit()
        return (p.terminationStatus, (try? String(contentsOfFile: file, encoding: .utf8)) ?? "")
    }

    @Test func twoAgentsOverSSHMergeAcrossHosts() throws {
        if let reason = Self.skipReason() {
            print("AgentSSHTests skipped: \(reason)")
            return
        }
        let state = NSTemporaryDirectory() + "battle-agent-ssh-\(UUID().uuidString.prefix(8))"
        let env = ["BATTLE_TEST_HOSTS_STATE": state]
        let hosts = ReportE2E.repo + "/scripts/test-hosts"
        defer { _ = try? Self.sh("'\(hosts)' down", env: env) }
        let (up, upOutput) = try Self.sh("timeout 60 '\(hosts)' up 3", env: env)
        try #require(up == 0, "test-hosts up: \(upOutput)")
        // The server on battle-h3, bounded in time, stopped by its PID (and with its namespace).
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/sbin/ip")
        server.arguments = [
            "netns", "exec", "battle-h3", "timeout", "60", "python3", "-m", "http.server", "8080", "--bind",
            "10.213.7.13",
        ]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { server.terminate() }
        var reachable = false
        for _ in 0..<50 {
            if (try Self.sh("ip netns exec battle-h1 timeout 1 bash -c 'echo > /dev/tcp/10.213.7.13/8080'")).0 == 0 {
                reachable = true
                break
            }
            usleep(100_000)
        }
        try #require(reachable, "the server on battle-h3 did not come up")
        let r = try ReportE2E.battle([
            "load", "http://10.213.7.13:8080/", "-c", "4", "-d", "1s", "--agent", "battle-h1", "--agent", "battle-h2",
            "--agent-ssh-config", state + "/ssh_config", "--agent-battle", ReportE2E.binary, "--json", "--no-progress",
        ])
        #expect(r.status == ExitStatus.ok.rawValue, "\(r.stderr)")
        let s = try ResultsCoding.decoder().decode(LoadSummary.self, from: Data(r.stdout.utf8))
        let agents = try #require(s.agents)
        #expect(agents.map(\.destination) == ["battle-h1", "battle-h2"])
        #expect(s.requests > 0)
        #expect(s.requests == agents.reduce(0) { $0 + ($1.requests ?? 0) })
        // Valid, or a lower bound only because this shared machine's CPUs were busy (other work).
        #expect(
            s.standing?.verdict == .valid
                || (s.standing?.verdict == .lowerBound
                    && s.standing?.reasons.allSatisfy { $0.hasSuffix("was generator-bound") } == true),
            "\(String(describing: s.standing))")
        for a in agents { #expect(abs(a.clockOffsetSeconds ?? 1) < 0.005) }
    }
}
