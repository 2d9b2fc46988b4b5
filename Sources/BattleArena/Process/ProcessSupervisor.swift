import BattleCore
import Foundation
import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// Keeps every child battle started until it is reaped, so that whatever
/// path a run takes (an error, Ctrl-C), `stopAll` leaves nothing behind.
public final class ProcessSupervisor: Sendable {
    private let children = LockedBox<[pid_t: ChildProcess]>([:])

    public init() {}

    func register(_ c: ChildProcess) { children.withLock { $0[c.pid] = c } }
    func unregister(_ c: ChildProcess) { _ = children.withLock { $0.removeValue(forKey: c.pid) } }

    public var live: [ChildProcess] { children.current.values.sorted { $0.pid < $1.pid } }

    /// Makes battle the reaper of its descendants' orphans (PR_SET_CHILD_SUBREAPER):
    /// a process a child leaves behind (PostgreSQL's postmaster once `pg_ctl`
    /// exits, a server's own children) becomes battle's child, so battle can
    /// reap it (`reapOrphans`) instead of leaving a zombie to an init that may
    /// not reap (as in some containers).
    public static func becomeSubreaper() {
        typealias Prctl = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32
        guard let handle = dlopen(nil, RTLD_NOW), let sym = dlsym(handle, "prctl") else { return }
        _ = unsafeBitCast(sym, to: Prctl.self)(36 /* PR_SET_CHILD_SUBREAPER */, 1, 0, 0, 0)
    }

    /// Reaps exited children battle did not start itself (adopted orphans).
    /// Children it started are left to their `ChildProcess`, which reaps them.
    /// With `waitingUpTo`, keeps reaping while adopted children are still
    /// exiting, for at most that many seconds.
    public func reapOrphans(waitingUpTo seconds: Double = 0) {
        let me = getpid()
        let end = MonotonicClock.seconds + seconds
        while true {
            let tracked = Set(children.current.keys)
            let adopted = ProcTable.read().processes.values.filter { $0.ppid == me && !tracked.contains($0.pid) }
            for p in adopted where p.isZombie {
                var status: Int32 = 0
                _ = waitpid(p.pid, &status, WNOHANG)
            }
            if !adopted.contains(where: { !$0.isZombie }) || MonotonicClock.seconds >= end { return }
            usleep(50_000)
        }
    }

    /// Stops every child still registered (SIGTERM, then SIGKILL after `grace`).
    public func stopAll(grace: Double, logger: Logger) {
        for c in live {
            logger.debug("stopping leftover child", metadata: ["pid": "\(c.pid)", "what": "\(c.label)"])
            _ = c.stop(grace: grace)
        }
    }
}
