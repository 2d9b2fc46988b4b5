import BattleCore
import Foundation
import Testing

@testable import BattleVerdict

/// The bootstrap: resamples that are reproducible, intervals that cover, a
/// winner only when the evidence separates it, and two copies of one
/// contender tied.
@Suite struct UncertaintyTests {
    /// A contender measured on db and json in `trials` trials drawn around the
    /// given figures with a relative noise, with builds and starts of its own.
    static func noisy(
        _ name: String, language: String, perCPU: Double, p99: Double, rss: Int, trials: Int, noise: Double,
        rng: inout SplitMix64
    ) -> ContenderResult {
        func jitter() -> Double { 1 + noise * (2 * Double(rng.next() >> 11) / Double(1 << 53) - 1) }
        var tests: [TestResult] = []
        for test in [SuiteTest.json, .db] {
            var level = LevelResult(label: "rate=1000/s", connections: 64, rate: 1000, kind: .equalRate)
            for i in 0..<trials {
                var t = Synthetic.trial(rps: 1000, perCPU: perCPU * jitter(), p99: p99 * jitter(), rss: rss)
                t.trial = i + 1
                level.trials.append(t)
            }
            level.summarize()
            tests.append(TestResult(test: test, levels: [level]))
        }
        let starts = (0..<5).map { _ in 0.012 * jitter() }
        return Synthetic.contender(
            name, language: language, tests: tests,
            build: BuildRecord(
                cleanSeconds: 30 * jitter(), incrementalSeconds: 2 * jitter(), binaryBytes: 1 << 20, linesOfCode: 900),
            startup: StartupRecord(secondsToReady: Statistics.median(starts), idleRSSBytes: rss, samples: starts))
    }

    static let everyCriterion: [Criterion: Double] = Dictionary(
        uniqueKeysWithValues: Criterion.allCases.map { ($0, 1.0) })

    @Test func resamplesAreReproducibleAndStayWithinTheTrials() {
        var rng = SplitMix64(seed: 7)
        let r = Synthetic.run([
            Self.noisy("a", language: "zed", perCPU: 5000, p99: 900, rss: 30 << 20, trials: 5, noise: 0.2, rng: &rng)
        ])
        var g1 = SplitMix64(seed: 42)
        var g2 = SplitMix64(seed: 42)
        let resampler = Resampler(r)
        let x = resampler.resample(r, using: &g1)
        let y = resampler.resample(r, using: &g2)
        #expect(x == y)
        // The pooled spread of the trials' p99 (±20% uniform noise: about 11.5% relative).
        #expect(resampler.spread.latency > 0.05 && resampler.spread.latency < 0.2, "\(resampler.spread)")
        #expect(resampler.spread.throughput == Resampler.minimumSpread)  // no peak level
        // Each drawn trial is one of the level's trials, scaled by a factor of about that spread.
        let original = r.contenders[0].tests[0].levels[0].trials.compactMap(\.load.latency.p99)
        let drawn = x.contenders[0].tests[0].levels[0].trials.compactMap(\.load.latency.p99)
        #expect(drawn.count == 5)
        #expect(drawn.allSatisfy { d in original.contains { o in abs(log(d / o)) < 5 * resampler.spread.latency } })
        // Single samples get a spread; lines of code do not.
        #expect(x.contenders[0].build?.cleanSeconds != r.contenders[0].build?.cleanSeconds)
        #expect(x.contenders[0].build?.linesOfCode == 900)
    }

    @Test func intervalsHoldTheMiddleOfTheSample() throws {
        let values = (1...1000).map(Double.init)
        let i = try #require(Interval(values))
        #expect(abs(i.low - 26) <= 1 && abs(i.high - 975) <= 1)
        #expect(Interval([]) == nil)
        #expect(Interval([3]) == Interval(low: 3, high: 3))
        // The bootstrap of a median of a normal sample: its interval covers the true median.
        var rng = SplitMix64(seed: 3)
        let sample = (0..<200).map { _ in 10 + 2 * (Resampler.normalFactor(1, &rng) - 1) }
        let medians = (0..<500).map { _ in Statistics.median(sample.indices.map { _ in sample[rng.int(in: 0...199)] }) }
        let m = try #require(Interval(medians))
        #expect(m.contains(10) && m.high - m.low < 1)
    }

