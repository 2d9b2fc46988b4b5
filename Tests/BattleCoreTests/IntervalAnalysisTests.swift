import Testing

@testable import BattleCore

@Suite struct IntervalAnalysisTests {
    /// A series of 1 s intervals with maximum `base` except where `spikes` says.
    static func series(_ count: Int, base: Double = 500, spikes: [Int: Double] = [:]) -> [LoadInterval] {
        (0..<count).map { i in
            let m = spikes[i] ?? base
            return LoadInterval(
                startSeconds: Double(i), seconds: 1, requests: 500, errors: 0, p50Micros: base / 5, p99Micros: m / 2,
                p999Micros: m * 0.9, maxMicros: m)
        }
    }

    @Test func findsARegularPeriod() throws {
        let s = Self.series(30, spikes: [3: 40_000, 8: 38_000, 13: 45_000, 18: 41_000, 23: 39_000, 28: 42_000])
        let p = try #require(PeriodicStalls.detect(s))
        #expect(p.periodSeconds == 5)
        #expect(p.spikeStarts == [3, 8, 13, 18, 23, 28])
        #expect(p.baselineMicros == 500)
        #expect(p.typicalSpikeMicros == 40_500)
    }

    @Test func quantisedGapsStillCount() throws {
        // A 2.5 s period seen through 1 s intervals: gaps of 2 and 3.
        let s = Self.series(20, spikes: [2: 9_000, 5: 9_000, 7: 9_000, 10: 9_000, 12: 9_000, 15: 9_000])
        let p = try #require(PeriodicStalls.detect(s))
        #expect(abs(p.periodSeconds - 2.6) < 1e-9)
    }

    @Test func aSpikeOverTwoIntervalsCountsOnce() throws {
        let s = Self.series(20, spikes: [4: 9_000, 5: 9_000, 9: 9_000, 14: 9_000, 15: 9_000, 19: 9_000])
        let p = try #require(PeriodicStalls.detect(s))
        #expect(p.spikeStarts == [4, 9, 14, 19])
        #expect(p.periodSeconds == 5)
    }

    @Test func irregularOrTooFewSpikesAreNotPeriodic() {
        #expect(
            PeriodicStalls.detect(Self.series(30, spikes: [2: 9_000, 3: 500, 4: 9_000, 20: 9_000, 27: 9_000])) == nil)
        #expect(PeriodicStalls.detect(Self.series(30, spikes: [5: 9_000, 15: 9_000])) == nil)
        // Steady latency: no spike at all.
        #expect(PeriodicStalls.detect(Self.series(30)) == nil)
        // Small wobbles below the floor (1 ms above the median) are not stalls.
        #expect(PeriodicStalls.detect(Self.series(30, base: 100, spikes: [3: 900, 8: 900, 13: 900, 18: 900])) == nil)
    }

    /// A busy machine's few-millisecond hiccups beside 300 ms stalls every
    /// 5 s (as the probe test saw once): the stalls' period is still found.
    @Test func smallHiccupsDoNotBlurALargePeriodicStall() throws {
        let s = Self.series(
            20, base: 500,
            spikes: [0: 4_400, 1: 4_500, 3: 300_000, 4: 2_500, 8: 299_000, 10: 4_300, 13: 299_500, 18: 300_000])
        let p = try #require(PeriodicStalls.detect(s))
        #expect(p.spikeStarts == [3, 8, 13, 18])
        #expect(p.periodSeconds == 5)
        // The hiccups alone are not periodic.
        #expect(PeriodicStalls.detect(Self.series(20, spikes: [0: 4_400, 1: 4_500, 4: 2_500, 12: 4_300])) == nil)
    }

    @Test func emptyIntervalsAreSkipped() throws {
        var s = Self.series(20, spikes: [2: 9_000, 7: 9_000, 12: 9_000, 17: 9_000])
        s[4].requests = 0
        s[4].maxMicros = 0
        #expect(try #require(PeriodicStalls.detect(s)).periodSeconds == 5)
    }

    @Test func largestP99Jump() throws {
        var s = Self.series(5)
        s[1].p99Micros = 300
        s[2].p99Micros = 2_000
        s[3].p99Micros = 2_500
        s[4].p99Micros = 100
        let j = try #require(IntervalJump.largestP99(s))
        #expect(j.atSeconds == 2)
        #expect(j.fromMicros == 300)
        #expect(j.toMicros == 2_000)
        #expect(IntervalJump.largestP99(Array(s.prefix(1))) == nil)
        #expect(IntervalJump.largestP99([s[3], s[4]]) == nil)
    }
}
