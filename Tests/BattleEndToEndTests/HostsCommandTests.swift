import Foundation
import Testing

/// `battle hosts check` as a user runs it.
@Suite("battle hosts check (end to end)")
struct HostsCommandTests {
    @Test func hostsCheckPrintsThePlan() throws {
        let r = try ReportE2E.battle(["hosts", "check", ReportE2E.repo + "/examples/hosts.toml"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("valid. 2 load agents, 4 machines."), "\(r.stdout)")
        #expect(r.stdout.contains("client[1]"))
    }

    @Test func hostsCheckNamesTheFileKeyAndFix() throws {
        let file = NSTemporaryDirectory() + "battle-hosts-\(UUID().uuidString.prefix(8)).toml"
        try Data("schema = 1\n[[client]]\nlocal = true\ncpus = \"0\"\n[server]\nlocal = true\ncpu = \"1\"\n".utf8)
            .write(to: URL(fileURLWithPath: file))
        let r = try ReportE2E.battle(["hosts", "check", file])
        #expect(r.status == 1)
        #expect(
            r.stderr.contains("battle hosts check: error: \(file): 'server.cpu': unknown key; known keys here:"),
            "\(r.stderr)")
        let missing = try ReportE2E.battle(["hosts", "check", "/nonexistent/hosts.toml"])
        #expect(missing.status == 1 && missing.stderr.contains("/nonexistent/hosts.toml: cannot be read"))
    }
}
