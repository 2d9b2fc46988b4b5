import BattleCore
import Foundation
import Testing

/// The whole default battle over the repository's own contenders: battle
/// builds them, starts its own PostgreSQL, verifies each against the suite and
/// measures every test with the quick plan. This is the slowest test (it
/// compiles three servers), so it runs when `BATTLE_E2E_REAL=1`, which
/// `scripts/test` (and so CI) sets; `swift test` alone lists it as disabled.
@Suite(.serialized) struct RealContendersTests {
    static let enabled = ProcessInfo.processInfo.environment["BATTLE_E2E_REAL"] == "1"

    @Test(
        .enabled(
            if: RealContendersTests.enabled,
            "set BATTLE_E2E_REAL=1 (scripts/test does) to build and run the real contenders"),
        .timeLimit(.minutes(60)))
    func quickBattleVerifiesAndMeasuresEveryContender() throws {
        let sandbox = try RunHarness.Sandbox()
        defer { sandbox.remove() }
        let resultsDir = sandbox.dir + "/results"

        let expected = try manifests()
        try #require(expected.count >= 3, "expected the rust, go and swift contenders in \(RunHarness.repo)/contenders")

        let process = Process()
        process.executableURL = URL(fileURLWithPath: sandbox.battle)
        process.arguments = [
            "run", "--root", RunHarness.repo, "--plan", "quick", "--skip-clean-build", "--results", resultsDir,
        ]
        process.environment = sandbox.environment
        process.currentDirectoryURL = URL(fileURLWithPath: RunHarness.repo)
        let stdoutPath = sandbox.dir + "/stdout.txt"
        _ = FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: stdoutPath)
        process.standardError = FileHandle.standardError  // progress shows in the CI log
        try process.run()
        process.waitUntilExit()
        let stdout = (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? ""
        print(stdout)

        #expect(process.terminationStatus == ExitStatus.ok.rawValue, "battle run exited \(process.terminationStatus)")
        let results = try ResultsCoding.readResults(at: resultsDir + "/latest/results.json")
        #expect(results.status == .complete)
        #expect(!results.plan.verificationSkipped)

        for (name, tests) in expected {
            let c = try #require(results.contenders.first { $0.name == name }, "\(name) missing from results.json")
            #expect(c.status == .ok, "\(name): \(c.status.rawValue) \(c.failure ?? "")")
            let verification = try #require(c.verification, "\(name) was not verified")
            #expect(!verification.skipped)
            #expect(verification.passed, "\(name) failed: \(verification.failures.map { "\($0.name): \($0.detail)" })")
            #expect(verification.checks.count >= 20, "\(name): only \(verification.checks.count) checks ran")
            // Every test of the manifest was measured: no trial crashed or hung,
            // every trial was sampled, and each test has a level whose trials all
            // served responses. (A single level answering nothing, e.g. during a
            // large-heap restart on a busy machine, is a result the report shows,
            // not a failure of the run.)
            #expect(Set(c.tests.map(\.test)) == Set(tests), "\(name) measured \(c.tests.map(\.test.rawValue))")
            for t in c.tests {
                #expect(!t.levels.isEmpty, "\(name) \(t.test.rawValue): no levels")
                for level in t.levels {
                    #expect(!level.trials.isEmpty, "\(name) \(t.test.rawValue) \(level.label): no trials")
                    for trial in level.trials {
                        #expect(trial.error == nil, "\(name) \(t.test.rawValue) \(level.label): \(trial.error ?? "")")
                        #expect(trial.server != nil, "\(name) \(t.test.rawValue) \(level.label): server not sampled")
                    }
                }
                let served = t.levels.contains { l in !l.trials.isEmpty && l.trials.allSatisfy { $0.load.successes > 0 }
                }
                #expect(served, "\(name) \(t.test.rawValue): no level where every trial served responses")
            }
            let build = try #require(c.build, "\(name): no build record")
            #expect((build.linesOfCode ?? 0) > 100, "\(name): lines of code \(String(describing: build.linesOfCode))")
            #expect((build.binaryBytes ?? 0) > 0, "\(name): no binary size")
            #expect((c.startup?.secondsToReady ?? -1) >= 0, "\(name): no startup time")
        }
        // Same work: every test has one equal rate, run by every contender at
        // that rate; capacity under the default SLO for json and db; the CPU
        // budget of the placement, recorded.
        let rates = results.plan.equalRates ?? []
        let measuredTests = Set(results.contenders.flatMap { $0.tests.map(\.test) })
        #expect(Set(rates.map(\.test)) == measuredTests, "equal rates: \(rates)")
        for rate in rates {
            for c in results.contenders where c.result(for: rate.test) != nil {
                let levels = c.result(for: rate.test)?.levels(.equalRate) ?? []
                #expect(
                    levels.map(\.rate) == [rate.rate],
                    "\(c.name) \(rate.test.rawValue): equal-rate levels \(levels.map(\.label))")
                #expect(levels.first?.trials.count == results.plan.trials)
            }
        }
        #expect(results.plan.slo == "p99<=10.0ms")
        for c in results.contenders {
            #expect(
                Set(c.capacity.map(\.test)) == [.json, .db], "\(c.name) capacity: \(c.capacity.map(\.test.rawValue))")
            #expect(c.runtime?.workersGiven == 1)
        }
        if ProcessInfo.processInfo.activeProcessorCount == 2 {
            #expect(results.plan.serverCPUBudget?.cores == 0.5)
        }
        // The report was written beside the results.
        for file in ["report.html", "report.md", "results.csv"] {
            #expect(FileManager.default.fileExists(atPath: resultsDir + "/latest/" + file), "\(file) missing")
        }
        RunHarness.expectNothingLeft(sandbox)
    }

    /// The contenders in the repository and the tests their manifests declare.
    private func manifests() throws -> [(String, [SuiteTest])] {
        let dir = RunHarness.repo + "/contenders"
        var out: [(String, [SuiteTest])] = []
        for entry in try FileManager.default.contentsOfDirectory(atPath: dir).sorted() {
            let path = dir + "/" + entry + "/contender.toml"
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            let table = try TOMLReader.parse(text, file: path)
            // `default = false`: not part of a plain `battle run` (docs/MANIFEST.md).
            if table["default"]?.bool == false { continue }
            let name = try table.requiredString("name", file: path)
            let tests = try (table.optionalStrings("tests", file: path) ?? []).map { raw in
                try #require(SuiteTest.builtin(named: raw), "\(path): unknown test \(raw)")
            }
            out.append((name, tests))
        }
        return out
    }
}
