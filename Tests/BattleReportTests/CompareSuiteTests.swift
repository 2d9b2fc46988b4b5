import BattleCore
import Foundation
import Testing

@testable import BattleReport

/// `battle compare` and suites: figures of different suites are refused,
/// older results count as the Battle Suite, data-suite tests are compared.
@Suite struct CompareSuiteTests {
    func pair() throws -> (RunResults, RunResults) {
        (
            try ResultsCoding.readResults(at: Repo.fixture("compare-old.json")),
            try ResultsCoding.readResults(at: Repo.fixture("compare-new-regressed.json"))
        )
    }

    static let hashA = String(repeating: "a", count: 64)
    static let hashB = String(repeating: "b", count: 64)

    @Test func differentSuitesAreRefusedNamingBothAndTheFix() throws {
        var (old, new) = try pair()
        old.suite = SuiteRecord(name: "helpdesk", version: 1, contentHash: Self.hashA)
        new.suite = .battle(contentHash: Self.hashB)
        let why = try #require(Comparison.suiteMismatch(old, new))
        #expect(
            why.contains("suite helpdesk v1 (sha256 aaaaaaaaaaaa)")
                && why.contains("Battle Suite v1 (sha256 bbbbbbbbbbbb)"))
        #expect(why.contains("different suites") && why.contains("battle suite check DIR"))
    }

    @Test func theSameSuiteWithOtherContentIsRefused() throws {
        var (old, new) = try pair()
        old.suite = SuiteRecord(name: "helpdesk", version: 1, contentHash: Self.hashA)
        new.suite = SuiteRecord(name: "helpdesk", version: 1, contentHash: Self.hashB)
        #expect(Comparison.suiteMismatch(old, new)?.contains("different contents of suite helpdesk") == true)
        new.suite?.contentHash = Self.hashA
        #expect(Comparison.suiteMismatch(old, new) == nil)
    }

    @Test func olderResultsCountAsTheBattleSuiteAndItIsSaid() throws {
        var (old, new) = try pair()
        new.suite = .battle(contentHash: Self.hashB)
        #expect(Comparison.suiteMismatch(old, new) == nil)
        let c = Comparison(old: old, new: new)
        #expect(c.warnings.contains { $0.hasPrefix("OLD does not record its suite") && $0.contains("hash unknown") })
        // A recorded Battle Suite without its folder's hash is not refused either, only said.
        old.suite = .battle(contentHash: nil)
        #expect(Comparison.suiteMismatch(old, new) == nil)
        #expect(Comparison(old: old, new: new).warnings.contains { $0.contains("without its folder's hash") })
        // A data suite against older results (the Battle Suite) is refused.
        new.suite = SuiteRecord(name: "helpdesk", version: 1, contentHash: Self.hashA)
        old.suite = nil
        #expect(Comparison.suiteMismatch(old, new) != nil)
    }

    @Test func aDataSuitesTestsAreCompared() throws {
        var (old, new) = try pair()
        for r in [0, 1] {
            var results = r == 0 ? old : new
            results.suite = SuiteRecord(name: "helpdesk", version: 1, contentHash: Self.hashA)
            for i in results.contenders.indices {
                for j in results.contenders[i].tests.indices where results.contenders[i].tests[j].test == .json {
                    results.contenders[i].tests[j].test = SuiteTest("mix")
                }
            }
            if r == 0 { old = results } else { new = results }
        }
        let c = Comparison(old: old, new: new)
        #expect(c.rows.contains { $0.test == SuiteTest("mix") })
        let text = CompareReport.text(c)
        let mix = try #require(text.range(of: "\nmix\n"))
        let fortunes = try #require(text.range(of: "\nfortunes\n"))
        #expect(fortunes.lowerBound < mix.lowerBound, "built-ins first, then the data suite's tests")
    }
}
