import Testing

@testable import BattleLoad

@Suite("Event-loop timers")
struct TimerQueueTests {
    @Test("entries come out by deadline, ties in scheduling order")
    func order() {
        var q = TimerQueue<String>()
        q.schedule(at: 30, "c")
        q.schedule(at: 10, "a1")
        q.schedule(at: 20, "b")
        q.schedule(at: 10, "a2")
        #expect(q.nextDeadline == 10)
        var out: [String] = []
        while let p = q.popDue(now: 100) { out.append(p) }
        #expect(out == ["a1", "a2", "b", "c"])
        #expect(q.count == 0)
        #expect(q.nextDeadline == nil)
    }

    @Test("nothing is due before its deadline")
    func notYet() {
        var q = TimerQueue<Int>()
        q.schedule(at: 50, 1)
        #expect(q.popDue(now: 49) == nil)
        #expect(q.popDue(now: 50) == 1)
    }

    @Test("a cancelled entry never fires and no longer sets the next deadline")
    func cancel() {
        var q = TimerQueue<Int>()
        let first = q.schedule(at: 5, 1)
        q.schedule(at: 9, 2)
        q.cancel(first)
        #expect(q.count == 1)
        #expect(q.nextDeadline == 9)
        #expect(q.popDue(now: 100) == 2)
        #expect(q.popDue(now: 100) == nil)
        q.cancel(first)  // already gone: a no-op
        #expect(q.count == 0)
    }

    @Test("a thousand random deadlines come out sorted")
    func heapProperty() {
        var q = TimerQueue<UInt64>()
        var rng = SystemRandomNumberGenerator()
        var ids: [(TimerQueue<UInt64>.ID, UInt64)] = []
        for _ in 0..<1000 {
            let d = UInt64.random(in: 0..<10_000, using: &rng)
            ids.append((q.schedule(at: d, d), d))
        }
        var cancelled = Set<UInt64>()
        for (id, d) in ids.prefix(100) {
            q.cancel(id)
            cancelled.insert(d)
        }
        var out: [UInt64] = []
        while let d = q.popDue(now: .max) { out.append(d) }
        #expect(out.count == 900)
        #expect(out == out.sorted())
    }
}
