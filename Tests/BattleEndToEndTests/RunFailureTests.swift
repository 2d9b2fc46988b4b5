import BattleCore
import Foundation
import Testing

extension RunTests {
    /// A bad manifest, a failed build, a missing toolchain and a server that
    /// never becomes ready are each recorded with their reason, while the good
    /// contender (with a database test, so PostgreSQL starts and stops) is
    /// measured completely.
    @Test func failuresBeforeLoadAreRecordedAndTheOthersRun() throws {
        let sandbox = try RunHarness.Sandbox()
        defer { sandbox.remove() }
        let out = try RunHarness.run(
            sandbox, contenders: ["fake-ok", "fake-build-fails", "fake-no-toolchain", "fake-never-ready", "fake-bad-manifest"],
            arguments: ["--no-verify", "--duration", "1s"] + RunHarness.quickFlags)
        #expect(out.status == ExitStatus.thresholdFailed.rawValue, "stderr:\n\(out.stderr)")
        let r = try #require(out.results, "no readable results.json; stderr:\n\(out.stderr)")
        #expect(r.status == .complete)
        #expect(r.contenders.map(\.name) == ["fake-ok", "fake-build-fails", "fake-no-toolchain", "fake-never-ready", "fake-bad-manifest"])
        #expect(r.environment.database?.hasPrefix("PostgreSQL 15") == true)
        #expect(r.plan.verificationSkipped)

        let ok = try #require(r.contender("fake-ok"))
        #expect(ok.status == .ok)
        #expect(ok.isComplete(tests: [.plaintext, .json, .db], trials: 1), "\(ok.tests)")
        #expect(ok.result(for: .plaintext)?.levels.map(\.label) == ["c=8", "c=8 p=16"])
        #expect(ok.build?.locTool?.hasPrefix("cloc") == true)
        #expect(ok.build?.toolchainVersion?.hasPrefix("Python 3") == true)
        #expect((ok.build?.binaryBytes ?? 0) > 1000)
        #expect((ok.startup?.secondsToReady ?? 0) > 0)
        #expect((ok.startup?.idleRSSBytes ?? 0) > 1 << 20)
        #expect(ok.exit == ExitRecord(status: 0, signal: nil, killed: false, unexpected: false))
        let trial = try #require(ok.result(for: .json)?.levels.first?.trials.first)
        #expect((trial.server?.samples.count ?? 0) >= 5)
        #expect((trial.server?.cpuSeconds ?? 0) > 0)

        let build = try #require(r.contender("fake-build-fails"))
        #expect(build.status == .buildFailed)
        #expect(build.failure?.contains("this fixture never builds (on purpose)") == true)
        #expect(build.tests.isEmpty)
        let log = try #require(build.failure?.split(separator: "\n").first?.components(separatedBy: "log: ").last)
        #expect(FileManager.default.fileExists(atPath: log), "build log \(log)")

        let toolchain = try #require(r.contender("fake-no-toolchain"))
        #expect(toolchain.status == .buildFailed)
        #expect(toolchain.failure?.contains("battle-no-such-compiler not found") == true)
        #expect(toolchain.failure?.contains("it does not exist: this fixture tests the hint") == true)

        let never = try #require(r.contender("fake-never-ready"))
        #expect(never.status == .startFailed)
        #expect(never.failure?.contains("did not answer 200 on /plaintext within 2.0s") == true)
        #expect(never.failure?.contains("status 503") == true)

        let manifest = try #require(r.contender("fake-bad-manifest"))
        #expect(manifest.status == .skipped)
        #expect(manifest.failure?.contains("fake-bad-manifest/contender.toml: 'build.comand': unknown key") == true)

        #expect(out.stdout.contains("fake-ok"), "the summary names the measured contender")
        #expect(RunHarness.startedFakes(sandbox) == 2)  // fake-ok and fake-never-ready started
        RunHarness.expectNothingLeft(sandbox)
    }
}
