import Histogram
import Testing

@testable import BattleCore

@Suite("The bounded interval series")
struct IntervalSeriesTests {
    static func histogram(_ values: [UInt64]) -> Histogram<UInt64> {
        var h = LatencyHistogram.make()
        for v in values { h.record(v) }
        return h
    }

    @Test("one entry per interval, with the interval's own percentiles; empty intervals are zeros")
    func entries() {
        var s = IntervalSeries(expectedIntervals: 3)
        s.add(
            start: 0, seconds: 1, histogram: Self.histogram(Array(repeating: 100, count: 99) + [5_000]), requests: 100,
            errors: 1)
        s.add(start: 1, seconds: 1, histogram: LatencyHistogram.make(), requests: 0, errors: 4)
        s.add(start: 2, seconds: 0.5, histogram: Self.histogram([300]), requests: 1, errors: 0)
        let e = s.finish()
        #expect(e.map(\.startSeconds) == [0, 1, 2])
        #expect(e.map(\.seconds) == [1, 1, 0.5])
        #expect(e.map(\.requests) == [100, 0, 1])
        #expect(e.map(\.errors) == [1, 4, 0])
        #expect(e[0].p50Micros == 100 && e[0].p99Micros == 100)
        #expect(e[0].p999Micros >= 4_995 && e[0].maxMicros >= 4_995 && e[0].maxMicros <= 5_005)
        #expect(
            e[1]
                == LoadInterval(
                    startSeconds: 1, seconds: 1, requests: 0, errors: 4, p50Micros: 0, p99Micros: 0, p999Micros: 0,
                    maxMicros: 0))
        #expect(e[2].maxMicros == 300)
    }

    @Test("a known long run merges consecutive intervals as histograms, exactly, within the cap")
    func knownLength() {
        var s = IntervalSeries(expectedIntervals: 25, cap: 10)
        #expect(s.step == 3)
        for i in 0..<25 {
            // One slow interval: its spike survives the merge, and p50 is the merged one.
            s.add(
                start: Double(i), seconds: 1, histogram: Self.histogram(i == 7 ? [90_000] : [100, 100]), requests: 2,
                errors: 0)
        }
        let e = s.finish()
        #expect(e.count == 9)  // 8 of 3 intervals and a last one of 1
        #expect(e.map(\.startSeconds) == [0, 3, 6, 9, 12, 15, 18, 21, 24])
        #expect(e[2].seconds == 3 && e[2].requests == 6)
        #expect(e[2].maxMicros >= 89_900 && e[2].p50Micros == 100)
        #expect(e.last!.seconds == 1)
    }

    @Test("an unknown length folds pairwise when full, keeping the larger figures, never above the cap")
    func unknownLength() {
        var s = IntervalSeries(expectedIntervals: nil, cap: 4)
        for i in 0..<9 {
            s.add(
                start: Double(i), seconds: 1, histogram: Self.histogram([UInt64(100 + i)]), requests: 1,
                errors: i == 1 ? 1 : 0)
            #expect(s.entries.count <= 4)
        }
        let e = s.finish()
        #expect(e.count <= 4)
        #expect(e.reduce(0) { $0 + $1.requests } == 9)
        #expect(e.reduce(0) { $0 + $1.errors } == 1)
        #expect(e[0].startSeconds == 0 && e[0].seconds == 4 && e[0].maxMicros == 103)
        #expect(zip(e.dropLast(), e.dropFirst()).allSatisfy { $0.startSeconds + $0.seconds == $1.startSeconds })
        #expect(e.last!.startSeconds + e.last!.seconds == 9)
    }
}
