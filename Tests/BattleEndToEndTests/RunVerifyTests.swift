import BattleCore
import Foundation
import Testing

extension RunTests {
    /// A contender answering /json with the wrong body fails verification and
    /// is not benchmarked; a correct one is verified and measured.
    @Test func failedVerificationIsReportedAndNotBenchmarked() throws {
        let sandbox = try RunHarness.Sandbox()
        defer { sandbox.remove() }
        let out = try RunHarness.run(
            sandbox, contenders: ["fake-bad-json", "fake-ok-two"], arguments: ["--duration", "1s"] + RunHarness.quickFlags)
        #expect(out.status == ExitStatus.thresholdFailed.rawValue, "stderr:\n\(out.stderr)")
        let r = try #require(out.results, "no readable results.json; stderr:\n\(out.stderr)")
        #expect(!r.plan.verificationSkipped)

        let bad = try #require(r.contender("fake-bad-json"))
        #expect(bad.status == .verifyFailed, "\(bad.failure ?? "")")
        #expect(bad.tests.isEmpty, "a contender failing verification is not benchmarked")
        let record = try #require(bad.verification)
        #expect(!record.skipped)
        #expect(!record.passed(.json), "\(record.failures)")
        #expect(bad.failure?.contains("json") == true)

        let ok = try #require(r.contender("fake-ok-two"))
        #expect(ok.verification?.passed == true, "fake-ok-two should pass: \(ok.verification?.failures ?? [])")
        #expect(ok.status == .ok)
        #expect(ok.isComplete(tests: [.plaintext, .json], trials: 1), "notes: \(r.notes)\nstderr:\n\(out.stderr)")

        RunHarness.expectNothingLeft(sandbox)
    }
}
