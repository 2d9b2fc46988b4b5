import BattleCore
import Foundation

/// How the arena tells that its database is still there: the postmaster's
/// PID (for a database battle started: cheap enough to check ten times a
/// second) and a health query (`SELECT 1`, for any database).
extension DatabaseHandle {
    /// False when the postmaster battle started has exited (or is a zombie);
    /// nil for a database battle did not start (--database-url).
    public func postmasterAlive() -> Bool? {
        guard let pid = postmasterPID else { return nil }
        return ProcessAlive.check(pid)
    }

    /// nil when `SELECT 1` answers within `timeout` seconds, else why not.
    /// "too many clients" counts as an answer: the server is up, a pool is full.
    public func healthProblem(timeout: Double = 5) async -> String? {
        if postmasterAlive() == false { return "its postmaster (PID \(postmasterPID ?? 0)) is gone" }
        var last = ""
        for attempt in 0..<2 {
            if attempt > 0 { try? await Task.sleep(nanoseconds: 500_000_000) }
            guard
                let out = try? await CapturedCommand.run(
                    Psql.command(endpoint, arguments: ["-tA", "-c", "SELECT 1"]), timeout: timeout)
            else { return nil }  // battle could not run psql: not the database's fault
            if out.succeeded || out.stderr.contains("too many clients") { return nil }
            last =
                out.timedOut
                ? "the health query (SELECT 1) got no answer within \(Format.duration(timeout))"
                : "the health query (SELECT 1) failed: \(out.stderr.split(separator: "\n").first ?? "")"
        }
        if postmasterAlive() == false { return "its postmaster (PID \(postmasterPID ?? 0)) is gone" }
        return last
    }

    /// The last lines of the server's log (empty for --database-url).
    public func logTail(lines: Int = 5) -> [String] {
        guard let logFile else { return [] }
        return LogTail.read(logFile, lines: lines).split(separator: "\n").map(String.init)
    }
}

enum ProcessAlive {
    /// Alive and not a zombie.
    static func check(_ pid: Int32) -> Bool {
        guard pid > 0, kill(pid, 0) == 0 || errno == EPERM else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")"),
            stat.index(close, offsetBy: 2) < stat.endIndex
        else { return false }
        let state = stat[stat.index(close, offsetBy: 2)]
        return state != "Z" && state != "X"
    }
}
