import BattleCore
import BattleSuite
import Foundation
import Testing

@testable import BattleArena

/// What `battle run --suite` decides before it runs anything: the manifest's
/// `suites`, the plan of a data suite's tests, and each test's load as targets.
@Suite struct DataSuiteRunTests {
    static let repo = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
    static func mini() throws -> DataSuite {
        DataSuite(spec: try SuiteFolder.load(repo + "/Tests/Fixtures/suites/mini"), folder: "suites/mini")
    }

    func manifest(_ extra: String) throws(ManifestError) -> ContenderManifest {
        try ContenderManifest.parse(
            ManifestTests.example.replacingOccurrences(of: "description = \"One paragraph.\"", with: extra),
            file: "contenders/x/contender.toml", folder: "/r/contenders/x")
    }

    @Test func suitesDefaultToTheBattleSuite() throws {
        #expect(try manifest("").suites == ["battle"])
        #expect(try manifest("suites = [\"battle\", \"helpdesk\"]").suites == ["battle", "helpdesk"])
        #expect(try manifest("suites = [\"helpdesk\"]").suites == ["helpdesk"])
    }

    @Test(arguments: [
        ("suites = []", "is empty"),
        ("suites = [\"Help Desk\"]", "is not a suite name"),
        ("suites = [\"helpdesk\", \"helpdesk\"]", "twice"),
        ("suites = \"helpdesk\"", "suites"),
    ])
    func badSuitesNameTheKeyAndTheFix(_ text: String, _ said: String) {
        do {
            _ = try manifest(text)
            Issue.record("\(text) was accepted")
        } catch {
            #expect(error.description.contains("suites"), "\(error)")
            #expect(error.description.contains(said), "\(error)")
            #expect(error.description.contains("contenders/x/contender.toml"), "\(error)")
        }
    }

    @Test func aMixIsExpandedWithItsWeightsKept() throws {
        let suite = try Self.mini()
        let notes = try #require(suite.spec.test(named: "notes"))
        let targets = SuiteTargets.expand(notes, samples: 32)
        #expect(targets.count == 64)
        let hello = targets.filter { $0.kind == 0 }
        let note = targets.filter { $0.kind == 1 }
        #expect(hello.count == 32 && note.count == 32)
        // Each kind's share of the round robin is its weight's share: 3:1.
        let w0 = hello.reduce(0) { $0 + $1.weight }
        let w1 = note.reduce(0) { $0 + $1.weight }
        #expect(w0 == 3 * w1)
        // Parameters are drawn: varied paths, headers rendered from the values file.
        #expect(Set(hello.map(\.target)).count > 20)
        #expect(hello.allSatisfy { $0.target.hasPrefix("/api/hello?n=") && $0.method == "GET" })
        #expect(
            Set(targets.compactMap { $0.headers.first { $0.name == "Authorization" }?.value }) == [
                "Bearer token-a", "Bearer token-b",
            ])
        // The JSONL bodies stay a rotation on every POST.
        #expect(note.allSatisfy { $0.method == "POST" && $0.bodiesFile == "bodies/notes.jsonl" && $0.body == nil })
        // The same draw every time.
        #expect(SuiteTargets.expand(notes, samples: 32) == targets)

