import BattleCore
import Testing

@testable import BattleVerdict

/// Languages ranked from their stacks: best and median stack, the profile's choice deciding.
@Suite struct LanguageStandingTests {
    static func ranked(_ name: String, _ language: String, _ total: Double) -> RankedContender {
        RankedContender(rank: 0, candidate: Candidate(name: name, displayName: name, language: language), total: total)
    }

    /// Rust has one excellent stack and one poor one; Go three good ones.
    static let ranking = [
        ranked("hyper", "Rust", 0.9), ranked("nethttp", "Go", 0.8), ranked("gin", "go", 0.78),
        ranked("fasthttp", "Go", 0.76), ranked("actix", "Rust", 0.5),
    ]

    @Test func bestAndMedianStack() throws {
        let s = LanguageRanking.standings(Self.ranking, basis: .best)
        #expect(s.map(\.language) == ["Rust", "Go"])
        let rust = try #require(s.first)
        #expect(rust.best == 0.9 && rust.bestStack == "hyper" && abs(rust.median - 0.7) < 1e-12)
        #expect(rust.stacks == ["hyper", "actix"])
        let go = try #require(s.last)
        // Grouped case-insensitively; the median of three is the middle one.
        #expect(go.stacks == ["nethttp", "gin", "fasthttp"] && go.median == 0.78 && go.best == 0.8)
        #expect(s.map(\.rank) == [1, 2])
    }

    @Test func theProfilesBasisDecides() {
        #expect(LanguageRanking.standings(Self.ranking, basis: .best).map(\.language) == ["Rust", "Go"])
        #expect(LanguageRanking.standings(Self.ranking, basis: .median).map(\.language) == ["Go", "Rust"])
    }

    @Test func equalFiguresShareARank() {
        let s = LanguageRanking.standings(
            [Self.ranked("a", "Zed", 0.6), Self.ranked("b", "Quux", 0.6), Self.ranked("c", "Quux", 0.2)], basis: .best)
        #expect(s.map(\.rank) == [1, 1])
        // Tied on the deciding figure: the other one orders them.
        #expect(s.map(\.language) == ["Zed", "Quux"])
    }

    @Test func resamplesGiveIntervalsAndFirstShares() throws {
        // Rust first by its best in 95 of 100 samples, Go in 5.
        let samples = (0..<100).map { i -> [LanguageStanding] in
            let rustBest = i < 95 ? 0.9 : 0.7
            return LanguageRanking.standings(
                [Self.ranked("hyper", "Rust", rustBest), Self.ranked("nethttp", "Go", 0.8)], basis: .best)
        }
        let r = LanguageRanking.build(
            [Self.ranked("hyper", "Rust", 0.9), Self.ranked("nethttp", "Go", 0.8)], basis: .best, samples: samples)
        #expect(r.decidedBy == .best)
        let rust = try #require(r.languages.first)
        #expect(rust.language == "Rust" && rust.firstShare == 0.95)
        #expect(rust.bestInterval == Interval(low: 0.7, high: 0.9))
        #expect(r.languages.last?.firstShare.map { abs($0 - 0.05) < 1e-12 } == true)
        #expect(r.clearWinner == true)
        // In 85 of 100 the lead holds: below the 90% the verdict asks for.
        let closer = (0..<100).map { i in
            LanguageRanking.standings(
                [Self.ranked("hyper", "Rust", i < 85 ? 0.9 : 0.7), Self.ranked("nethttp", "Go", 0.8)], basis: .best)
        }
        #expect(
            LanguageRanking.build(Self.ranking.prefix(2).map { $0 }, basis: .best, samples: closer).clearWinner == false
        )
        #expect(LanguageRanking.build(Self.ranking, basis: .best).clearWinner == nil)
    }

    @Test func theVerdictRanksLanguagesByTheProfilesChoice() throws {
        let results = Synthetic.run([
            Synthetic.simple("quux-fast", language: "Quux", perCPU: 12_000),
            Synthetic.simple("quux-slow", language: "Quux", perCPU: 2_000),
            Synthetic.simple("zed-a", language: "Zed", perCPU: 9_000),
            Synthetic.simple("zed-b", language: "Zed", perCPU: 8_000),
        ])
        func verdict(_ basis: LanguageBasis) -> Verdict {
            var p = Synthetic.profile([.throughputPerCore: 1])
            p.languageStanding = basis
            return VerdictBuilder.build(
                results, dataset: Synthetic.dataset, profile: p, cost: CostOptions(prices: Synthetic.prices),
                resamples: 50)
        }
        let best = verdict(.best)
        #expect(best.ranking.first?.candidate.name == "quux-fast")
        #expect(best.profile.languageStanding == .best)
        let byBest = try #require(best.languages)
        #expect(byBest.decidedBy == .best && byBest.languages.map(\.language) == ["Quux", "Zed"])
        #expect(byBest.languages.allSatisfy { $0.bestInterval != nil && $0.medianInterval != nil })
        let median = try #require(verdict(.median).languages)
        #expect(median.languages.map(\.language) == ["Zed", "Quux"])
        // Both figures are shown, and which one decides.
        let text = BlockRenderer.text(VerdictDocument.full(verdict(.median), results: results))
        #expect(text.contains("Languages, ranked by its median stack (this profile's choice"))
        #expect(text.contains("Median stack's score (decides)"))
        #expect(text.contains("Best stack's score"))
    }

    @Test func profilesSayWhichStackDecides() throws {
        let profiles = Builtin.profiles
        #expect(profiles.profile("startup")?.languageStanding == .median)
        #expect(profiles.profile("cost-driven")?.languageStanding == .best)
        #expect(profiles.profiles.allSatisfy { Builtin.profilesText.contains("[profile.\($0.id)]") })
        let mine = try TeamProfile.parseWeightsFile(
            "language-standing = \"median\"\n[weights]\ncode-size = 1", file: "mine.toml")
        #expect(mine.languageStanding == .median)
        #expect(try TeamProfile.parseWeightsFile("[weights]\ncode-size = 1", file: "m.toml").languageStanding == .best)
        do {
            _ = try TeamProfile.parseWeightsFile(
                "language-standing = \"mean\"\n[weights]\ncode-size = 1", file: "w.toml")
            Issue.record("an unknown language-standing parsed")
        } catch {
            let s = error.description
            #expect(s.contains("w.toml") && s.contains("language-standing") && s.contains("\"median\""))
        }
    }
}
