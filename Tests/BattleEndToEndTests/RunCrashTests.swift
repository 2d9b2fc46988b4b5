import BattleCore
import Foundation
import Testing

extension RunTests {
    /// A contender that exits mid-level is `crashed`, one that stops answering
    /// is `hung` (and is SIGKILLed: it ignores SIGTERM); what each measured
    /// before is kept, and the healthy contender's results are complete.
    @Test func crashAndHangMidLevelAreRecordedAndTheRunGoesOn() throws {
        let sandbox = try RunHarness.Sandbox()
        defer { sandbox.remove() }
        // The fakes misbehave 1.2 s after their first /json request (the
        // primer), so during the 2 s json level.
        let out = try RunHarness.run(
            sandbox, contenders: ["fake-crash", "fake-ok-two", "fake-hang"],
            arguments: ["--no-verify", "--duration", "2s"] + RunHarness.quickFlags)
        #expect(out.status == ExitStatus.thresholdFailed.rawValue, "stderr:\n\(out.stderr)")
        let r = try #require(out.results, "no readable results.json; stderr:\n\(out.stderr)")
        #expect(r.status == .complete)
        #expect(r.environment.database == nil, "no database test was planned, so no database")

        let ok = try #require(r.contender("fake-ok-two"))
        #expect(ok.status == .ok)
        #expect(ok.isComplete(tests: [.plaintext, .json], trials: 1), "\(ok.tests)")

        let crash = try #require(r.contender("fake-crash"))
        #expect(crash.status == .crashed, "\(crash.failure ?? "")")
        #expect(crash.failure?.contains("exit status 3") == true)
        #expect(crash.exit?.status == 3)
        #expect(crash.exit?.unexpected == true)
        // plaintext was measured before the crash and is kept.
        #expect(crash.result(for: .plaintext)?.levels.count == 2)
        #expect(crash.result(for: .plaintext)?.levels.allSatisfy { $0.trials.count == 1 } == true)

        let hang = try #require(r.contender("fake-hang"))
        #expect(hang.status == .hung, "\(hang.failure ?? "")")
        #expect(hang.failure?.contains("stopped answering during json") == true)
        #expect(hang.exit?.killed == true)
        #expect(hang.exit?.signal == SIGKILL)
        #expect(hang.result(for: .plaintext)?.levels.count == 2)
        #expect(hang.result(for: .json)?.levels.first?.trials.first?.error?.contains("stopped answering") == true)

        #expect(RunHarness.startedFakes(sandbox) == 3)
        RunHarness.expectNothingLeft(sandbox)
    }
}
