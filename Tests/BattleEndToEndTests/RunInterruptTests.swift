import BattleCore
import Foundation
import Testing

extension RunTests {
    /// Ctrl-C (SIGINT) in the middle of a level: battle stops the contender,
    /// the load generator and the database, writes partial results (what was
    /// measured is kept) and exits 130.
    @Test func ctrlCMidLevelStopsEverythingAndKeepsPartialResults() throws {
        let sandbox = try RunHarness.Sandbox()
        defer { sandbox.remove() }
        let p = try RunHarness.BattleProcess(
            sandbox, contenders: ["fake-ok", "fake-ok-two"], arguments: ["--no-verify", "--duration", "4s", "--trials", "2", "--warmup", "0", "--connections", "8"])
        // The second measured level starts once the first one was recorded.
        let started = p.waitForStderr(": trial 1/2", count: 2, timeout: 120)
        #expect(started, "no second level started; stderr:\n\(p.stderr)")
        usleep(1_500_000)  // well inside the level
        let sentAt = Date()
        kill(p.process.processIdentifier, SIGINT)
        let status = p.wait(timeout: 60)
        #expect(status == ExitStatus.interrupted.rawValue, "stderr:\n\(p.stderr)")
        #expect(Date().timeIntervalSince(sentAt) < 20, "stopping took \(Date().timeIntervalSince(sentAt)) s")

        let r = try ResultsCoding.readResults(at: sandbox.latestResults)
        #expect(r.status == .partial)
        #expect(r.finishedAt != nil)
        let ok = try #require(r.contender("fake-ok"))
        #expect(ok.status == .interrupted)
        #expect(ok.failure?.contains("interrupted by Ctrl-C") == true)
        #expect(ok.result(for: .plaintext)?.levels.first?.trials.count == 1, "the level measured before Ctrl-C is kept")
        #expect(ok.exit != nil, "the contender was stopped and its exit recorded")
        #expect(r.contender("fake-ok-two")?.status == .interrupted)
        #expect(r.environment.database != nil)

        #expect(RunHarness.startedFakes(sandbox) >= 1)
        RunHarness.expectNothingLeft(sandbox)
    }
}
