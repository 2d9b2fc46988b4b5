import BattleCore
import Foundation

/// A cgroup holding one contender, under a CPU budget (CFS bandwidth
/// control) or with no limit (to track every process it starts).
///
/// cgroup v1 (`/sys/fs/cgroup/cpu`, `cpu.cfs_quota_us` and
/// `cpu.cfs_period_us`) is used when mounted, else cgroup v2 (`cpu.max`)
/// with the cpu controller enabled for the new group's parent. The
/// contender's shell puts itself in the group before it `exec`s the run
/// command, so every process it starts, even one in a new session, is held
/// to the budget and can be found, and stopped, through `cgroup.procs`.
public final class CPUCgroup: Sendable {
    public let path: String
    public let version: Int

    init(path: String, version: Int) {
        self.path = path
        self.version = version
    }

    public var procsFile: String { path + "/cgroup.procs" }

    public struct Failure: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// Creates `battle-PID-NAME` with `budget` (nil: no limit); removes a stale one of the same name first.
    public static func create(name: String, budget: CPUBudget?) throws(Failure) -> CPUCgroup {
        let q = budget.map { $0.quota($0.cores) }
        let period = q?.periodMicros ?? 100_000
        let leaf = "battle-\(getpid())-\(name.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })"
        let fm = FileManager.default
        let v1 = "/sys/fs/cgroup/cpu"
        if fm.fileExists(atPath: v1 + "/cpu.cfs_quota_us") {
            let dir = v1 + ownCgroup(controller: "cpu") + "/" + leaf
            let group = CPUCgroup(path: dir, version: 1)
            group.remove()
            guard mkdir(dir, 0o755) == 0 || errno == EEXIST else { throw Failure(message: cannot("create \(dir)")) }
            // Period first: the kernel checks the quota against it.
            guard write("\(period)", to: dir + "/cpu.cfs_period_us"),
                write(q.map { "\($0.quotaMicros)" } ?? "-1", to: dir + "/cpu.cfs_quota_us")
            else {
                group.remove()
                throw Failure(message: cannot("set the CPU quota in \(dir)"))
            }
            return group
        }
        for root in ["/sys/fs/cgroup", "/sys/fs/cgroup/unified"] {
            guard let controllers = try? String(contentsOfFile: root + "/cgroup.controllers", encoding: .utf8),
                controllers.split(separator: " ").contains(where: {
                    $0.trimmingCharacters(in: .whitespacesAndNewlines) == "cpu"
                })
            else { continue }
            let parent = root + ownCgroup(controller: "")
            _ = write("+cpu", to: parent + "/cgroup.subtree_control")
            let dir = parent + "/" + leaf
            let group = CPUCgroup(path: dir, version: 2)
            group.remove()
            guard mkdir(dir, 0o755) == 0 || errno == EEXIST else { throw Failure(message: cannot("create \(dir)")) }
            guard write("\(q.map { "\($0.quotaMicros)" } ?? "max") \(period)", to: dir + "/cpu.max") else {
                group.remove()
                throw Failure(message: cannot("write cpu.max in \(dir)"))
            }
            return group
        }
        throw Failure(
            message:
                "no cgroup CPU controller to hold the server to its budget: neither /sys/fs/cgroup/cpu (v1) nor a v2 hierarchy with the cpu controller is mounted; pass --server-cpu-limit none, or mount one"
        )
    }

    /// Sets the quota and period (a live change), e.g. for a test with a budget of its own.
    @discardableResult
    public func setQuota(_ q: (quotaMicros: Int, periodMicros: Int)) -> Bool {
        version == 1
            ? Self.write("\(q.periodMicros)", to: path + "/cpu.cfs_period_us")
                && Self.write("\(q.quotaMicros)", to: path + "/cpu.cfs_quota_us")
            : Self.write("\(q.quotaMicros) \(q.periodMicros)", to: path + "/cpu.max")
    }

    /// The counters of `cpu.stat` now (cumulative since the group was made).
    public func throttling() -> Throttling? {
        guard let text = try? String(contentsOfFile: path + "/cpu.stat", encoding: .utf8) else { return nil }
        return Throttling.parse(cpuStat: text)
    }

    /// PIDs in the group (every process the contender started that is still alive).
    public func pids() -> [pid_t] {
        guard let text = try? String(contentsOfFile: procsFile, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { pid_t($0.trimmingCharacters(in: .whitespaces)) }
    }

    /// SIGKILLs whatever is still in the group (a process that left the
    /// contender's process group), waits up to `seconds` for it to go, and
    /// removes the group. Returns how many processes had to be killed.
    @discardableResult
    public func killRemainingAndRemove(waitingUpTo seconds: Double = 2) -> Int {
        let left = pids()
        for p in left { kill(p, SIGKILL) }
        let deadline = MonotonicClock.seconds + seconds
        while !pids().isEmpty && MonotonicClock.seconds < deadline { usleep(10_000) }
        remove()
        return left.count
    }

    /// Removes the group (it must be empty); retries briefly while the kernel lets go of exited tasks.
    public func remove() {
        for _ in 0..<50 {
            if rmdir(path) == 0 || errno == ENOENT { return }
            usleep(10_000)
        }
    }

    private static func cannot(_ what: String) -> String {
        let reason = String(cString: strerror(errno))
        return
            "cannot \(what): \(reason) (battle needs root, or a delegated cgroup, to set a CPU budget; pass --server-cpu-limit none to run uncapped)"
    }

    /// battle's own group for `controller` ("" for v2) from /proc/self/cgroup, "" for the root.
    static func ownCgroup(controller: String) -> String {
        guard let text = try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8) else { return "" }
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else { continue }
            let controllers = parts[1].split(separator: ",")
            if controller.isEmpty ? parts[0] == "0" : controllers.contains(Substring(controller)) {
                let p = String(parts[2])
                return p == "/" ? "" : p
            }
        }
        return ""
    }

    private static func write(_ text: String, to file: String) -> Bool {
        let fd = open(file, O_WRONLY)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return text.withCString { Foundation.write(fd, $0, strlen($0)) } >= 0
    }
}

extension Throttling {
    /// Parses a `cpu.stat` file: v1 (`nr_periods`, `nr_throttled`,
    /// `throttled_time` in ns) or v2 (`throttled_usec`).
    public static func parse(cpuStat text: String) -> Throttling? {
        var values: [String: Double] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2, let v = Double(parts[1]) { values[String(parts[0])] = v }
        }
        guard let periods = values["nr_periods"], let throttled = values["nr_throttled"] else { return nil }
        let seconds = values["throttled_usec"].map { $0 / 1e6 } ?? values["throttled_time"].map { $0 / 1e9 } ?? 0
        return Throttling(periods: Int(periods), throttledPeriods: Int(throttled), throttledSeconds: seconds)
    }

    /// The counters between two readings.
    public func since(_ earlier: Throttling) -> Throttling {
        Throttling(
            periods: periods - earlier.periods, throttledPeriods: throttledPeriods - earlier.throttledPeriods,
            throttledSeconds: throttledSeconds - earlier.throttledSeconds)
    }
}
