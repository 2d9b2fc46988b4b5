import Foundation

/// One process as `/proc/PID/stat` describes it (proc(5)).
public struct ProcStat: Sendable, Equatable {
    public var pid: Int32
    public var state: Character
    public var ppid: Int32
    public var pgrp: Int32
    /// utime + stime, in clock ticks.
    public var cpuTicks: UInt64
    public var threads: Int
    /// Resident pages.
    public var rssPages: Int

    /// Parses a `/proc/PID/stat` line. The command name is in parentheses and
    /// may hold spaces and parentheses, so fields are counted from the last ')'.
    public static func parse(_ line: String) -> ProcStat? {
        guard let open = line.firstIndex(of: "("), let close = line.lastIndex(of: ")"),
            let pid = Int32(line[..<open].trimmingCharacters(in: .whitespaces))
        else { return nil }
        let rest = line[line.index(after: close)...].split(separator: " ")
        // rest[0] is field 3 (state); field n is rest[n - 3].
        func field(_ n: Int) -> Substring? { n - 3 < rest.count ? rest[n - 3] : nil }
        guard let state = field(3)?.first, let ppid = field(4).flatMap({ Int32($0) }),
            let pgrp = field(5).flatMap({ Int32($0) }),
            let utime = field(14).flatMap({ UInt64($0) }), let stime = field(15).flatMap({ UInt64($0) }),
            let threads = field(20).flatMap({ Int($0) }), let rss = field(24).flatMap({ Int($0) })
        else { return nil }
        return ProcStat(
            pid: pid, state: state, ppid: ppid, pgrp: pgrp, cpuTicks: utime + stime, threads: threads, rssPages: rss)
    }

    public var isZombie: Bool { state == "Z" || state == "X" }
}

/// The processes of the machine at one instant, read from /proc.
public struct ProcTable: Sendable {
    public var processes: [Int32: ProcStat]

    public init(processes: [Int32: ProcStat]) { self.processes = processes }

    public static let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
    public static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// Reads every `/proc/[0-9]*/stat`. Processes that vanish while reading are skipped.
    public static func read() -> ProcTable {
        var out: [Int32: ProcStat] = [:]
        guard let dir = opendir("/proc") else { return ProcTable(processes: [:]) }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            guard let first = name.utf8.first, first >= 48, first <= 57 else { continue }
            if let text = readSmallFile("/proc/\(name)/stat"), let s = ProcStat.parse(text) { out[s.pid] = s }
        }
        return ProcTable(processes: out)
    }

    /// `root` and all its descendants (by ppid), living ones only.
    public func tree(root: Int32) -> [ProcStat] {
        var children: [Int32: [Int32]] = [:]
        for p in processes.values { children[p.ppid, default: []].append(p.pid) }
        var out: [ProcStat] = []
        var stack = [root]
        var seen = Set<Int32>()
        while let pid = stack.popLast() {
            guard seen.insert(pid).inserted, let p = processes[pid] else { continue }
            if !p.isZombie { out.append(p) }
            stack += children[pid] ?? []
        }
        return out
    }

    /// Reads a small /proc file without Foundation's overhead.
    static func readSmallFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buf = [UInt8](repeating: 0, count: 4096)
        let n = buf.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, 4096) }
        guard n > 0 else { return nil }
        return String(decoding: buf[0..<n], as: UTF8.self)
    }
}
