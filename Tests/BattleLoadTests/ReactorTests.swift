import BattleCore
import Testing

@testable import BattleLoad

/// Records what its reactor does, on the reactor's thread.
private final class Recorder: ReactorHandler {
    var ticks = 0
    func ready(token: UInt64, events: UInt32) {}
    func tickEnded() { ticks += 1 }
}

@Suite("Event loop (Reactor)")
struct ReactorTests {
    @Test("work sent from another thread runs on the loop; timers fire in order and not early; exit ends the thread")
    func executeAndTimers() async throws {
        let reactor = try Reactor()
        let recorder = Recorder()
        reactor.start(recorder, name: "reactor-test")
        let box = LoopConfined(recorder)
        let (fired, ticks): ([(String, UInt64, UInt64)], Int) = await withCheckedContinuation { continuation in
            reactor.execute {
                var log: [(String, UInt64, UInt64)] = []
                let base = MonotonicClock.nanoseconds()
                for (name, delay) in [("30ms", UInt64(30_000_000)), ("10ms", 10_000_000), ("20ms", 20_000_000)] {
                    reactor.schedule(at: base + delay) {
                        log.append((name, base + delay, MonotonicClock.nanoseconds()))
                        if log.count == 3 { continuation.resume(returning: (log, box.value.ticks)) }
                    }
                }
                let cancelled = reactor.schedule(in: 15_000_000) { log.append(("cancelled", 0, 0)) }
                reactor.cancel(cancelled)
            }
        }
        #expect(fired.map(\.0) == ["10ms", "20ms", "30ms"])
        // The wait that ran the `execute` work ended (tickEnded) before any
        // timer, 10 ms later at the earliest, could fire.
        #expect(ticks >= 1, "the handler heard the end of no tick")
        for (_, deadline, at) in fired { #expect(at >= deadline) }
        let ran = await withCheckedContinuation { continuation in
            let accepted = reactor.execute {
                reactor.requestExit()
                continuation.resume(returning: true)
            }
            if !accepted { continuation.resume(returning: false) }
        }
        #expect(ran)
        await reactor.waitUntilExited()
        #expect(!reactor.execute {}, "an ended loop refuses work")
    }
}
