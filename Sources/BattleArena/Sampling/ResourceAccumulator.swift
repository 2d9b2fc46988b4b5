import BattleCore

/// Turns snapshots of a process tree into a `ResourceUsage`. Pure: the
/// sampler feeds it what it read from /proc; tests feed it made-up trees.
///
/// CPU is counted per PID from its first sighting: processes alive at the
/// first sample count from there, processes born later count in full, and a
/// process that exits keeps what it had used when last seen.
public struct ResourceAccumulator: Sendable {
    public let ticksPerSecond: Double
    public let pageSize: Int
    private var firstTicks: [Int32: UInt64] = [:]
    private var lastTicks: [Int32: UInt64] = [:]
    private var startTime: Double?
    private var lastTime: Double?
    public private(set) var samples: [ResourceSample] = []

    public init(ticksPerSecond: Double = ProcTable.ticksPerSecond, pageSize: Int = ProcTable.pageSize) {
        self.ticksPerSecond = ticksPerSecond
        self.pageSize = pageSize
    }

    /// Adds the tree as seen at `time` (seconds, any monotonic origin).
    public mutating func add(_ tree: [ProcStat], at time: Double) {
        let first = startTime == nil
        if first { startTime = time }
        for p in tree {
            if firstTicks[p.pid] == nil { firstTicks[p.pid] = first ? p.cpuTicks : 0 }
            lastTicks[p.pid] = p.cpuTicks
        }
        lastTime = time
        let ticks = lastTicks.reduce(UInt64(0)) { $0 + ($1.value &- min(firstTicks[$1.key] ?? 0, $1.value)) }
        samples.append(
            ResourceSample(
                t: time - startTime!, cpuSeconds: Double(ticks) / ticksPerSecond,
                rssBytes: tree.reduce(0) { $0 + $1.rssPages } * pageSize,
                threads: tree.reduce(0) { $0 + $1.threads }))
    }

    /// The usage over the window, or nil with fewer than two samples.
    public var usage: ResourceUsage? {
        guard samples.count >= 2, let last = samples.last else { return nil }
        let wall = last.t - samples[0].t
        let rss = samples.map(\.rssBytes)
        return ResourceUsage(
            cpuSeconds: last.cpuSeconds, cpuCores: wall > 0 ? last.cpuSeconds / wall : 0,
            peakRSSBytes: rss.max() ?? 0, steadyRSSBytes: Int(Statistics.median(rss.map(Double.init))),
            maxThreads: samples.map(\.threads).max() ?? 0, samples: samples)
    }

    /// `usage` rescaled to a window of `seconds` (the load generator's measured
    /// window), so CPU per request divides like with like: the sampler's own
    /// window starts and ends a few milliseconds off the load generator's.
    public func usage(scaledTo seconds: Double) -> ResourceUsage? {
        guard var u = usage else { return nil }
        if seconds > 0 { u.cpuSeconds = u.cpuCores * seconds }
        return u
    }
}
