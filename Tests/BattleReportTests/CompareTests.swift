import BattleCore
import BattleVerdict
import Foundation
import Testing

@testable import BattleReport

@Suite("battle compare: the noise rule and comparisons")
struct CompareTests {
    let rule = NoiseRule.standard

    func judge(_ old: [Double], _ new: [Double], higherIsBetter: Bool = true) -> NoiseRule.Outcome {
        rule.judge(old: old, new: new, spread: NoiseRule.pooledSpread([old, new]), higherIsBetter: higherIsBetter)
            .outcome
    }

    @Test func aClearDropIsARegressionAndForLowerIsBetterAnImprovement() {
        let old = [100.0, 101, 99]
        let new = [88.0, 89, 87]
        #expect(judge(old, new) == .regression)
        // The same change is an improvement for a figure where lower is better (latency, memory).
        #expect(judge(old, new, higherIsBetter: false) == .improvement)
        let j = rule.judge(old: old, new: new, spread: 0.01, higherIsBetter: true)
        #expect((j.interval?.high ?? 1) < 0.97 && (j.interval?.low ?? 0) > 0.8)
    }

    @Test func spreadTrialsAreNoiseWhateverTheMedians() {
        // Medians 10% apart, but the trials spread over 10% too.
        #expect(judge([100, 102, 98], [90, 91, 99]) == .noise)
        // Two trials a side 6% apart with 5% spread: the interval reaches no change.
        #expect(judge([100, 106], [94, 100]) == .noise)
    }

    @Test func changesUnderTheMinimumEffectAreNoise() {
        // Perfectly tight trials: a 0.5% change never clears the 3% minimum effect; 8% does.
        #expect(judge([1000, 1000, 1000], [995, 995, 995]) == .noise)
        #expect(judge([1000, 1000, 1000], [920, 920, 920]) == .regression)
    }

    @Test func oneTrialCannotBeJudged() {
        let outcome = judge([100], [50, 51])
        guard case .unknown(let why) = outcome else {
            Issue.record("expected .unknown, got \(outcome)")
            return
        }
        #expect(why.contains("1 trial"))
    }

    /// The false-positive rate: figures of two runs drawn from one distribution
    /// (2 or 3 trials, 5% relative spread) are called significant for at most
    /// about 1 in 100; a real 12% change at that noise is found most of the time.
    @Test func pairsFromOneDistributionAreRarelyCalledSignificant() {
        var rng = SplitMix64(seed: 99)
        func trials(_ n: Int, _ center: Double) -> [Double] {
            (0..<n).map { _ in center * exp(0.05 * Resampler.normal(&rng)) }
        }
        var falsePositives = 0
        var found = 0
        let figures = 400
        let fast = NoiseRule(resamples: 400)
        for k in 0..<figures {
            let n = 2 + k % 2
            let groups = (0..<8).map { _ in trials(n, 1000) }  // the pooled spread comes from many figures
            let spread = NoiseRule.pooledSpread(groups)
            let a = trials(n, 1000)
            let b = trials(n, 1000)
            if fast.judge(old: a, new: b, spread: spread, higherIsBetter: true).outcome != .noise {
                falsePositives += 1
            }
            let c = trials(n, 880)
            if fast.judge(old: a, new: c, spread: spread, higherIsBetter: true).outcome == .regression { found += 1 }
        }
        #expect(falsePositives <= 6, "\(falsePositives) of \(figures) same-distribution figures called significant")
        #expect(found >= figures / 3, "a real 12% drop found in \(found) of \(figures)")
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

    @Test func differentTiersAreWarned() throws {
        let old = try fixture("compare-old.json")
        var new = try fixture("compare-new-noise.json")
        // A file written before tiers counts as idiomatic: no warning.
        for i in new.contenders.indices { new.contenders[i].tier = .idiomatic }
        #expect(!Comparison(old: old, new: new).warnings.contains { $0.contains("tiers") })
        new.contenders[0].tier = .tuned
        let w = Comparison(old: old, new: new).warnings
        #expect(
            w.contains { $0.hasPrefix("The runs measured different tiers (OLD idiomatic, NEW idiomatic and tuned)") },
            "\(w)")
    }

    func fixture(_ name: String) throws -> RunResults { try ResultsCoding.readResults(at: Repo.fixture(name)) }
}
