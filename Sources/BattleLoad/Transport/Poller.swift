import CBattleLinux
import Glibc

/// Linux epoll, level-triggered, with a token per registered descriptor.
/// Owned and used by one thread (its `Reactor`).
final class Poller {
    static let readable = EPOLLIN.rawValue
    static let writable = EPOLLOUT.rawValue
    /// Reported whatever was asked: the peer hung up or the socket failed.
    static let failed = EPOLLHUP.rawValue | EPOLLERR.rawValue

    private let fd: Int32
    private let events: UnsafeMutablePointer<epoll_event>
    private let capacity: Int

    init(capacity: Int) throws(SystemError) {
        fd = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard fd >= 0 else { throw SystemError("epoll_create1") }
        self.capacity = capacity
        events = .allocate(capacity: capacity)
    }

    deinit {
        close(fd)
        events.deallocate()
    }

    func add(_ descriptor: Int32, token: UInt64, events mask: UInt32) throws(SystemError) {
        try control(EPOLL_CTL_ADD, descriptor, token: token, events: mask)
    }

    func modify(_ descriptor: Int32, token: UInt64, events mask: UInt32) throws(SystemError) {
        try control(EPOLL_CTL_MOD, descriptor, token: token, events: mask)
    }

    private func control(_ op: Int32, _ descriptor: Int32, token: UInt64, events mask: UInt32) throws(SystemError) {
        var event = epoll_event(events: mask, data: epoll_data_t(u64: token))
        guard epoll_ctl(fd, op, descriptor, &event) == 0 else { throw SystemError("epoll_ctl") }
    }

    /// Waits up to `timeoutMillis` (-1: forever) and returns how many events
    /// `event(at:)` can read; 0 on a timeout or a signal.
    func wait(timeoutMillis: Int32) -> Int {
        let n = epoll_wait(fd, events, Int32(capacity), timeoutMillis)
        return n > 0 ? Int(n) : 0
    }

    @inline(__always)
    func event(at index: Int) -> (token: UInt64, events: UInt32) {
        let e = events[index]
        return (e.data.u64, e.events)
    }
}

/// An eventfd: another thread's way to wake a `Poller` waiting on it.
final class Wakeup: Sendable {
    let fd: Int32

    init() throws(SystemError) {
        fd = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        guard fd >= 0 else { throw SystemError("eventfd") }
    }

    deinit { close(fd) }

    func signal() {
        var one: UInt64 = 1
        _ = write(fd, &one, 8)
    }

    func reset() {
        var value: UInt64 = 0
        _ = read(fd, &value, 8)
    }
}

/// A timerfd on CLOCK_MONOTONIC (the clock of `MonotonicClock`), armed to
/// an absolute deadline: nanosecond timers for a `Poller`.
final class DeadlineTimer {
    let fd: Int32
    /// The deadline armed now, `.max` when disarmed.
    private(set) var armed: UInt64 = .max

    init() throws(SystemError) {
        fd = timerfd_create(CLOCK_MONOTONIC, Int32(TFD_NONBLOCK | TFD_CLOEXEC))
        guard fd >= 0 else { throw SystemError("timerfd_create") }
    }

    deinit { close(fd) }

    /// Arms the timer for `deadline` (nanoseconds), or disarms it for nil.
    func arm(_ deadline: UInt64?) {
        let target = deadline ?? .max
        guard target != armed else { return }
        armed = target
        var spec = itimerspec()
        if let d = deadline {
            let at = max(d, 1)  // all zeros would disarm
            spec.it_value = timespec(tv_sec: Int(at / 1_000_000_000), tv_nsec: Int(at % 1_000_000_000))
        }
        _ = timerfd_settime(fd, Int32(TFD_TIMER_ABSTIME), &spec, nil)
    }

    /// Clears the expiry so the descriptor stops being readable.
    func acknowledge() {
        var expirations: UInt64 = 0
        _ = read(fd, &expirations, 8)
        armed = .max
    }
}
