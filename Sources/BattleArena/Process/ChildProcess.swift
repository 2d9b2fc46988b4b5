import BattleCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A child process started with `posix_spawn` in its own process group, so a
/// terminal's Ctrl-C reaches only battle (which then stops its children in
/// order) and a child's own children can be signalled together.
///
/// The PID is kept; nothing is ever found by name. Every child is registered
/// with a `ProcessSupervisor` until it has been reaped.
public final class ChildProcess: Sendable {
    public let pid: pid_t
    /// Also the process group id.
    public var pgid: pid_t { pid }
    public let label: String
    public let startedAt: Double
    private let termination = LockedBox<Termination?>(nil)
    private let supervisor: ProcessSupervisor?

    public enum Output: Sendable {
        case null
        /// Appends to (creating) the file.
        case file(String)
        case inherit
        /// This descriptor of battle's (a pipe's end), duplicated onto the child's.
        case descriptor(Int32)
    }

    private init(pid: pid_t, label: String, supervisor: ProcessSupervisor?) {
        self.pid = pid
        self.label = label
        self.supervisor = supervisor
        self.startedAt = MonotonicClock.seconds
    }

    /// Starts `argv` (argv[0] is looked up on PATH when it has no `/`).
    /// Its stdin is /dev/null, or the descriptor `stdin` (a pipe's read end).
    public static func spawn(
        _ argv: [String], environment: [String: String], directory: String? = nil, stdin: Int32? = nil,
        stdout: Output = .null, stderr: Output = .null, label: String? = nil, supervisor: ProcessSupervisor?
    ) throws(SpawnError) -> ChildProcess {
        precondition(!argv.isEmpty)
        let shown = label ?? argv.joined(separator: " ")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }

        if let stdin {
            posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        func wire(_ fd: Int32, _ out: Output) {
            switch out {
            case .null: posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", O_WRONLY, 0)
            case .file(let path):
                posix_spawn_file_actions_addopen(&actions, fd, path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
            case .inherit: break
            case .descriptor(let own): posix_spawn_file_actions_adddup2(&actions, own, fd)
            }
        }
        wire(1, stdout)
        wire(2, stderr)
        if let directory {
            let rc = directory.withCString { SpawnSupport.addChdir(&actions, $0) }
            guard rc == 0 else { throw SpawnError(command: shown, code: rc) }
        }

        // Own process group; default signal handling and an empty mask, whatever battle set for itself.
        var defaults = sigset_t()
        sigfillset(&defaults)
        sigdelset(&defaults, SIGKILL)
        sigdelset(&defaults, SIGSTOP)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigdefault(&attr, &defaults)
        posix_spawnattr_setsigmask(&attr, &empty)
        posix_spawnattr_setpgroup(&attr, 0)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let envList = environment.map { "\($0.key)=\($0.value)" }.sorted()
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        var cEnv: [UnsafeMutablePointer<CChar>?] = envList.map { strdup($0) } + [nil]
        defer {
            cArgs.forEach { free($0) }
            cEnv.forEach { free($0) }
        }
        var pid: pid_t = 0
        let rc: Int32
        if argv[0].contains("/") {
            rc = posix_spawn(&pid, argv[0], &actions, &attr, &cArgs, &cEnv)
        } else {
            // posix_spawnp searches the PATH of battle's environment; use the child's.
            let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
            let exe = ExecutableLookup.find(argv[0], path: path) ?? argv[0]
            rc = posix_spawn(&pid, exe, &actions, &attr, &cArgs, &cEnv)
        }
        guard rc == 0 else { throw SpawnError(command: shown, code: rc) }
        let child = ChildProcess(pid: pid, label: shown, supervisor: supervisor)
        supervisor?.register(child)
        return child
    }

    /// The termination if the child has ended (reaps it), else nil. Never blocks.
    @discardableResult
    public func poll() -> Termination? {
        let (result, reapedNow) = termination.withLock { t -> (Termination?, Bool) in
            if let t { return (t, false) }
            var status: Int32 = 0
            var usage = rusage()
            let r = wait4(pid, &status, WNOHANG, &usage)
            if r < 0 && errno == ECHILD {
                // Reaped elsewhere: record what can be known.
                t = Termination(status: nil, signal: nil, userSeconds: 0, systemSeconds: 0)
                return (t, true)
            }
            guard r == pid else { return (nil, false) }
            let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            let sys = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
            let low = status & 0x7f
            t =
                low == 0
                ? Termination(status: (status >> 8) & 0xff, signal: nil, userSeconds: user, systemSeconds: sys)
                : Termination(status: nil, signal: low, userSeconds: user, systemSeconds: sys)
            return (t, true)
        }
        if reapedNow { supervisor?.unregister(self) }
        return result
    }

    public var hasExited: Bool { poll() != nil }

    /// Sends `signal` to the child's whole process group.
    public func signalGroup(_ signal: Int32) {
        if kill(-pgid, signal) != 0 && poll() == nil { kill(pid, signal) }
    }

    /// Whether any live (not zombie) process is still in the child's group, its own children included.
    public var groupAlive: Bool {
        guard kill(-pgid, 0) == 0 else { return false }
        return ProcTable.read().processes.values.contains { $0.pgrp == pgid && !$0.isZombie }
    }

    /// Waits (blocking the calling thread, in 5 ms steps) up to `timeout` seconds.
    public func waitBlocking(timeout: Double) -> Termination? {
        let end = MonotonicClock.seconds + timeout
        while true {
            if let t = poll() { return t }
            if MonotonicClock.seconds >= end { return nil }
            usleep(5_000)
        }
    }

    /// Waits up to `timeout` seconds (nil: forever), polling `interruption`.
    public func wait(timeout: Double?, interruption: Interruption?) async throws(Interrupted) -> Termination? {
        let end = timeout.map { MonotonicClock.seconds + $0 }
        var step = 0.002
        while true {
            if let t = poll() { return t }
            try interruption?.check()
            if let end, MonotonicClock.seconds >= end { return nil }
            try? await Task.sleep(nanoseconds: UInt64(step * 1e9))
            step = min(step * 2, 0.05)
        }
    }

    /// SIGTERM to the group, up to `grace` seconds, then SIGKILL to the group.
    /// Blocking on purpose: it runs in cleanup paths that must finish even when
    /// the run was interrupted. Also kills what is left of the group afterwards.
    public func stop(grace: Double) -> (termination: Termination, killed: Bool) {
        if let t = poll() {
            if groupAlive { kill(-pgid, SIGKILL) }
            return (t, false)
        }
        signalGroup(SIGTERM)
        if let t = waitBlocking(timeout: grace) {
            if groupAlive {
                // The leader is gone but its children are not: they had the same grace.
                kill(-pgid, SIGKILL)
            }
            return (t, false)
        }
        signalGroup(SIGKILL)
        let t = waitBlocking(timeout: 10) ?? Termination(status: nil, signal: SIGKILL, userSeconds: 0, systemSeconds: 0)
        return (t, true)
    }
}
