import BattleCore
import Foundation
import Testing

/// `battle run --tier both` end to end: a fake contender with a tuned tier
/// (Tests/Fixtures/contenders/fake-tiers) runs as two entries, each built
/// into its own folder, the tuned one with its settings.
extension RunTests {
    @Test func tierBothRunsEachConfigurationAndRecordsIt() throws {
        let sandbox = try RunHarness.Sandbox()
        defer { sandbox.remove() }
        let out = try RunHarness.run(
            sandbox, contenders: ["fake-tiers", "fake-ok"],
            arguments: [
                "--tier", "both", "--tests", "json", "--duration", "1s", "--interval", "none", "--probe", "none",
            ]
                + RunHarness.quickFlags)
        #expect(out.status == 0, "stderr:\n\(out.stderr)")
        let r = try #require(out.results, "stderr:\n\(out.stderr)")
        #expect(r.plan.tiers == [.idiomatic, .tuned])
        #expect(r.contenders.map(\.name) == ["fake-tiers", "fake-tiers+tuned", "fake-ok"])
        let idiomatic = try #require(r.contender("fake-tiers"))
        let tuned = try #require(r.contender("fake-tiers+tuned"))
        #expect(idiomatic.tier == .idiomatic && idiomatic.tierSettings == nil)
        #expect(idiomatic.driver == "none (a fake driver)" && tuned.driver == idiomatic.driver)
        #expect(tuned.tier == .tuned && tuned.displayName == "Fake · tiers (tuned)")
        #expect(tuned.tierSettings?.map(\.assignment) == ["FAKE_OUT=out/tuned", "FAKE_TIER_FLAG=on"])
        #expect(tuned.tierSettings?.map(\.phase) == [.build, .run])
        // Both measured, each from its own build; only the tuned server got the run setting.
        #expect(idiomatic.isComplete(tests: [.json], trials: 1) && tuned.isComplete(tests: [.json], trials: 1))
        #expect(tuned.runtime?.reported?["fake_tier_flag"] == "on")
        #expect(idiomatic.runtime?.reported?["fake_tier_flag"] == nil)
        let fixture = RunHarness.fixtures + "/fake-tiers"
        #expect(FileManager.default.fileExists(atPath: fixture + "/out/plain/server.py"))
        #expect(FileManager.default.fileExists(atPath: fixture + "/out/tuned/server.py"))
        // fake-ok declares no tuned tier: it runs once, and the notes say so and that the run mixes tiers.
        #expect(r.contender("fake-ok")?.tier == .idiomatic)
        #expect(r.notes.contains { $0.contains("fake-ok declares no tuned tier") }, "\(r.notes)")
        #expect(r.notes.contains { $0.hasPrefix("this run mixes tiers") }, "\(r.notes)")
        #expect(out.stdout.contains("Tiers mixed: 2 idiomatic and 1 tuned entry"), "stdout:\n\(out.stdout)")
        RunHarness.expectNothingLeft(sandbox)
    }

    @Test func onlyTakesTheManifestNameNotATiersEntry() throws {
        let sandbox = try RunHarness.Sandbox()
        defer { sandbox.remove() }
        let out = try RunHarness.run(
            sandbox, contenders: ["fake-tiers"], arguments: ["--only", "fake-tiers+tuned"] + RunHarness.quickFlags)
        #expect(out.status == ExitStatus.usage.rawValue)
        #expect(
            out.stderr.contains(
                "--only: 'fake-tiers+tuned' is a tier of fake-tiers, not a contender; write --only fake-tiers --tier tuned"
            ),
            "\(out.stderr)")
    }
}
