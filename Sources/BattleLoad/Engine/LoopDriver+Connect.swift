import BattleCore
import NIOCore

#if canImport(Glibc)
    import Glibc
#endif

/// Opening, failing, dropping and reopening connections (with backoff), and
/// the first attempt of each, which `connectAll` waits for.
extension LoopDriver {
    func connect(_ c: LoadConnection) {
        switch TCPSocket.connect(to: plan.address) {
        case .connected(let fd):
            c.attach(fd)
            guard register(c, events: Poller.readable) else { return }
            opened(c)
        case .inProgress(let fd):
            c.attach(fd)
            c.connectDeadline = MonotonicClock.nanoseconds() &+ min(plan.timeoutNanos, 10_000_000_000)
            _ = register(c, events: Poller.writable)
        case .failed(let code):
            connectFailed(c, ConnectFailure.describe(errno: code))
        }
    }

    /// Adds `c`'s socket to the poller; a failure fails the connect.
    func register(_ c: LoadConnection, events: UInt32) -> Bool {
        do {
            try reactor.poller.add(c.fd, token: c.token, events: events)
            return true
        } catch {
            c.detach()
            connectFailed(c, ConnectFailure.describe(errno: error.code))
            return false
        }
    }

    /// The handshake of `c` ended (writable, or failed).
    func finishConnect(_ c: LoadConnection) {
        let code = TCPSocket.connectError(c.fd)
        guard code == 0 else {
            c.detach()
            connectFailed(c, ConnectFailure.describe(errno: code))
            return
        }
        do {
            try reactor.poller.modify(c.fd, token: c.token, events: Poller.readable)
        } catch {
            c.detach()
            connectFailed(c, ConnectFailure.describe(errno: error.code))
            return
        }
        opened(c)
    }

    func opened(_ c: LoadConnection) {
        c.machine.connected()
        c.connectFailures = 0
        openConnections += 1
        resolveFirstAttempt(c)
        guard phase == .running else { return }
        lastProgress = MonotonicClock.nanoseconds()
        if pacer != nil {
            enqueueIfFree(c)
            pump(now: lastProgress)
        } else {
            refill(c, now: lastProgress)
        }
    }

    func connectFailed(_ c: LoadConnection, _ reason: String) {
        guard phase != .stopped else { return }
        stats.connectFailed(now: MonotonicClock.nanoseconds())
        if firstConnectError == nil { firstConnectError = reason }
        resolveFirstAttempt(c)
        c.connectFailures += 1
        let delay = min(UInt64(1_000_000_000), UInt64(10_000_000) << UInt64(min(c.connectFailures - 1, 7)))
        _ = reactor.schedule(in: delay) {
            if self.phase != .stopped { self.connect(c) }
        }
    }

    /// `c`'s connection ends (the server closed it, a failure, a timeout):
    /// what is in flight fails as `kind`, and the slot connects again.
    func drop(_ c: LoadConnection, kind: ErrorKind) {
        guard c.fd >= 0 else { return }
        let before = c.machine.inFlight
        c.machine.closed(now: MonotonicClock.nanoseconds(), kind: kind, into: &stats)
        answered(before - c.machine.inFlight, now: nil)
        c.detach()
        openConnections -= 1
        guard phase != .stopped else { return }
        stats.reconnected(now: MonotonicClock.nanoseconds())
        connect(c)
    }

    func resolveFirstAttempt(_ c: LoadConnection?) {
        if let c {
            guard firstAttemptPending[c.id] else { return }
            firstAttemptPending[c.id] = false
            pendingFirstAttempts -= 1
        }
        if pendingFirstAttempts == 0, phase == .connecting {
            phase = .ready
            connectDone?(ConnectOutcome(open: openConnections, firstError: firstConnectError))
            connectDone = nil
        }
    }
}
