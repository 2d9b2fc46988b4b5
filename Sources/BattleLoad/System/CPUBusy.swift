import Foundation

/// How busy some CPUs were between two readings of /proc/stat, whoever kept
/// them busy: an agent on CPUs that another process saturates (the server,
/// a build) waits for them without using them itself, so its own CPU time
/// does not show it. Linux only; nil elsewhere or when unreadable.
public struct CPUBusy: Sendable {
    /// Per CPU: (busy, total) jiffies since boot.
    var ticks: [Int: (busy: UInt64, total: UInt64)]

    /// The `cpuN` lines of /proc/stat's text, for `cpus` (all when empty).
    public static func parse(_ text: String, cpus: [Int]) -> CPUBusy {
        var ticks: [Int: (UInt64, UInt64)] = [:]
        let wanted = Set(cpus)
        for line in text.split(separator: "\n") where line.hasPrefix("cpu") {
            let fields = line.split(separator: " ")
            guard let n = Int(fields[0].dropFirst(3)), wanted.isEmpty || wanted.contains(n) else { continue }
            let values = fields.dropFirst().compactMap { UInt64($0) }
            guard values.count >= 4 else { continue }
            // user nice system idle iowait irq softirq steal (guest time is inside user).
            let total = values.prefix(8).reduce(0, +)
            let idle = values[3] + (values.count > 4 ? values[4] : 0)
            ticks[n] = (total - idle, total)
        }
        return CPUBusy(ticks: ticks)
    }

    public static func read(cpus: [Int]) -> CPUBusy? {
        guard let data = FileManager.default.contents(atPath: "/proc/stat") else { return nil }
        let busy = parse(String(decoding: data, as: UTF8.self), cpus: cpus)
        return busy.ticks.isEmpty ? nil : busy
    }

    /// The share (0...1) of the time these CPUs were busy since `earlier`.
    public func busyFraction(since earlier: CPUBusy) -> Double? {
        var busy: UInt64 = 0
        var total: UInt64 = 0
        for (cpu, now) in ticks {
            guard let then = earlier.ticks[cpu], now.total >= then.total, now.busy >= then.busy else { continue }
            busy += now.busy - then.busy
            total += now.total - then.total
        }
        return total > 0 ? Double(busy) / Double(total) : nil
    }
}
