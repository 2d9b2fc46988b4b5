import BattleCore
import CBattleLinux
import Foundation
import Glibc
import NIOConcurrencyHelpers

/// What a `Reactor` calls on its thread.
protocol ReactorHandler: AnyObject, SendableMetatype {
    /// A registered descriptor is ready; `token` is the one it was registered with.
    func ready(token: UInt64, events: UInt32)
    /// Every event of one wait has been handled (and due timers have run).
    func tickEnded()
}

/// One thread's event loop for the load engine: epoll for sockets, a timerfd
/// for timers, an eventfd for work sent from other threads. Sockets,
/// timers and the handler belong to the loop's thread; only `execute` and
/// `requestExit` may be called from elsewhere.
///
/// It does what wrk's `ae` loop does, and no more: the hot path is one
/// `epoll_wait` and a direct call per ready socket, with no channel pipeline,
/// futures or per-event allocation.
final class Reactor: @unchecked Sendable {
    /// Tokens at or above this are the reactor's own descriptors.
    static let reservedTokens: UInt64 = 0xFFFF_FFFF_FFFF_FF00
    private static let wakeupToken = reservedTokens
    private static let timerToken = reservedTokens + 1

    let poller: Poller
    private let wakeup: Wakeup
    private let timer: DeadlineTimer
    private var timers = TimerQueue<() -> Void>()
    private var exitRequested = false

    private struct Inbox {
        var work: [@Sendable () -> Void] = []
        var closed = false
    }
    private let inbox = NIOLockedValueBox(Inbox())
    private let exited = NIOLockedValueBox<(done: Bool, waiting: [CheckedContinuation<Void, Never>])>((false, []))

    init(maxEvents: Int = 512) throws(SystemError) {
        poller = try Poller(capacity: maxEvents)
        wakeup = try Wakeup()
        timer = try DeadlineTimer()
        try poller.add(wakeup.fd, token: Self.wakeupToken, events: Poller.readable)
        try poller.add(timer.fd, token: Self.timerToken, events: Poller.readable)
    }

    // MARK: from any thread

    /// Runs `work` on the loop's thread. False when the loop has ended, in
    /// which case `work` never runs.
    @discardableResult
    func execute(_ work: @escaping @Sendable () -> Void) -> Bool {
        let accepted = inbox.withLockedValue { box in
            guard !box.closed else { return false }
            box.work.append(work)
            return true
        }
        if accepted { wakeup.signal() }
        return accepted
    }

    /// Starts a thread that runs the loop for `handler` until `requestExit`.
    func start(_ handler: some ReactorHandler, name: String) {
        let bound = LoopConfined((self, handler))
        let thread = Thread {
            let (reactor, handler) = bound.value
            reactor.run(handler)
        }
        thread.name = name
        thread.start()
    }

    /// Returns once the loop's thread has finished.
    func waitUntilExited() async {
        await withCheckedContinuation { continuation in
            let done = exited.withLockedValue { state in
                if !state.done { state.waiting.append(continuation) }
                return state.done
            }
            if done { continuation.resume() }
        }
    }

    // MARK: on the loop's thread

    /// Ends the loop after the current tick.
    func requestExit() {
        exitRequested = true
    }

    @discardableResult
    func schedule(at deadline: UInt64, _ body: @escaping () -> Void) -> TimerQueue<() -> Void>.ID {
        timers.schedule(at: deadline, body)
    }

    func schedule(in nanoseconds: UInt64, _ body: @escaping () -> Void) -> TimerQueue<() -> Void>.ID {
        timers.schedule(at: MonotonicClock.nanoseconds() &+ nanoseconds, body)
    }

    func cancel(_ id: TimerQueue<() -> Void>.ID) {
        timers.cancel(id)
    }

    private func run(_ handler: some ReactorHandler) {
        while !exitRequested {
            timer.arm(timers.nextDeadline)
            let n = poller.wait(timeoutMillis: -1)
            for i in 0..<n {
                let (token, events) = poller.event(at: i)
                if token >= Self.reservedTokens {
                    if token == Self.wakeupToken {
                        wakeup.reset()
                        runInbox()
                    } else {
                        timer.acknowledge()
                    }
                } else {
                    handler.ready(token: token, events: events)
                }
            }
            runDueTimers()
            handler.tickEnded()
        }
        // Timers left (cancelled or not) hold closures that hold the handler,
        // which holds this reactor: let them go.
        timers = TimerQueue()
        // Work sent after the end still runs (it may be waiting for an answer);
        // later work is refused.
        let last = inbox.withLockedValue { box in
            box.closed = true
            defer { box.work = [] }
            return box.work
        }
        for work in last { work() }
        let waiting = exited.withLockedValue { state in
            state.done = true
            defer { state.waiting = [] }
            return state.waiting
        }
        for w in waiting { w.resume() }
    }

    private func runInbox() {
        let work = inbox.withLockedValue { box in
            defer { box.work.removeAll(keepingCapacity: true) }
            return box.work
        }
        for w in work { w() }
    }

    private func runDueTimers() {
        guard timers.count > 0 else { return }
        let now = MonotonicClock.nanoseconds()
        while let body = timers.popDue(now: now) { body() }
    }
}

/// A value handed to the one thread that will use it. Sendable by promise,
/// not by proof: the sender must stop touching it.
struct LoopConfined<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
