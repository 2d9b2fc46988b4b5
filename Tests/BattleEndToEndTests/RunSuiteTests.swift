import BattleCore
import Foundation
import Testing

extension RunTests {
    static let miniSuite = RunHarness.repo + "/Tests/Fixtures/suites/mini"

    /// `battle run --suite`: only the contenders declaring the suite run; the
    /// seed is loaded (a check reads it); the test the fake does not serve is
    /// reported as not implemented, not failed; the others are loaded at their
    /// plan's levels with varied requests; results.json records the suite.
    @Test func aDataSuiteRunsTheContendersThatDeclareIt() throws {
        let sandbox = try RunHarness.Sandbox()
        defer { sandbox.remove() }
        let out = try RunHarness.run(
            sandbox, contenders: ["fake-suite", "fake-ok"],
            arguments: [
                "--suite", Self.miniSuite, "--trials", "1", "--warmup", "0", "--duration", "1s", "--slo", "none",
                "--server-cpu-limit", "none",
            ])
        #expect(out.status == ExitStatus.ok.rawValue, "stderr:\n\(out.stderr)")
        let r = try #require(out.results, "no readable results.json; stderr:\n\(out.stderr)")
        let suite = try #require(r.suite)
        #expect(suite.name == "mini" && suite.version == 1 && suite.folder == Self.miniSuite)
        #expect(suite.contentHash?.count == 64)
        #expect(r.plan.tests.map(\.rawValue) == ["hello", "notes", "missing"])
        #expect(r.contender("fake-ok") == nil, "fake-ok does not declare suite mini")

        let c = try #require(r.contender("fake-suite"))
        #expect(c.status == .ok, "\(c.failure ?? "")")
        let v = try #require(c.verification)
        #expect(v.passed, "\(v.failures)")
        #expect(v.notImplemented == [SuiteTest("missing")])
        // The seed was loaded: the check reading it ran against the database and passed.
        #expect(v.checks.contains { $0.test == SuiteTest("hello") && $0.name == "field /items" && $0.outcome == .pass })
        #expect(r.notes.contains { $0.contains("does not implement missing") })

        let summary = c.tests.map { t in
            "\(t.test): "
                + t.levels.map { l in "\(l.label) \(l.trials.map { "\($0.load.successes) ok \($0.error ?? "")" })" }
                .joined(separator: "; ")
        }
        #expect(c.tests.map(\.test.rawValue) == ["hello", "notes"], "\(summary)")
        #expect(
            c.tests.allSatisfy { $0.levels.allSatisfy { $0.trials.count == 1 && $0.trials[0].load.successes > 0 } },
            "\(summary)\nstderr:\n\(out.stderr.suffix(3000))")
        let hello = try #require(c.result(for: SuiteTest("hello")))
        #expect(hello.levels.map(\.label) == ["c=4", "rate=\(Int(hello.levels.last?.rate ?? 0))/s"])
        #expect(hello.levels.last?.kind == .equalRate)
        let notes = try #require(c.result(for: SuiteTest("notes"))?.levels.first?.trials.first?.load)
        // 32 drawn requests of each kind; the mix's 3:1 kept in what was sent.
        #expect(notes.config.targets.count == 64)
        let posted = notes.endpoints.filter { $0.method == "POST" }.reduce(0) { $0 + $1.requests }
        let share = Double(posted) / Double(max(1, notes.requests))
        #expect(abs(share - 0.25) < 0.02, "POST share \(share)")
        #expect(Set(notes.config.targets.filter { $0.contains("/api/hello") }).count > 10, "varied parameters")
        #expect(notes.statusCodes.keys.sorted() == ["200", "201"], "\(notes.statusCodes)")

        let report = try String(contentsOfFile: sandbox.root + "/results/latest/report.md", encoding: .utf8)
        #expect(report.contains("suite mini v1"))
        #expect(
            out.stdout.contains("battle report · run \(r.id) · suite mini v1 · complete"), "\(out.stdout.prefix(300))")
        #expect(out.stdout.contains("fake-suite does not implement missing"))
        RunHarness.expectNothingLeft(sandbox)
    }

    /// Asking by name for a contender that does not declare the suite is an error naming the fix.
    @Test func onlyAContenderWithoutTheSuiteIsAnError() throws {
        let sandbox = try RunHarness.Sandbox()
        defer { sandbox.remove() }
        let out = try RunHarness.run(
            sandbox, contenders: ["fake-ok"], arguments: ["--suite", Self.miniSuite, "--only", "fake-ok"], timeout: 60)
        #expect(out.status == ExitStatus.usage.rawValue)
        #expect(out.stderr.contains("fake-ok does not declare suite 'mini'"), "\(out.stderr)")
        #expect(out.stderr.contains("add \"mini\" to its suites"), "\(out.stderr)")
    }

    /// A suite folder with a mistake stops the run before anything starts, naming the file and key.
    @Test func aBadSuiteIsAUsageError() throws {
        let sandbox = try RunHarness.Sandbox()
        defer { sandbox.remove() }
        let bad = sandbox.dir + "/bad"
        try FileManager.default.createDirectory(atPath: bad, withIntermediateDirectories: true)
        try "name = \"bad\"\nversion = 1\nwieght = 2\n".write(
            toFile: bad + "/suite.toml", atomically: true, encoding: .utf8)
        let out = try RunHarness.run(sandbox, contenders: ["fake-suite"], arguments: ["--suite", bad], timeout: 60)
        #expect(out.status == ExitStatus.usage.rawValue)
        #expect(out.stderr.contains("suite.toml") && out.stderr.contains("wieght"), "\(out.stderr)")
        #expect(!FileManager.default.fileExists(atPath: sandbox.latestResults))
    }
}
