import BattleCore
import Testing

@testable import BattleVerdict

@Suite struct ScorerTests {
    let a = Candidate(name: "a", displayName: "A", language: "x")
    let b = Candidate(name: "b", displayName: "B", language: "y")
    let c = Candidate(name: "c", displayName: "C", language: "z")

    func comp(_ key: String, _ better: Better, _ values: [String: Double]) -> Component {
        Component(key: key, label: key, kind: .seconds, better: better, values: values)
    }

    @Test func scoresAreRatiosToTheBest() throws {
        let evidence: [Criterion: [Component]] = [
            .throughputPerCore: [comp("db", .higher, ["a": 200, "b": 100, "c": 50])],
            .startupTime: [comp("s", .lower, ["a": 2, "b": 1, "c": 4])],
        ]
        let s = Scorer.score([a, b, c], evidence: evidence, weights: [.throughputPerCore: 1, .startupTime: 1])
        let tput = try #require(s.result(.throughputPerCore))
        #expect(tput.scores == ["a": 1, "b": 0.5, "c": 0.25])
        #expect(s.result(.startupTime)!.scores == ["a": 0.5, "b": 1, "c": 0.25])
        #expect(s.ranking.map(\.candidate.name) == ["a", "b", "c"])
        #expect(s.ranking.map(\.total) == [0.75, 0.75, 0.25].enumerated().map { $0.offset == 2 ? 0.25 : 0.75 })
        // a and b are tied at 0.75: same rank, ordered by name.
        #expect(s.ranking.map(\.rank) == [1, 1, 3])
        #expect(tput.share == 0.5)
    }

    @Test func aCriterionsScoreIsTheMeanOfItsComponents() throws {
        let evidence: [Criterion: [Component]] = [
            .buildTime: [comp("clean", .lower, ["a": 10, "b": 20]), comp("incremental", .lower, ["a": 4, "b": 1])]
        ]
        let s = Scorer.score([a, b], evidence: evidence, weights: [.buildTime: 1])
        #expect(s.result(.buildTime)!.scores["a"] == (1 + 0.25) / 2)
        #expect(s.result(.buildTime)!.scores["b"] == (0.5 + 1) / 2)
    }

    @Test func aMissingMeasurementDropsTheCriterionAndRenormalises() throws {
        let evidence: [Criterion: [Component]] = [
            .throughputPerCore: [comp("db", .higher, ["a": 100, "b": 200])],
            .startupTime: [comp("s", .lower, ["a": 1])],  // b has no startup figure
            .tailLatency: [comp("db", .lower, ["a": 1, "b": 2]), comp("json", .lower, ["a": 1])],
        ]
        let s = Scorer.score(
            [a, b], evidence: evidence, weights: [.throughputPerCore: 2, .startupTime: 6, .tailLatency: 2])
        let startup = try #require(s.result(.startupTime))
        #expect(!startup.counted)
        #expect(startup.droppedBecause == "no data for B")
        #expect(startup.share == 0)
        #expect(s.result(.throughputPerCore)!.share == 0.5)  // 2 of the 4 that still count
        #expect(s.notes.contains { $0.contains("startup time (no data for B)") && $0.contains("renormalised") })
        // tail latency is scored on db only, and says so.
        #expect(s.result(.tailLatency)!.scores["b"] == 0.5)
        #expect(s.notes.contains { $0.contains("Tail latency is scored without json") })
        // Without the dropped criterion: a = (0.5*2 + 1*2)/4, b = (1*2 + 0.5*2)/4.
        #expect(s.ranking.map(\.total) == [0.75, 0.75])
    }

    @Test func nothingScorableMeansNoRanking() {
        let s = Scorer.score(
            [a, b], evidence: [.startupTime: [comp("s", .lower, ["a": 1])]], weights: [.startupTime: 1])
        #expect(s.ranking.isEmpty)
        #expect(s.notes.contains { $0.hasPrefix("Nothing could be scored") })
    }

    @Test func weightZeroCriteriaAreScoredButDoNotCount() {
        let evidence: [Criterion: [Component]] = [
            .throughputPerCore: [comp("db", .higher, ["a": 100, "b": 200])],
            .codeSize: [comp("loc", .lower, ["a": 100, "b": 400])],
        ]
        let s = Scorer.score([a, b], evidence: evidence, weights: [.throughputPerCore: 1])
        #expect(s.result(.codeSize)!.scored && !s.result(.codeSize)!.counted)
        #expect(s.ranking.first?.candidate.name == "b")
        #expect(s.notes.isEmpty)
    }

    @Test func lowerIsBetterHandlesZeroAndInfinity() {
        #expect(Better.lower.score(0, best: 0) == 1)
        #expect(Better.lower.score(.infinity, best: 10) == 0)
        #expect(Better.higher.score(0, best: 0) == 1)
        #expect(Better.higher.score(5, best: 10) == 0.5)
    }

    @Test func sensitivityFindsTheWeightThatFlipsTheTopTwo() throws {
        let evidence: [Criterion: [Component]] = [
            .throughputPerCore: [comp("db", .higher, ["a": 100, "b": 50])],
            .hiringPool: [comp("pool", .higher, ["a": 10, "b": 20])],
        ]
        let weights: [Criterion: Double] = [.throughputPerCore: 3, .hiringPool: 1]
        let s = Scorer.score([a, b], evidence: evidence, weights: weights)
        #expect(s.ranking.first?.candidate.name == "a")
        let sens = try #require(Sensitivity.analyse(s))
        #expect(sens.leader == "a" && sens.runnerUp == "b")
        // a: (3*1 + 1*0.5)/4 = 0.875; b: (3*0.5 + 1)/4 = 0.625.
        #expect(abs(sens.margin - 0.25) < 1e-12)
        let hiring = try #require(sens.flips.first { $0.criterion == .hiringPool })
        #expect(hiring.fromShare == 0.25)
        #expect(abs(hiring.toShare - 0.5) < 1e-9)  // equal weights tie them
        let cut = try #require(sens.flips.first { $0.criterion == .throughputPerCore })
        #expect(cut.toShare < cut.fromShare)
        // Just past the flip point the ranking does flip; just before, it does not.
        for (share, leader) in [(hiring.toShare + 0.01, "b"), (hiring.toShare - 0.01, "a")] {
            let w: [Criterion: Double] = [.throughputPerCore: 1 - share, .hiringPool: share]
            #expect(Scorer.score([a, b], evidence: evidence, weights: w).ranking.first?.candidate.name == leader)
        }
    }
}
