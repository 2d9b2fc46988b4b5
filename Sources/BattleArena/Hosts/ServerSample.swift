import Foundation

/// One sample of a contender's process tree on its own host, as `battle
/// hosts serve` prints it (one JSON line per sample) for `battle run --hosts`.
public struct ServerSample: Codable, Sendable, Equatable {
    /// Seconds since the epoch on the server host's clock.
    public var t: Double
    /// The contender's PID there.
    public var pid: Int32
    public var processes: [Process]

    public struct Process: Codable, Sendable, Equatable {
        public var pid: Int32
        public var cpuTicks: UInt64
        public var rssPages: Int
        public var threads: Int

        public init(_ p: ProcStat) {
            pid = p.pid
            cpuTicks = p.cpuTicks
            rssPages = p.rssPages
            threads = p.threads
        }

        /// As the sampler's `ProcStat` (state and parents are not sent).
        public var stat: ProcStat {
            ProcStat(pid: pid, state: "S", ppid: 0, pgrp: 0, cpuTicks: cpuTicks, threads: threads, rssPages: rssPages)
        }
    }

    public init(t: Double, pid: Int32, processes: [Process]) {
        self.t = t
        self.pid = pid
        self.processes = processes
    }

    /// The samples in a file of JSON lines; a line cut short by the end of a run is skipped.
    public static func parse(lines text: String) -> [ServerSample] {
        let decoder = JSONDecoder()
        return text.split(separator: "\n").compactMap { try? decoder.decode(ServerSample.self, from: Data($0.utf8)) }
    }
}
