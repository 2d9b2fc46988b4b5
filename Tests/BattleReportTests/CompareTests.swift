import BattleCore
import Testing

@testable import BattleReport

@Suite("battle compare: the noise rule and comparisons")
struct CompareTests {
    let rule = NoiseRule.standard

    @Test func disjointTrialsBeyondTheSpreadAreARegression() {
        let old = Spread([100, 101, 99])
        let new = Spread([88, 89, 87])
        #expect(rule.classify(old: old, new: new, higherIsBetter: true) == .regression)
        // The same change is an improvement for a figure where lower is better (latency, memory).
        #expect(rule.classify(old: old, new: new, higherIsBetter: false) == .improvement)
    }

    @Test func overlappingTrialsAreNoiseWhateverTheMedians() {
        // Medians 10% apart, but one NEW trial is inside OLD's range.
        #expect(rule.classify(old: Spread([100, 102, 98]), new: Spread([90, 91, 99]), higherIsBetter: true) == .noise)
    }

    @Test func aChangeSmallerThanThreeMADsIsNoiseEvenWhenDisjoint() {
        // Relative MADs about 2%; a 5% change with disjoint ranges is still inside 3 × 2%.
        let old = Spread([100, 102, 98, 104, 96])
        let new = Spread([94.5, 95, 93, 92.5, 95.5])
        #expect(old.max < 105 && new.max < old.min)
        #expect(rule.threshold(old, new) > 0.05)
        #expect(rule.classify(old: old, new: new, higherIsBetter: true) == .noise)
    }

    @Test func changesUnderTheMinimumEffectAreNoise() {
        // Perfectly tight trials: ranges disjoint, MAD zero, change 0.5%.
        #expect(
            rule.classify(old: Spread([1000, 1000, 1000]), new: Spread([995, 995, 995]), higherIsBetter: true) == .noise
        )
        #expect(
            rule.classify(old: Spread([1000, 1000, 1000]), new: Spread([980, 980, 980]), higherIsBetter: true)
                == .regression)
    }

    @Test func oneTrialCannotBeJudged() {
        let outcome = rule.classify(old: Spread([100]), new: Spread([50, 51]), higherIsBetter: true)
        guard case .unknown(let why) = outcome else {
            Issue.record("expected .unknown, got \(outcome)")
            return
        }
        #expect(why.contains("1 trial"))
    }

    @Test func regressedFixtureIsFlaggedAndFailsTheGate() throws {
        let c = Comparison(old: try fixture("compare-old.json"), new: try fixture("compare-new-regressed.json"))
        let flagged = c.regressions.map { "\($0.row.contender) \($0.row.test.rawValue) \($0.change.metric.rawValue)" }
        #expect(Set(flagged) == ["rust json req/s", "rust json p99"])
        let rps = try #require(c.regressions.first { $0.change.metric == .requestsPerSecond })
        #expect(abs((rps.change.relativeChange ?? 0) + 0.12) < 0.01)
        #expect(!c.failures(worseThan: 5).isEmpty)
        // A looser gate than the regression lets the req/s drop (12%) through, not the p99 rise (48%).
        #expect(c.failures(worseThan: 20).count == 1)
        #expect(c.failures(worseThan: 60).isEmpty)
        #expect(c.improvements.isEmpty)
    }

    @Test func noiseFixtureIsNotFlagged() throws {
        let c = Comparison(old: try fixture("compare-old.json"), new: try fixture("compare-new-noise.json"))
        #expect(c.rows.count == 4)
        #expect(c.regressions.isEmpty)
        #expect(c.improvements.isEmpty)
        #expect(c.failures(worseThan: 0).isEmpty)
        // Figures did move: the rule, not identical inputs, kept them unflagged.
        #expect(c.rows.flatMap(\.changes).contains { abs($0.relativeChange ?? 0) > 0.005 })
    }

    @Test func matchingLevelsComparesEveryCommonLabel() throws {
        let c = Comparison(
            old: try fixture("compare-old.json"), new: try fixture("compare-new-regressed.json"), matching: .matching)
        #expect(c.rows.filter { $0.test == .json }.map(\.newLevel).sorted() == ["c=256", "c=256", "c=64", "c=64"])
        #expect(c.regressions.filter { $0.row.test == .json }.count == 4)
    }

    @Test func bestLevelIsComparedAtTheSameLabelInBothRuns() throws {
        let old = try fixture("compare-old.json")
        var new = old
        // In NEW, rust's c=256 level becomes the fastest: p99 must still be compared at OLD's best level.
        let json = try #require(new.contenders[0].tests.firstIndex { $0.test == .json })
        let c256 = try #require(new.contenders[0].tests[json].levels.firstIndex { $0.label == "c=256" })
        for t in new.contenders[0].tests[json].levels[c256].trials.indices {
            new.contenders[0].tests[json].levels[c256].trials[t].load.requestsPerSecond *= 1.5
        }
        new.contenders[0].tests[json].levels[c256].summarize()
        #expect(new.contenders[0].tests[json].summaryLevel?.label == "c=256")
        let row = try #require(Comparison(old: old, new: new).rows.first { $0.contender == "rust" && $0.test == .json })
        #expect(row.oldLevel == "c=64" && row.newLevel == "c=64")
        #expect(row.changes.allSatisfy { $0.outcome == .noise })
    }

    @Test func aContenderThatFailedInNewFailsTheGate() throws {
        let old = try fixture("compare-old.json")
        var new = try fixture("compare-new-noise.json")
        new.contenders[1].status = .buildFailed
        new.contenders[1].failure = "go build exited with status 1"
        new.contenders[1].tests = []
        let c = Comparison(old: old, new: new)
        #expect(c.gaps.filter(\.failedInNew).count == 2)
        #expect(c.failures(worseThan: 50).contains { $0.contains("go json") && $0.contains("build failed") })
        #expect(CompareReport.text(c, failOn: 50).contains("FAILED"))
    }

    @Test func differentMachinesAreWarned() throws {
        let old = try fixture("compare-old.json")
        var new = try fixture("compare-new-noise.json")
        new.environment.cpuModel = "Intel Xeon E-2288G"
        let c = Comparison(old: old, new: new)
        #expect(c.warnings.contains { $0.contains("different machines") })
        #expect(CompareReport.markdown(c).contains("**Warning:**"))
    }

    func fixture(_ name: String) throws -> RunResults { try ResultsCoding.readResults(at: Repo.fixture(name)) }
}
