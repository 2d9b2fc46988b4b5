import BattleCore
import Histogram
import Testing

/// The merge rule for several load agents (issue 20): the same request
/// latencies recorded by one agent, or split over four, give identical
/// histograms, corrected and uncorrected, in total and per interval.
@Suite struct HistogramMergeTests {
    /// A reproducible spread of latencies in microseconds (1 µs to ~2 s, heavy tail).
    static func latencies(_ count: Int, seed: UInt64 = 7) -> [UInt64] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let u = Double(state >> 11) / Double(1 << 53)
            return UInt64(50 + 200 * (1 / max(1 - u, 1e-4) - 1))
        }
    }

    static func empty() -> Histogram<UInt64> {
        Histogram<UInt64>(
            lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
    }

    static func expectSamePercentiles(_ a: Histogram<UInt64>, _ b: Histogram<UInt64>) {
        #expect(a == b)
        #expect(a.totalCount == b.totalCount && a.min == b.min && a.max == b.max)
        var p = 0.0
        while p <= 100 {
            #expect(a.valueAtPercentile(p) == b.valueAtPercentile(p), "p\(p)")
            p += 0.1
        }
        for p in [99.9, 99.99, 99.999] { #expect(a.valueAtPercentile(p) == b.valueAtPercentile(p), "p\(p)") }
    }

    @Test func oneAgentOrFourGiveTheSameHistogramCorrectedAndUncorrected() throws {
        let values = Self.latencies(200_000)
        var one = Self.empty()
        var oneCorrected = Self.empty()
        var four = Array(repeating: Self.empty(), count: 4)
        var fourCorrected = four
        for (i, v) in values.enumerated() {
            one.record(v)
            oneCorrected.recordCorrectedValue(v, expectedInterval: 1_000)
            four[i % 4].record(v)
            fourCorrected[i % 4].recordCorrectedValue(v, expectedInterval: 1_000)
        }
        let merged = try HistogramMerge.total(four)
        Self.expectSamePercentiles(merged, one)
        let mergedCorrected = try HistogramMerge.total(fourCorrected)
        Self.expectSamePercentiles(mergedCorrected, oneCorrected)
        #expect(mergedCorrected.totalCount > merged.totalCount, "the corrected view is kept apart")
        // Averaging the agents' p99 would not give the whole's p99 for an uneven split.
        var uneven = [Self.empty(), Self.empty()]
        for (i, v) in values.enumerated() { uneven[i < 180_000 ? 0 : 1].record(v > 2_000 && i >= 180_000 ? v : v / 2) }
        let averaged = (uneven[0].valueAtPercentile(99) + uneven[1].valueAtPercentile(99)) / 2
        #expect(averaged != (try HistogramMerge.total(uneven)).valueAtPercentile(99))
    }

    @Test func intervalsAlignOnT0AcrossClockOffsets() throws {
        let values = Self.latencies(40_000, seed: 11)
        // 4 one-second intervals; request k happens at k / 10_000 s.
        var single = Array(repeating: Self.empty(), count: 4)
        var perAgent = Array(repeating: Array(repeating: Self.empty(), count: 4), count: 4)
        for (k, v) in values.enumerated() {
            single[k / 10_000].record(v)
            perAgent[k % 4][k / 10_000].record(v)
        }
        let t0 = 1_800_000_000.0
        // Each agent's log starts at its own time (50 ms apart, as its clock and start barrier left it)
        // and its intervals start that much earlier on its own log's clock.
        let logs = (0..<4).map { a in
            let start = t0 + 0.05 * Double(a)
            return HistogramMerge.AgentLog(
                agent: a, startTime: start,
                entries: (0..<4).map { i in
                    HistogramLog.Entry(start: Double(i) - 0.05 * Double(a), length: 1, histogram: perAgent[a][i])
                })
        }
        let merged = try HistogramMerge.intervals(logs, t0: t0, intervalSeconds: 1)
        #expect(merged.map(\.start) == [0, 1, 2, 3])
        for i in 0..<4 { Self.expectSamePercentiles(merged[i].histogram, single[i]) }
    }

    @Test func aDifferentLayoutIsRefusedBeforeAnythingIsAdded() {
        var a = Self.empty()
        a.record(100)
        var b = Histogram<UInt64>(
            lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .two)
        b.record(100)
        #expect(throws: HistogramMerge.MergeError.self) { try HistogramMerge.total([a, b]) }
        do {
            _ = try HistogramMerge.total([a, b])
        } catch {
            #expect(
                error.description.hasPrefix(
                    "agent 1's histogram layout (lowest 1, highest 60000000, 2 significant digits) differs"))
        }
        #expect(throws: HistogramMerge.MergeError.noAgents) { try HistogramMerge.total([]) }
    }

    @Test func anIntervalOffTheGridIsRefused() {
        let log = HistogramMerge.AgentLog(
            agent: 2, startTime: 100.375, entries: [HistogramLog.Entry(start: 0, length: 1, histogram: Self.empty())])
        #expect(throws: HistogramMerge.MergeError.misaligned(agent: 2, start: 0.375, offBy: 0.375)) {
            try HistogramMerge.intervals([log], t0: 100, intervalSeconds: 1)
        }
    }
}
