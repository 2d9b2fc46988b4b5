import Foundation
import Testing

@testable import BattleCore

/// A test's identity is its name: the Battle Suite's built-ins and a data
/// suite's tests alike; results name the suite they ran.
@Suite struct SuiteIdentityTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/results").path

    @Test func aTestIsItsNameInJSON() throws {
        let tests = [SuiteTest.orders, SuiteTest("mix"), SuiteTest("list-page")]
        let data = try JSONEncoder().encode(tests)
        #expect(String(decoding: data, as: UTF8.self) == #"["orders","mix","list-page"]"#)
        #expect(try JSONDecoder().decode([SuiteTest].self, from: data) == tests)
        #expect(SuiteTest(rawValue: "json") == .json)
    }

    @Test func builtinsComeFirstInTheirOrderThenOthers() {
        #expect(SuiteTest.builtin(named: "fortunes") == .fortunes)
        #expect(SuiteTest.builtin(named: "mix") == nil)
        #expect(!SuiteTest("mix").isBuiltin && SuiteTest.db.isBuiltin)
        #expect(
            [SuiteTest("b"), .orders, SuiteTest("a"), .plaintext].sorted() == [
                .plaintext, .orders, SuiteTest("a"), SuiteTest("b"),
            ])
        // Others keep the order they are first seen in (a suite file's order).
        #expect(
            SuiteTest.ordered([SuiteTest("read"), .json, SuiteTest("list"), SuiteTest("read"), .plaintext])
                == [.plaintext, .json, SuiteTest("read"), SuiteTest("list")])
        #expect(SuiteTest.allCases == SuiteTest.builtins && SuiteTest.builtins.count == 7)
    }

    @Test func olderResultsCountAsTheBattleSuiteWithAnUnknownHash() throws {
        let old = try ResultsCoding.readResults(at: Self.fixtures + "/compare-old.json")
        #expect(old.suite == nil)
        #expect(old.suiteIdentity == SuiteRecord(name: "battle", version: 1, contentHash: nil))
        #expect(old.suiteIdentity.titleWithHash == "Battle Suite v1 (hash unknown)")
    }

    @Test func theSuiteRecordRoundTripsAndIsLeftOutWhenAbsent() throws {
        var r = try ResultsCoding.readResults(at: Self.fixtures + "/compare-old.json")
        let without = String(decoding: try ResultsCoding.encoder().encode(r), as: UTF8.self)
        #expect(!without.contains("\"suite\""))
        r.suite = SuiteRecord(
            name: "helpdesk", version: 3, contentHash: String(repeating: "0f", count: 32), folder: "suite/helpdesk")
        let data = try ResultsCoding.encoder().encode(r)
        let back = try ResultsCoding.decoder().decode(RunResults.self, from: data)
        #expect(back.suite == r.suite)
        #expect(back.suiteIdentity.title == "suite helpdesk v3")
        #expect(back.suiteIdentity.titleWithHash == "suite helpdesk v3 (sha256 0f0f0f0f0f0f)")
    }
}
