import Testing

@testable import BattleLoad

@Suite("Open-loop pacer")
struct PacerTests {
    @Test("planned times follow start + k / rate")
    func schedule() {
        var p = Pacer(rate: 1000, start: 5_000_000)
        #expect(p.planned(0) == 5_000_000)
        #expect(p.planned(3) == 8_000_000)
        #expect(!p.isDue(4_999_999))
        #expect(p.isDue(5_000_000))
        #expect(p.take() == 5_000_000)
        #expect(p.nextPlanned == 6_000_000)
    }

    @Test("the backlog is everything due and not taken")
    func backlog() {
        var p = Pacer(rate: 1000, start: 0)
        #expect(p.dueCount(9_500_000) == 10)
        for _ in 0..<4 { _ = p.take() }
        #expect(p.dueCount(9_500_000) == 6)
        #expect(p.dueCount(0) == 0)
    }

    @Test("loops interleave into one even schedule")
    func interleave() {
        let loops = (0..<3).map { Pacer(rate: 3000, loopIndex: $0, loopCount: 3, start: 0) }
        var all: [UInt64] = []
        for p in loops { for k in 0..<100 { all.append(p.planned(k)) } }
        all.sort()
        let gaps = zip(all.dropFirst(), all).map { $0 - $1 }
        #expect(gaps.allSatisfy { (333_332...333_334).contains($0) })
    }

    @Test("a limit ends the schedule")
    func limit() {
        var p = Pacer(rate: 100, start: 0, limit: 3)
        for _ in 0..<3 { _ = p.take() }
        #expect(p.isFinished)
        #expect(p.nextPlanned == nil)
        #expect(!p.isDue(.max - 1))
    }

    @Test("counting planned requests in a window")
    func counting() {
        let p = Pacer(rate: 1000, start: 1_000_000)
        #expect(p.count(plannedFrom: 0, to: 1_000_000) == 0)
        #expect(p.count(plannedFrom: 1_000_000, to: 11_000_000) == 10)
        #expect(p.count(plannedFrom: 1_000_001, to: 11_000_001) == 10)
        #expect(p.count(plannedFrom: 0, to: 2_000_000_000) == 1999)
        let limited = Pacer(rate: 1000, start: 0, limit: 5)
        #expect(limited.count(plannedFrom: 0, to: 1_000_000_000) == 5)
    }

    @Test("no drift over a long run: the millionth request is on time")
    func noDrift() {
        let p = Pacer(rate: 30_000, loopIndex: 1, loopCount: 2, start: 0)
        let expected = (1.0 + 2.0 * 999_999) / 30_000 * 1e9
        #expect(abs(Double(p.planned(999_999)) - expected) < 2)
    }
}
