import BattleCore
import Histogram
import Testing

@testable import BattleLoad

@Suite("Interval recording and merging")
struct IntervalCollectorTests {
    static let ms: UInt64 = 1_000_000

    @Test("a loop's intervals close on the first response past their end, empty ones included")
    func recorderRolls() {
        var r = IntervalRecorder(length: 100 * Self.ms, windowStart: 1_000 * Self.ms, openLoop: true)
        r.record(500, uncorrected: 400, now: 1_010 * Self.ms)
        r.record(700, uncorrected: 600, now: 1_099 * Self.ms)
        r.failed()
        r.record(900, uncorrected: 800, now: 1_350 * Self.ms)  // closes [1000,1100), [1100,1200) and [1200,1300)
        var closed = r.take()
        #expect(closed.map(\.index) == [0, 1, 2])
        #expect(closed.map(\.requests) == [2, 0, 0])
        #expect(closed.map(\.errors) == [1, 0, 0])
        #expect(closed[0].latency?.totalCount == 2 && closed[0].uncorrected?.max == 600)
        #expect(closed[1].latency == nil)
        #expect(closed[2].start == 1_200 * Self.ms && closed[2].end == 1_300 * Self.ms)
        #expect(r.take().isEmpty, "handed over once")
        r.finish(at: 1_320 * Self.ms + 5)  // the window ends inside interval 3
        closed = r.take()
        #expect(closed.map(\.index) == [3])
        #expect(closed[0].end == 1_320 * Self.ms + 5 && closed[0].latency?.totalCount == 1)
    }

    func figures(_ index: Int, values: [UInt64], requests: Int? = nil) -> IntervalCounts {
        var h = LatencyHistogram.make()
        for v in values { h.record(v) }
        return IntervalCounts(
            index: index, start: UInt64(index) * 100 * Self.ms, end: UInt64(index + 1) * 100 * Self.ms,
            latency: values.isEmpty ? nil : h, uncorrected: nil, requests: requests ?? values.count, errors: 0)
    }

    @Test("loops' intervals of one index are merged, handed out in order once every running loop closed them")
    func collectorWaitsForEveryLoop() {
        var c = IntervalCollector(loops: 2, openLoop: false)
        c.receive(loop: 0, [figures(0, values: [100]), figures(1, values: [200])], finished: false)
        #expect(c.ready().isEmpty, "loop 1 has closed nothing yet")
        c.receive(loop: 1, [figures(0, values: [300, 400])], finished: false)
        let first = c.ready()
        #expect(first.map(\.index) == [0])
        #expect(first[0].requests == 3 && first[0].latency.totalCount == 3)
        #expect(first[0].startSeconds == 0 && abs(first[0].seconds - 0.1) < 1e-9)
        #expect(c.ready().isEmpty, "interval 1 waits for loop 1")
        // A loop that is done no longer holds the others back.
        c.receive(loop: 1, [], finished: true)
        #expect(c.ready().map(\.index) == [1])
        c.receive(loop: 0, [figures(2, values: [])], finished: true)
        let last = c.drain()
        #expect(last.map(\.index) == [2])
        #expect(last[0].latency.totalCount == 0 && last[0].uncorrected == nil)
    }
}
