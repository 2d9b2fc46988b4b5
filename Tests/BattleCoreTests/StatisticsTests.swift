import Testing

@testable import BattleCore

@Suite struct StatisticsTests {
    @Test func medianAndQuantiles() {
        #expect(Statistics.median([3, 1, 2]) == 2)
        #expect(Statistics.median([4, 1, 2, 3]) == 2.5)
        #expect(Statistics.median([]) == 0)
        #expect(Statistics.quantile([1, 2, 3, 4, 5], 0.25) == 2)
        #expect(Statistics.quantile([10, 20], 1.0) == 20)
    }

    @Test func spreadUsesTheMedianAbsoluteDeviation() {
        let s = Spread([100, 110, 90, 100, 300])
        #expect(s.median == 100)
        #expect(s.min == 90)
        #expect(s.max == 300)
        #expect(abs(s.relativeMAD - 0.1) < 1e-12)  // deviations 0,10,10,0,200 -> MAD 10
    }

    @Test func modifiedZScoreFlagsOnlyTheOutlier() {
        let z = Statistics.modifiedZScores([10, 10.5, 9.5, 10, 30])
        #expect(z.filter { abs($0) > 3.5 }.count == 1)
        #expect(abs(z[4]) > 3.5)
    }

    @Test func standardDeviationIsTheSampleOne() {
        #expect(abs(Statistics.standardDeviation([2, 4, 4, 4, 5, 5, 7, 9]) - 2.138089935) < 1e-6)
        #expect(Statistics.standardDeviation([5]) == 0)
    }
}
