import BattleCore
import Foundation

/// Per-CPU time counters from /proc/stat, in clock ticks.
public struct CPUTimes: Sendable, Equatable {
    public struct Counters: Sendable, Equatable {
        public var busy: UInt64
        public var total: UInt64
    }

    public var cpus: [Int: Counters]

    /// Parses the `cpuN ...` lines of /proc/stat (the aggregate `cpu` line is skipped).
    /// Idle time is `idle + iowait`; everything else (steal included) is busy.
    public static func parse(_ text: String) -> CPUTimes {
        var out: [Int: Counters] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("cpu") {
            let fields = line.split(separator: " ")
            guard let n = Int(fields[0].dropFirst(3)) else { continue }
            let values = fields.dropFirst().prefix(8).compactMap { UInt64($0) }
            guard values.count >= 5 else { continue }
            let total = values.reduce(0, +)
            let idle = values[3] + values[4]
            out[n] = Counters(busy: total - idle, total: total)
        }
        return CPUTimes(cpus: out)
    }

    public static func read() -> CPUTimes? {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8) else { return nil }
        return parse(text)
    }

    /// Busy share (0...1) of `set` between `earlier` and `self`.
    public func busy(since earlier: CPUTimes, on set: CPUSet) -> Double? {
        var busy: UInt64 = 0
        var total: UInt64 = 0
        for cpu in set.cpus {
            guard let a = earlier.cpus[cpu], let b = cpus[cpu], b.total >= a.total, b.busy >= a.busy else { return nil }
            busy += b.busy - a.busy
            total += b.total - a.total
        }
        return total > 0 ? Double(busy) / Double(total) : nil
    }

    /// The machine load of a trial: busy shares of the server and client sets,
    /// and the server set's busy cores not explained by the server's own CPU.
    public static func machineLoad(
        from start: CPUTimes, to end: CPUTimes, placement: CPUPlacement, serverCores: Double?
    ) -> MachineLoad? {
        guard let s = end.busy(since: start, on: placement.server), let c = end.busy(since: start, on: placement.client) else { return nil }
        let foreign = serverCores.map { max(0, s * Double(placement.server.count) - $0) }
        return MachineLoad(serverCPUsBusy: s, clientCPUsBusy: c, foreignServerCores: foreign)
    }
}