    /// A/A: one contender's figures twice, from the same distribution, under two names, tie on every profile.
    @Test func twoCopiesOfOneContenderAreTiedOnEveryProfile() throws {
        var rng = SplitMix64(seed: 11)
        let a = Self.noisy("go", language: "zed", perCPU: 6000, p99: 1200, rss: 20 << 20, trials: 2, noise: 0.1, rng: &rng)
        let b = Self.noisy("go2", language: "zed", perCPU: 6000, p99: 1200, rss: 20 << 20, trials: 2, noise: 0.1, rng: &rng)
        let r = Synthetic.run([a, b])
        for weights in [Self.everyCriterion, [.throughputPerCore: 1], [.tailLatency: 2, .startupTime: 1], [.buildTime: 1]] {
            let v = Synthetic.verdict(r, weights)
            guard let u = v.uncertainty else {
                Issue.record("\(weights): no uncertainty; notes \(v.notes)")
                continue
            }
            #expect(!u.clearWinner, "\(weights): \(u.firstShares)")
            #expect(v.ranking.allSatisfy { $0.rank == 1 }, "\(weights): \(v.ranking.map { ($0.candidate.name, $0.rank) })")
            #expect(v.reasons.first?.hasPrefix("No clear winner between") == true, "\(v.reasons.first ?? "")")
        }
        // And on every built-in profile.
        for profile in Builtin.profiles.profiles {
            let v = VerdictBuilder.build(r, dataset: Synthetic.dataset, profile: profile, cost: CostOptions(prices: Synthetic.prices))
            #expect(v.uncertainty?.clearWinner == false, "\(profile.id): \(v.uncertainty?.firstShares ?? [:])")
        }
    }

    /// A contender twice as efficient, with little noise, is a clear winner, with the ratio's interval in the reason.
    @Test func aRealDifferenceIsAClearWinnerWithIntervals() throws {
        var rng = SplitMix64(seed: 5)
        let fast = Self.noisy("fast", language: "zed", perCPU: 12_000, p99: 600, rss: 20 << 20, trials: 3, noise: 0.05, rng: &rng)
        let slow = Self.noisy("slow", language: "zed", perCPU: 6_000, p99: 1200, rss: 20 << 20, trials: 3, noise: 0.05, rng: &rng)
        let v = Synthetic.verdict(Synthetic.run([slow, fast]), [.throughputPerCore: 1])
        guard let u = v.uncertainty else {
            Issue.record("no uncertainty; notes \(v.notes)")
            return
        }
        #expect(u.clearWinner)
        #expect((u.firstShares["fast"] ?? 0) >= 0.99)
        #expect(v.ranking.map(\.rank) == [1, 2])
        let ratio = try #require(u.ratios["throughput-per-core/json"])
        #expect(ratio.low > 1.7 && ratio.high < 2.3, "\(ratio)")
        #expect(v.reasons.first?.contains("is first in 100% of 400 resamples") == true, "\(v.reasons)")
        #expect(v.reasons.contains { $0.contains("× , 95%") || $0.contains("×, 95%)") }, "\(v.reasons)")
        // The same seed gives the same verdict.
        #expect(Synthetic.verdict(Synthetic.run([slow, fast]), [.throughputPerCore: 1]).uncertainty == u)
    }

    /// The A/A rule is not luck: over many pairs of copies drawn from one
    /// distribution, a "clear winner" is called rarely (the rule's false-positive rate).
    @Test func aaPairsRarelyNameAWinner() {
        var winners = 0
        let pairs = 40
        for seed in 0..<pairs {
            var rng = SplitMix64(seed: UInt64(1000 + seed))
            let a = Self.noisy("a", language: "zed", perCPU: 6000, p99: 1200, rss: 20 << 20, trials: 2, noise: 0.1, rng: &rng)
            let b = Self.noisy("b", language: "zed", perCPU: 6000, p99: 1200, rss: 20 << 20, trials: 2, noise: 0.1, rng: &rng)
            let v = VerdictBuilder.build(
                Synthetic.run([a, b]), dataset: Synthetic.dataset, profile: Synthetic.profile([.throughputPerCore: 1, .tailLatency: 1]),
                cost: CostOptions(prices: Synthetic.prices), resamples: 200)
            if v.uncertainty?.clearWinner == true { winners += 1 }
        }
        #expect(winners <= 2, "\(winners) of \(pairs) A/A pairs named a winner")
    }
}