        let text = SuiteTargets.file(
            targets, base: "http://127.0.0.1:8080", test: "notes", bodiesFiles: ["bodies/notes.jsonl": "/tmp/n.jsonl"])
        #expect(text.components(separatedBy: "[[target]]").count - 1 == 64)
        #expect(text.contains("url = \"http://127.0.0.1:8080/api/notes\"\nmethod = \"POST\"\n"))
        #expect(text.contains("bodies_file = \"/tmp/n.jsonl\""))
        #expect(text.components(separatedBy: "weight = 3\n").count - 1 == 32)
    }

    /// suite/battle's /orders sends its 49 invalid bodies at verification
    /// only (`weight = 0`): none of them is a target under load.
    @Test func verifyOnlyRequestsAreNotLoaded() throws {
        let battle = try SuiteFolder.load(Self.repo + "/suite/battle")
        let orders = try #require(battle.test(named: "orders"))
        let loaded = orders.requests.filter { $0.weight > 0 }
        #expect(loaded.count < orders.requests.count)
        let targets = SuiteTargets.expand(orders, samples: 2)
        #expect(targets.count == 2 * loaded.count)
        #expect(targets.allSatisfy { $0.weight >= 1 })
        #expect(Set(targets.map(\.kind)) == Set(orders.requests.indices.filter { orders.requests[$0].weight > 0 }))
    }

    @Test func weightsAreReducedToTheTargetsFormatsRange() {
        #expect(SuiteTargets.weights([6, 3, 1]) == [6, 3, 1])
        #expect(SuiteTargets.weights([20, 10]) == [2, 1])
        #expect(SuiteTargets.weights([7]) == [1])
        #expect(SuiteTargets.weights([50_000, 1]) == [10_000, 1])
    }

    @Test func theSuitesPlanGivesEachTestItsLevels() throws {
        let suite = try Self.mini()
        #expect(suite.tests.map(\.rawValue) == ["hello", "notes", "missing"])
        #expect(suite.equalRateTests.map(\.rawValue) == ["hello", "missing"])
        #expect(suite.capacityTests.isEmpty)
        #expect(suite.usesDatabase)
        var profile = PlanProfile.named(.quick)
        profile.suiteConnections = suite.connections
        profile.suiteConnections[SuiteTest("missing")] = []  // as a verify-only test
        let plans = profile.testPlans(for: suite.tests)
        #expect(plans.map(\.test.rawValue) == ["hello", "notes"], "a test without levels is not loaded")
        #expect(plans[0].levels.map(\.label) == ["c=4"])
        #expect(
            suite.record
                == SuiteRecord(name: "mini", version: 1, contentHash: suite.spec.contentHash, folder: "suites/mini"))
        let schema = suite.schema(battleSchema: "CREATE TABLE world();")
        #expect(schema.hasPrefix("CREATE TABLE world();\n\n-- suites/mini/sql/seed.sql\n"))
        #expect(schema.contains("CREATE TABLE mini_item"))
    }

    @Test func aDataSuitesRatesAreItsEqualRates() throws {
        let shop = DataSuite(
            spec: try SuiteFolder.load(Self.repo + "/Tests/Fixtures/suites/shop"), folder: "shop")
        #expect(shop.rates == [SuiteTest("product"): [500]])
        #expect(shop.capacityTests == [SuiteTest("product")])
        #expect(
            try EqualRatePlanner.parseOverrides(["browse=100"], known: shop.tests) == [SuiteTest("browse"): [100]])
        #expect(throws: PlanError.self) { try EqualRatePlanner.parseOverrides(["json=100"], known: shop.tests) }
    }

    @Test func aNotImplementedTestIsRecordedNotFailed() {
        let spec = SuiteSpec(name: "s", version: 1, description: nil, seed: [], tests: [], contentHash: "")
        let v = SuiteVerification(
            suite: spec,
            tests: [
                TestVerification(
                    name: "a", status: .checked,
                    checks: [
                        SuiteCheckResult(name: "status", SuiteVerdict(.pass, "ok")),
                        SuiteCheckResult(name: "field /x", SuiteVerdict(.skip, "no database")),
                    ]),
                TestVerification(
                    name: "b", status: .notImplemented,
                    checks: [SuiteCheckResult(name: "implemented", SuiteVerdict(.skip, "404"))]),
            ])
        let record = ArenaRun.record(v)
        #expect(record.passed)
        #expect(record.notImplemented == [SuiteTest("b")])
        #expect(record.checks.map(\.name) == ["status", "field /x"])
        #expect(record.checks[1].outcome == .warn && record.checks[1].detail == "skipped: no database")
    }
}
