import BattleCore
import Foundation
import Testing

@testable import BattleReport

/// Tiers and database drivers in the reports: the header line that names the
/// tier, the framework shown with its driver, and the language-and-stack
/// sentences that say when two stacks differ in more than the framework.
@Suite("Tiers and drivers in reports")
struct TierAndDriverTests {
    /// A stack measured on `test` (json by default), with a driver and a tier.
    static func stack(
        _ name: String, _ language: String, _ rps: Double, test: SuiteTest = .json, driver: String? = nil,
        tier: ContenderTier? = nil
    ) -> ContenderResult {
        var c = StackComparisonTests.stack(name, language, rps)
        c.tests = [TestResult(test: test, levels: c.tests[0].levels)]
        c.driver = driver
        c.tier = tier
        return c
    }

    func point(_ contenders: [ContenderResult], _ test: SuiteTest) -> StackComparison.Test {
        StackComparison.point(StackComparisonTests.run(contenders), test)
    }

    @Test func aDriverDifferenceIsNamedOnADatabaseTest() {
        let t = point(
            [
                Self.stack("gin", "Go", 9_000, test: .db, driver: "pgx v4.18.1"),
                Self.stack("nethttp", "Go", 4_000, test: .db, driver: "lib/pq 1.10.7"),
                Self.stack("hyper", "Rust", 10_000, test: .db, driver: "tokio-postgres 0.7.7"),
            ], .db)
        #expect(t.widest?.language == "Go")
        let s = StackComparison.sentence(t)
        #expect(
            s.contains(
                "inside Go (Go · gin and Go · nethttp also differ in database driver (pgx v4.18.1 against lib/pq 1.10.7), so that spread is not the framework's alone)"
            ), "\(s)")
    }

    @Test func noDriverSentenceWithoutTheDatabaseOrADifference() {
        // json does not touch the database: the driver is not part of its figure.
        let json = point(
            [
                Self.stack("gin", "Go", 9_000, driver: "pgx v4.18.1"),
                Self.stack("nethttp", "Go", 4_000, driver: "lib/pq 1.10.7"),
            ], .json)
        #expect(!StackComparison.sentence(json).contains("driver"))
        // The same driver on both stacks: nothing to say.
        let same = point(
            [
                Self.stack("gin", "Go", 9_000, test: .db, driver: "pgx v4.18.1"),
                Self.stack("fasthttp", "Go", 4_000, test: .db, driver: "pgx v4.18.1"),
            ], .db)
        #expect(!StackComparison.sentence(same).contains("driver"))
        // A stack that names no driver: no claim either way.
        let unknown = point(
            [
                Self.stack("gin", "Go", 9_000, test: .db, driver: "pgx v4.18.1"),
                Self.stack("mine", "Go", 4_000, test: .db),
            ], .db)
        #expect(!StackComparison.sentence(unknown).contains("driver"))
    }

    @Test func aTierDifferenceIsNamedInsideALanguageAndBetweenLanguages() {
        let t = point(
            [
                Self.stack("axum+tuned", "Rust", 150_000, tier: .tuned),
                Self.stack("hyper", "Rust", 100_000, tier: .idiomatic),
                Self.stack("nethttp", "Go", 50_000, tier: .idiomatic),
            ], .json)
        let s = StackComparison.sentence(t)
        #expect(
            s.contains(
                "(Rust · axum+tuned and Rust · hyper also differ in tier (tuned against idiomatic), so that spread is not the framework's alone)"
            ), "\(s)")
        #expect(s.contains("Go's best 3.0× (the two also differ in tier: tuned against idiomatic)"), "\(s)")
    }

    @Test func oneStackInTwoTiersIsNotAFrameworkSpread() {
        let t = point(
            [
                Self.stack("hyper+tuned", "Rust", 150_000, tier: .tuned),
                Self.stack("hyper", "Rust", 100_000, tier: .idiomatic),
            ], .json)
        let s = StackComparison.sentence(t)
        #expect(
            s.contains(
                "(Rust · hyper+tuned and Rust · hyper are one stack in two tiers, tuned against idiomatic: that spread is the tuning's, not a framework's)"
            ), "\(s)")
    }

    @Test func bothDifferencesInOneSentence() throws {
        let best = Self.stack("gin", "Go", 9_000, test: .db, driver: "pgx", tier: .tuned)
        let worst = Self.stack("nethttp", "Go", 4_000, test: .db, driver: "lib/pq", tier: .idiomatic)
        let t = point([best, worst], .db)
        let w = try #require(t.widest)
        let b = try #require(w.best)
        let x = try #require(w.worst)
        let c = try #require(StackComparison.confound(b, x, test: .db))
        #expect(c.contains("also differ in database driver (pgx against lib/pq) and in tier (tuned against idiomatic)"))
    }

    // MARK: the header and the framework column

    func results(_ contenders: [ContenderResult]) -> RunResults { StackComparisonTests.run(contenders) }

    @Test func theTierLineSaysWhichTierAndWhenTheyMix() {
        #expect(results([Self.stack("a", "Go", 1)]).tierLine == nil)  // a file written before tiers
        let idiomatic = results([
            Self.stack("a", "Go", 1, tier: .idiomatic), Self.stack("b", "Rust", 1, tier: .idiomatic),
        ])
        #expect(idiomatic.tierLine?.hasPrefix("Tier: idiomatic") == true)
        #expect(!idiomatic.mixesTiers)
        let tuned = results([Self.stack("a+tuned", "Go", 1, tier: .tuned)])
        #expect(tuned.tierLine?.hasPrefix("Tier: tuned") == true)
        let mixed = results([Self.stack("a", "Go", 1, tier: .idiomatic), Self.stack("a+tuned", "Go", 1, tier: .tuned)])
        #expect(mixed.mixesTiers)
        #expect(mixed.tierLine?.hasPrefix("Tiers mixed: 1 idiomatic and 1 tuned entry") == true)
        #expect(mixed.tierLine?.contains("compares configurations as well as stacks") == true)
    }

    @Test func everyReportNamesTheTier() {
        let r = results([
            Self.stack("hyper", "Rust", 100_000, driver: "tokio-postgres 0.7.7", tier: .idiomatic),
            Self.stack("hyper+tuned", "Rust", 120_000, driver: "tokio-postgres 0.7.7", tier: .tuned),
        ])
        let text = TextReport.render(r, color: false)
        let markdown = MarkdownReport.render(r)
        let html = HTMLReport.render(r)
        for (name, report) in [("text", text), ("markdown", markdown), ("html", html)] {
            #expect(report.contains("Tiers mixed: 1 idiomatic and 1 tuned entry"), "\(name)")
        }
        // The framework is shown with its driver.
        #expect(markdown.contains("hyper; driver: tokio-postgres 0.7.7"))
        #expect(html.contains("hyper; driver: tokio-postgres 0.7.7"))
        let csv = CSVReport.render(r).split(separator: "\n")
        #expect(csv[0].hasSuffix(",tier,driver"))
        #expect(csv[1].hasSuffix(",idiomatic,tokio-postgres 0.7.7"))
        #expect(csv.last?.hasSuffix(",tuned,tokio-postgres 0.7.7") == true)
    }
}
